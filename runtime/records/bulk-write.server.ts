import type { Knex } from "knex";
import { auditMany } from "../auth/audit.server";
import { insertMany, sqlLiteral } from "../db/insert-many.server";
import { dbNow } from "../db/system-tables.server";
import { ApiError } from "../errors";
import { nextTurn, ROWS_A_TURN } from "../turns";
import { fieldKinds, holdsFiles } from "../fields/registry";
import { isAutonumber, isRelation, relationTarget } from "../fields/structure";
import type { CompiledField, CompiledTable } from "../schema/compile";
import { applyOwner, refuseLockedWrites } from "./access";
import { refuseBrokenAsserts } from "./asserts";
import { checkSameAs } from "./checks.server";
import { computeFormulasInPlace } from "./compute";
import { applyConversions, checkAtMost, convertedFields, rateLookups } from "./conversion.server";
import type { RecordsContext } from "./context.server";
import { depthOf, emitWrites, type WriteEvent } from "./hooks";
import { applyDefaults, splitInput } from "./input";
import { assignAutonumbersMany } from "./numbering.server";
import { authorize, lockedFields, type Actor } from "./permissions";
import { cascade, listsForFormulas } from "./recompute.server";
import { toRow, type RecordJson } from "./rows";
import { writeTransaction } from "./transaction.server";
import { validateValues, type FieldErrors } from "./validation";
import { refuseLineOfLockedParent } from "./write.server";

/**
 * `createMany`: many new records as `create` makes each — rights, owner, defaults, validation,
 * relations, unique values, formulas, asserts, autonumbers, the cascade, the audit trail and the
 * write hooks (rules) — with the database work done per batch: one IN query per related table and
 * per unique field without a unique index of its own (an index refuses the INSERT, which refuses
 * the batch), one counter bump per autonumber, multi-row INSERTs for the records and their audit.
 *
 * All or nothing, and it does not say which record is wrong: when any record would be refused it
 * throws `BulkRefused`, and the caller writes that batch record by record (`create`), which names
 * each refusal. So the checks here may be coarser than `create`'s, never looser: a possible
 * clash (a value repeated in the batch, whatever its case and accents) is a refusal.
 *
 * Two steps, so that a bulk import checks and computes its next batch while the database writes
 * this one: `prepareRecords` needs no transaction (rights, input, validation, reads of other
 * tables, formulas, asserts, each row's stored values); `writePrepared` runs in the write's
 * (limits, the table's own unique values, autonumbers, INSERTs, cascade, audit, hooks), and
 * refuses a batch prepared under another schema version or for another actor.
 */

export class BulkRefused extends ApiError {
  constructor(reason: string) {
    super(422, `the batch was not written as one: ${reason}; write its records one by one to see which`);
    this.name = "BulkRefused";
  }
}

/** New records checked and computed, not yet numbered nor written (`prepareRecords`). */
export interface PreparedRecords {
  readonly table: string;
  /** The schema version they were checked against. */
  readonly version: number;
  /** Who they were checked for. */
  readonly actor: Actor;
  /** Their values, formulas computed. */
  readonly records: Record<string, unknown>[];
  /** The columns the rows fill; each row, a record's values as stored (autonumbers and system columns filled at the write). */
  readonly columns: string[];
  readonly rows: unknown[][];
  /** On MariaDB, each row's field values already written as SQL (`insertMany`'s `written`). */
  readonly written?: { columns: number; text: string[] };
}

export async function createRecords(ctx: RecordsContext, actor: Actor, tableKey: string, inputs: unknown[]): Promise<number[]> {
  return writePrepared(ctx, actor, await prepareRecords(ctx, actor, tableKey, inputs));
}

