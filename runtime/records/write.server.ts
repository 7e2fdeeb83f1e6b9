import { tableName } from "../i18n/schema-names";
import { audit } from "../auth/audit.server";
import { dbNow } from "../db/system-tables.server";
import type { Knex } from "knex";
import type { ApiError } from "../errors";
import { mergeFieldErrors } from "./field-phrases";
import { recordRefusal } from "./record-words";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { applyOwner, inScope, refuseLockedWrites, strip } from "./access";
import { updateChanges } from "./audit-changes.server";
import { attachFiles, checkFiles, checkRelations, checkSameAs, checkUnique } from "./checks.server";
import { computeFormulas } from "./compute";
import { applyConversions, checkAtMost } from "./conversion.server";
import type { RecordsContext } from "./context.server";
import { applyDefaults, splitInput, throwIfErrors, validateLines, withoutComputed } from "./input";
import { writeLines } from "./lines.server";
import { assignAutonumbers } from "./numbering.server";
import { parseId, parseVersion } from "./params";
import { authorize, type Actor } from "./permissions";
import { readOne } from "./read.server";
import { refuseBrokenAsserts } from "./asserts";
import { lockedKeys, refuseLockedParent, refuseLockedUpdate } from "./locks";
import { linesAsSent } from "./recompute";
import { loadRelatedLists } from "./related-lists.server";
import { cascade, listsForFormulas } from "./recompute.server";
import { fieldValues, fromRow, toRow, type RecordJson } from "./rows";
import { depthOf, emitWrite } from "./hooks";
import { writeTransaction } from "./transaction.server";
import { validateValues, type FieldErrors } from "./validation";

/**
 * `create` and `update`: checked, numbered, computed and written with their lines in one
 * transaction, the records they aggregate into recomputed, the audit trail told. An update
 * carries the version it was made on; a stale one is a conflict, never a silent overwrite.
 */

export interface CreateOptions {
  /**
   * False: answer with the record as written rather than read back — a caller that only needs its
   * id and values (a rule's run, one of hundreds in a batch) saves a round trip. A record sent
   * with lines is read back anyway, for their ids.
   */
  readBack?: boolean;
}

export async function createRecord(
  ctx: RecordsContext,
  actor: Actor,
  tableKey: string,
  input: unknown,
  options: CreateOptions = {},
): Promise<RecordJson> {
  const { db } = ctx;
  const { compiled, table } = await ctx.tableOf(tableKey);
  authorize(actor, "create", table);
  const errors: FieldErrors = {};
  const { values, lists } = splitInput(table, input, errors);
  refuseLockedWrites(actor, table, values, null);
  applyOwner(actor, table, values, null);
  applyDefaults(table, values);
  const conversionErrors = await applyConversions(db, table, values, null);
  Object.assign(errors, validateValues(compiled, table, values, "create"));
  mergeFieldErrors(errors, conversionErrors);
  validateLines(compiled, table, lists, errors);
  await checkRelations(db, compiled, table, values, errors);
  await checkUnique(db, table, values, null, errors);
  await checkFiles(db, actor, table, values, errors);
  await checkSameAs(db, compiled, table, values, errors);
  throwIfErrors(table, errors);
  await refuseLineOfLockedParent(db, compiled, table, values);
  const { id, written } = await writeTransaction(ctx, async (trx, afterTransaction) => {
    await checkAtMost(trx, compiled, table, null, values, errors, ctx.dialect === "mysql");
    throwIfErrors(table, errors);
    const now = dbNow();
    const record = computeFormulas(table, values, await listsForFormulas(trx, compiled, table, null, linesAsSent(compiled, table, lists)));
    refuseBrokenAsserts(table, null, record);
    await assignAutonumbers(trx, ctx.dialect, table, record);
    const row = newRow(table, record, actor, now);
    const [newId] = await trx(table.key).insert(row);
    const id = Number(newId);
    await attachFiles(trx, table, record);
    await writeLines(trx, ctx.dialect, compiled, table, id, lists, actor, false);
    await cascade(trx, compiled, table, [record], 0);
    await audit(trx, { userId: actor.id, action: "create", table: table.key, recordId: id, ip: actor.ip });
    const after = { ...record, id, version: 1 } as RecordJson;
    await emitWrite(ctx.hooks, trx, {
      action: "created",
      compiled,
      table,
      id,
      before: null,
      after,
      actor,
      depth: depthOf(actor),
      afterTransaction,
    });
    return { id, written: fromRow(table, { ...row, id }) };
  });
  if (options.readBack === false && Object.keys(lists).length === 0) return strip(actor, compiled, table, written);
  return strip(actor, compiled, table, (await readOne(db, compiled, table, id))!);
}

