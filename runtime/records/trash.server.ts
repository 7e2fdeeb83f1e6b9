import { tableName } from "../i18n/schema-names";
import type { Knex } from "knex";
import { audit } from "../auth/audit.server";
import { dbNow, SYSTEM_TABLES } from "../db/system-tables.server";
import { recordRefusal } from "./record-words";
import { isComposition, relationTarget } from "../fields/structure";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { inScope, strip } from "./access";
import { checkRelations } from "./checks.server";
import { refuseLockedDelete } from "./locks";
import { refuseLineOfLockedParent } from "./write.server";
import type { RecordsContext } from "./context.server";
import { throwIfErrors } from "./input";
import { parseId } from "./params";
import { authorize, type Actor } from "./permissions";
import { readOne } from "./read.server";
import { cascade, recomputeRecord } from "./recompute.server";
import { fieldValues, toRow, type RecordJson } from "./rows";
import { titleOf } from "./titles";
import { depthOf, emitWrite } from "./hooks";
import { writeTransaction } from "./transaction.server";
import type { FieldErrors } from "./validation";

/**
 * `remove` and `restore`: a deleted record goes to the trash with its lines, as JSON, and comes
 * back from it with its id, its lines and a new version.
 */

export async function removeRecord(ctx: RecordsContext, actor: Actor, tableKey: string, rawId: unknown): Promise<void> {
  const { compiled, table } = await ctx.tableOf(tableKey);
  authorize(actor, "delete", table);
  const id = parseId(rawId);
  await writeTransaction(ctx, async (trx, afterTransaction) => {
    const record = await readOne(trx, compiled, table, id);
    if (!record || !inScope(actor, table, record)) throw recordRefusal(404, "refusals.trash.gone", { label: tableName(table), id });
    refuseLockedDelete(table, record);
    await refuseLineOfLockedParent(trx, compiled, table, record);
    // Records that point here (other than its own lines) would be left dangling.
    const uses = await usesOf(trx, compiled, table, id);
    if (uses.length)
      throw recordRefusal(409, "refusals.trash.stillUsed", { title: titleOf(table, record), uses: uses.join(", ") }, { usedBy: uses });
    await trx(SYSTEM_TABLES.trash).insert({
      kind: "record",
      table_id: table.id,
      table_key: table.key,
      record_id: id,
      label: titleOf(table, record).slice(0, 255),
      data: JSON.stringify(record),
      schema_version: compiled.version,
      deleted_at: dbNow(),
      deleted_by: actor.id,
    });
    for (const list of table.lists.filter((l) => l.composition)) await trx(list.table).where(list.field, id).delete();
    await trx(table.key).where({ id }).delete();
    await cascade(trx, compiled, table, [record], 0);
    await audit(trx, { userId: actor.id, action: "delete", table: table.key, recordId: id, ip: actor.ip });
    await emitWrite(ctx.hooks, trx, {
      action: "deleted",
      compiled,
      table,
      id,
      before: record,
      after: null,
      actor,
      depth: depthOf(actor),
      afterTransaction,
    });
  });
}

export async function restoreRecord(ctx: RecordsContext, actor: Actor, tableKey: string, rawId: unknown): Promise<RecordJson> {
  const { compiled, table } = await ctx.tableOf(tableKey);
  authorize(actor, "create", table);
  const id = parseId(rawId);
  await writeTransaction(ctx, async (trx, afterTransaction) => {
    const entry = (await trx(SYSTEM_TABLES.trash)
      .where({ kind: "record", table_id: table.id, record_id: id })
      .whereNull("restored_at")
      .orderBy("id", "desc")
      .first()) as { id: number; data: string } | undefined;
    if (!entry) throw recordRefusal(404, "refusals.trash.notInTrash", { label: tableName(table), id });
    if (await trx(table.key).where({ id }).first("id")) throw recordRefusal(409, "refusals.trash.exists", { label: tableName(table), id });
    const saved = JSON.parse(entry.data) as Record<string, unknown>;
    if (!inScope(actor, table, saved)) throw recordRefusal(404, "refusals.trash.notInTrash", { label: tableName(table), id });
    const values = fieldValues(table, saved);
    const errors: FieldErrors = {};
    await checkRelations(trx, compiled, table, values, errors);
    throwIfErrors(table, errors);
    const now = dbNow();
    await trx(table.key).insert({
      ...toRow(table, values),
      id,
      version: Number(saved.version ?? 0) + 1,
      created_at: String(saved.created_at ?? now)
        .replace("T", " ")
        .replace("Z", ""),
      created_by: (saved.created_by as number | null) ?? null,
      updated_at: now,
      updated_by: actor.id,
    });
    for (const list of table.lists.filter((l) => l.composition)) {
      const child = compiled.tablesByKey.get(list.table)!;
      for (const item of (saved[list.name] as Record<string, unknown>[] | undefined) ?? []) {
        await trx(child.key).insert({
          ...toRow(child, fieldValues(child, item)),
          id: item.id as number,
          [list.field]: id,
          version: Number(item.version ?? 1),
          created_at: now,
          updated_at: now,
          created_by: actor.id,
          updated_by: actor.id,
        });
      }
    }
    await trx(SYSTEM_TABLES.trash).where({ id: entry.id }).update({ restored_at: now });
    await recomputeRecord(trx, compiled, table, id, 0);
    await cascade(trx, compiled, table, [values], 0);
    await audit(trx, { userId: actor.id, action: "restore", table: table.key, recordId: id, ip: actor.ip });
    const after = { ...values, id, version: Number(saved.version ?? 0) + 1 } as RecordJson;
    await emitWrite(ctx.hooks, trx, {
      action: "restored",
      compiled,
      table,
      id,
      before: null,
      after,
      actor,
      depth: depthOf(actor),
      afterTransaction,
    });
  });
  return strip(actor, compiled, table, (await readOne(ctx.db, compiled, table, id))!);
}

/** "3 Invoices (Client)": the records of other tables whose relations point at this one, lines aside. */
async function usesOf(trx: Knex.Transaction, compiled: CompiledSchema, table: CompiledTable, id: number): Promise<string[]> {
  const uses: string[] = [];
  for (const other of compiled.tables) {
    for (const f of other.fields) {
      if (relationTarget(f) !== table.key || isComposition(f)) continue;
      const row = (await trx(other.key).where(f.key, id).count({ n: "*" }).first()) as { n: number | string };
      if (Number(row.n) > 0) uses.push(`${Number(row.n)} ${Number(row.n) === 1 ? other.label : other.pluralLabel} (${f.label})`);
    }
  }
  return uses;
}