export async function prepareRecords(ctx: RecordsContext, actor: Actor, tableKey: string, inputs: unknown[]): Promise<PreparedRecords> {
  const { db } = ctx;
  const { compiled, table } = await ctx.tableOf(tableKey);
  authorize(actor, "create", table);
  const all: Record<string, unknown>[] = [];
  const lookups = rateLookups(db);
  const fileFields = table.fields.filter((f) => holdsFiles(f));
  const converts = convertedFields(table).length > 0;
  const locks = lockedFields(actor, table).size > 0;
  // One errors object for the batch: the first record with any refuses it, so it stays empty till then.
  const errors: FieldErrors = {};
  for (let i = 0; i < inputs.length; i++) {
    if (i % ROWS_A_TURN === ROWS_A_TURN - 1) await nextTurn();
    const { values, lists } = splitInput(table, inputs[i], errors);
    if (!isEmpty(lists)) throw new BulkRefused("a record has lines");
    if (locks) refuseLockedWrites(actor, table, values, null);
    applyOwner(actor, table, values, null);
    applyDefaults(table, values);
    const conversionErrors = converts ? await applyConversions(db, table, values, null, lookups) : null;
    Object.assign(errors, validateValues(compiled, table, values, "create"), conversionErrors);
    if (!isEmpty(errors)) throw new BulkRefused(`${Object.keys(errors).join(", ")} would be refused`);
    for (const f of fileFields) if (values[f.key] !== null && values[f.key] !== undefined) throw new BulkRefused("a record holds a file");
    all.push(values);
  }
  refuseSharedLimits(table, all);
  await checkRelationsMany(db, table, all);
  refuseRepeatedUniques(table, all);
  if (table.fields.some((f) => typeof f.def["x-same-as"] === "string"))
    for (const values of all) {
      const errors: FieldErrors = {};
      await checkSameAs(db, compiled, table, values, errors);
      if (Object.keys(errors).length) throw new BulkRefused(`${Object.keys(errors).join(", ")} would be refused`);
    }
  await refuseLineOfLockedParent(db, compiled, table, ...all);
  // A new record has no lines yet: its formulas see empty lists, read from nowhere.
  const lists = await listsForFormulas(db, compiled, table, null, {});
  const records: Record<string, unknown>[] = [];
  for (let i = 0; i < all.length; i++) {
    if (i % ROWS_A_TURN === ROWS_A_TURN - 1) await nextTurn();
    const record = computeFormulasInPlace(table, all[i], lists); // `all` holds splitInput's copies
    refuseBrokenAsserts(table, null, record);
    records.push(record);
  }
  // Each value as its column stores it (`toRow`), a field no record has left out; then a place for
  // each autonumber (no field column has a default: NULL is what leaving it out gives) and the
  // system columns, filled at the write.
  const fields = table.fields.filter((f) => !isAutonumber(f) && records.some((r) => f.key in r));
  const autonumbers = table.fields.filter(isAutonumber);
  const columns = [...fields.map((f) => f.key), ...autonumbers.map((f) => f.key), ...SYSTEM_COLUMNS];
  // On MariaDB the fields' values are written out as SQL here too, off the write's critical path.
  const literal = sqlLiteral(db);
  const written = literal ? { columns: fields.length, text: new Array<string>(records.length) } : undefined;
  const rows: unknown[][] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    if (i % ROWS_A_TURN === ROWS_A_TURN - 1) await nextTurn();
    const row: unknown[] = new Array(columns.length).fill(null);
    for (let c = 0; c < fields.length; c++) row[c] = columnValue(fields[c], records[i][fields[c].key]);
    if (written) written.text[i] = row.slice(0, fields.length).map(literal!).join(", ");
    rows[i] = row;
  }
  return { table: table.key, version: compiled.version, actor, records, columns, rows, written };
}

/** A new row's system columns, after its fields: version, created and updated at and by. */
const SYSTEM_COLUMNS = ["version", "created_at", "updated_at", "created_by", "updated_by"];