export async function updateRecord(
  ctx: RecordsContext,
  actor: Actor,
  tableKey: string,
  rawId: unknown,
  changes: unknown,
  rawVersion: unknown,
): Promise<RecordJson> {
  const { db } = ctx;
  const { compiled, table } = await ctx.tableOf(tableKey);
  authorize(actor, "update", table);
  const id = parseId(rawId);
  const expected = parseVersion(rawVersion);
  const errors: FieldErrors = {};
  const { values, lists } = splitInput(table, changes, errors);
  validateLines(compiled, table, lists, errors);
  const updatedId = await writeTransaction(ctx, async (trx, afterTransaction) => {
    const q = trx(table.key).where({ id });
    if (ctx.dialect === "mysql") q.forUpdate();
    const row = (await q.first()) as Record<string, unknown> | undefined;
    if (!row) throw recordRefusal(404, "notFound", { label: tableName(table), id });
    const current = fromRow(table, row);
    if (!inScope(actor, table, current)) throw recordRefusal(404, "notFound", { label: tableName(table), id });
    if (current.version !== expected)
      throw staleConflict(table, current, expected, strip(actor, compiled, table, (await readOne(trx, compiled, table, id))!));
    refuseLockedWrites(actor, table, values, current);
    applyOwner(actor, table, values, current);
    const merged = { ...fieldValues(table, current), ...values };
    await refuseLockedChange(trx, compiled, table, id, current, values, lists, merged);
    const conversionErrors = await applyConversions(trx, table, merged, values);
    // Computed values are stored but never validated as input: the engine owns them.
    Object.assign(errors, validateValues(compiled, table, withoutComputed(table, merged), "update"));
    mergeFieldErrors(errors, conversionErrors);
    await checkRelations(trx, compiled, table, values, errors);
    await checkUnique(trx, table, values, id, errors);
    await checkFiles(trx, actor, table, values, errors);
    await checkSameAs(trx, compiled, table, merged, errors);
    await checkAtMost(trx, compiled, table, current, merged, errors, ctx.dialect === "mysql");
    throwIfErrors(table, errors);
    await attachFiles(trx, table, values);
    const childLists = await writeLines(trx, ctx.dialect, compiled, table, id, lists, actor, true);
    const record = computeFormulas(table, merged, await listsForFormulas(trx, compiled, table, id, childLists));
    refuseBrokenAsserts(table, current, record);
    await assignAutonumbers(trx, ctx.dialect, table, record);
    const affected = await trx(table.key)
      .where({ id, version: expected })
      .update({ ...toRow(table, record), version: expected + 1, updated_at: dbNow(), updated_by: actor.id });
    if (affected !== 1) throw staleConflict(table, current, expected, await readOne(trx, compiled, table, id));
    await cascade(trx, compiled, table, [record, current], 0);
    const changed = updateChanges(table, current, record, Object.keys(lists));
    await audit(trx, { userId: actor.id, action: "update", table: table.key, recordId: id, changes: changed, ip: actor.ip });
    const after = { ...record, id, version: expected + 1 } as RecordJson;
    await emitWrite(ctx.hooks, trx, {
      action: "updated",
      compiled,
      table,
      id,
      before: current,
      after,
      actor,
      depth: depthOf(actor),
      afterTransaction,
    });
    return id;
  });
  return strip(actor, compiled, table, (await readOne(db, compiled, table, updatedId))!);
}

/** A new record's row: its values as stored, at version 1, made and last changed by `actor` at `now`. */
export function newRow(table: CompiledTable, record: Record<string, unknown>, actor: Actor, now: string): Record<string, unknown> {
  return { ...toRow(table, record), version: 1, created_at: now, updated_at: now, created_by: actor.id, updated_by: actor.id };
}

function staleConflict(table: CompiledTable, current: RecordJson, expected: number, fresh: RecordJson | null): ApiError {
  return recordRefusal(
    409,
    "stale",
    { label: table.label, id: current.id, edited: expected, current: current.version },
    { current: fresh ?? current },
  );
}

/**
 * A locked record (`x-lock`: an issued invoice) keeps its locked fields and lines, and a line of
 * it is not written directly either (the line's old and new parent both).
 */
async function refuseLockedChange(
  trx: Knex,
  compiled: CompiledSchema,
  table: CompiledTable,
  id: number,
  current: RecordJson,
  values: Record<string, unknown>,
  lists: Record<string, Record<string, unknown>[]>,
  merged: Record<string, unknown>,
): Promise<void> {
  await refuseLineOfLockedParent(trx, compiled, table, current, values);
  if (lockedKeys(table, current).size === 0) return;
  const sent = Object.keys(lists);
  const withLines = sent.length ? { ...current, ...(await loadRelatedLists(trx, compiled, table, [id], sent)).get(id) } : current;
  refuseLockedUpdate(table, withLines, values, lists, merged);
}

export async function refuseLineOfLockedParent(
  q: Knex,
  compiled: CompiledSchema,
  table: CompiledTable,
  ...records: Record<string, unknown>[]
) {
  if (!table.parent) return;
  const parentTable = compiled.tablesByKey.get(table.parent.table)!;
  const ids = [...new Set(records.map((r) => r[table.parent!.field]).filter((v): v is number => typeof v === "number"))];
  for (const parentId of ids) {
    const row = (await q(parentTable.key).where({ id: parentId }).first()) as Record<string, unknown> | undefined;
    if (row) refuseLockedParent(parentTable, fromRow(parentTable, row), table.parent.list);
  }
}