export async function writePrepared(ctx: RecordsContext, actor: Actor, prepared: PreparedRecords): Promise<number[]> {
  const { compiled, table } = await ctx.tableOf(prepared.table);
  if (compiled.version !== prepared.version) throw new BulkRefused("the schema changed while the batch was prepared");
  if (actor !== prepared.actor) throw new BulkRefused("the batch was prepared for someone else");
  authorize(actor, "create", table);
  const { records, rows } = prepared;
  if (records.length === 0) return [];

  return writeTransaction(ctx, async (trx, afterTransaction) => {
    await refuseTakenUniques(trx, table, records);
    if (table.fields.some((f) => typeof f.def["x-at-most"] === "string"))
      for (const values of records) {
        const errors: FieldErrors = {};
        await checkAtMost(trx, compiled, table, null, values, errors, ctx.dialect === "mysql");
        if (Object.keys(errors).length) throw new BulkRefused(`${Object.keys(errors).join(", ")} would be refused`);
      }
    const now = dbNow();
    const autonumbers = table.fields.filter(isAutonumber);
    // Numbers are never input: a write retried (a deadlock) numbers afresh, as its counter rolled back.
    for (const f of autonumbers) for (const r of records) if (f.key in r) r[f.key] = undefined;
    await assignAutonumbersMany(trx, ctx.dialect, table, records);
    const at = prepared.columns.length - autonumbers.length - SYSTEM_COLUMNS.length;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      for (let a = 0; a < autonumbers.length; a++) row[at + a] = columnValue(autonumbers[a], records[i][autonumbers[a].key]);
      const s = at + autonumbers.length;
      row[s] = 1;
      row[s + 1] = now;
      row[s + 2] = now;
      row[s + 3] = actor.id;
      row[s + 4] = actor.id;
    }
    const ids = await insertRows(trx, ctx.dialect, table.key, prepared.columns, rows, prepared.written);
    await cascade(trx, compiled, table, records, 0);
    await auditMany(
      trx,
      ids.map((id) => ({ userId: actor.id, action: "create" as const, table: table.key, recordId: id, ip: actor.ip })),
    );
    if (ctx.hooks.list.length) {
      const depth = depthOf(actor);
      const events = ids.map((id, i): WriteEvent => {
        // The prepared record itself, not a copy: nothing reads it after the hooks (a retry numbers it again).
        const after = records[i] as RecordJson;
        after.id = id;
        after.version = 1;
        return { action: "created", compiled, table, id, before: null, after, actor, depth, afterTransaction };
      });
      await emitWrites(ctx.hooks, trx, events);
    }
    return ids;
  });
}

function isEmpty(object: object): boolean {
  for (const _ in object) return false;
  return true;
}

/** A value as its column stores it (`toRow`'s conversion). */
function columnValue(f: CompiledField, v: unknown): unknown {
  return v === null || v === undefined || v === "" ? null : fieldKinds[f.kind].toDb(v, f.def);
}

/**
 * Multi-row INSERTs answering the new ids in order. SQLite says them (RETURNING); MariaDB gives the
 * first, and InnoDB hands a multi-row INSERT consecutive ids unless `innodb_autoinc_lock_mode` is 2
 * ("interleaved"), where the rows go in one by one.
 */
async function insertRows(
  trx: Knex.Transaction,
  dialect: string,
  tableKey: string,
  columns: string[],
  rows: unknown[][],
  written: PreparedRecords["written"],
): Promise<number[]> {
  if (dialect !== "mysql") return insertMany(trx, tableKey, columns, rows, { ids: { step: 1 } });
  const { step, consecutive } = await autoIncrementOf(trx);
  return insertMany(trx, tableKey, columns, rows, { ids: { step }, rowsPerStatement: consecutive ? undefined : 1, written });
}

/** The server's auto-increment settings, asked once per database configuration (a transaction has a client of its own). */
const autoIncrement = new WeakMap<object, Promise<{ step: number; consecutive: boolean }>>();
function autoIncrementOf(trx: Knex.Transaction): Promise<{ step: number; consecutive: boolean }> {
  let known = autoIncrement.get(trx.client.config);
  if (!known) {
    known = (async () => {
      const [[row]] = (await trx.raw("select @@innodb_autoinc_lock_mode as mode, @@auto_increment_increment as step")) as [
        { mode: number; step: number }[],
      ];
      return { step: Number(row.step), consecutive: Number(row.mode) !== 2 };
    })();
    autoIncrement.set(trx.client.config, known);
  }
  return known;
}

/**
 * `x-at-most` is checked per record against the stored limit: two records of the batch counting
 * against one limit (two payments of one invoice) could pass each and break it together.
 */
function refuseSharedLimits(table: CompiledTable, all: Record<string, unknown>[]): void {
  for (const f of table.fields) {
    const path = f.def["x-at-most"];
    if (typeof path !== "string") continue;
    const via = path.split(".")[0];
    const seen = new Set<unknown>();
    for (const values of all) {
      const id = values[via];
      if (id === null || id === undefined) continue;
      if (seen.has(id)) throw new BulkRefused(`two records count against the ${path} of one record`);
      seen.add(id);
    }
  }
}

/** Every related record named exists: one IN query per related table. */
async function checkRelationsMany(q: Knex, table: CompiledTable, all: Record<string, unknown>[]): Promise<void> {
  const wanted = new Map<string, Set<number>>();
  for (const f of table.fields) {
    if (!isRelation(f)) continue;
    const target = relationTarget(f)!;
    for (const values of all) {
      const id = values[f.key];
      if (typeof id !== "number") continue;
      let set = wanted.get(target);
      if (!set) wanted.set(target, (set = new Set()));
      set.add(id);
    }
  }
  for (const [target, set] of wanted) {
    const ids = [...set];
    for (let i = 0; i < ids.length; i += 1000) {
      const part = ids.slice(i, i + 1000);
      const found = (await q(target).whereIn("id", part).count({ n: "*" }).first()) as { n: number | string };
      if (Number(found.n) !== part.length) throw new BulkRefused(`a related ${target} record does not exist`);
    }
  }
}

/** What a case- and accent-insensitive collation would take for one value. */
const loose = (v: unknown) =>
  typeof v !== "string"
    ? JSON.stringify(v)
    : /^[\x20-\x7e]*$/.test(v)
      ? v.toLowerCase().trimEnd()
      : v.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+$/, "");

/** No unique value repeats in the batch, whatever its case and accents (which a unique index might still take). */
function refuseRepeatedUniques(table: CompiledTable, all: Record<string, unknown>[]): void {
  for (const f of table.fields) {
    if (f.def["x-unique"] !== true) continue;
    const seen = new Set<string>();
    for (const values of all) {
      const v = values[f.key];
      if (v === null || v === undefined || v === "") continue;
      const key = loose(v);
      if (seen.has(key)) throw new BulkRefused(`${f.label} repeats a value`);
      seen.add(key);
    }
  }
}

/**
 * No unique value is taken in the table: the field's unique index refuses the INSERT itself, which
 * refuses the batch; a unique field without an index of its own is asked, one IN query per 1,000
 * values, in the write's transaction (where an earlier batch of the same import is seen).
 */
async function refuseTakenUniques(q: Knex, table: CompiledTable, all: Record<string, unknown>[]): Promise<void> {
  for (const f of table.fields) {
    if (f.def["x-unique"] !== true) continue;
    if (table.indexes.some((ix) => ix.unique && ix.columns.length === 1 && ix.columns[0] === f.key)) continue;
    const dbValues: Knex.Value[] = [];
    for (const values of all) {
      const v = values[f.key];
      if (v !== null && v !== undefined && v !== "") dbValues.push(toRow(table, { [f.key]: v })[f.key] as Knex.Value);
    }
    for (let i = 0; i < dbValues.length; i += 1000) {
      const taken = await q(table.key)
        .whereIn(f.key, dbValues.slice(i, i + 1000) as readonly Knex.Value[])
        .first("id");
      if (taken) throw new BulkRefused(`${f.label} holds a value another ${table.label} has`);
    }
  }
}
