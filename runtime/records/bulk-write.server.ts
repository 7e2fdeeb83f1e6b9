import type { Knex } from "knex";
import { auditMany } from "../auth/audit.server";
import { dbNow } from "../db/system-tables.server";
import { ApiError } from "../errors";
import { holdsFiles } from "../fields/registry";
import { isRelation, relationTarget } from "../fields/structure";
import type { CompiledTable } from "../schema/compile";
import { applyOwner, refuseLockedWrites } from "./access";
import { refuseBrokenAsserts } from "./asserts";
import { checkSameAs } from "./checks.server";
import { computeFormulas } from "./compute";
import { applyConversions, checkAtMost, rateLookups } from "./conversion.server";
import type { RecordsContext } from "./context.server";
import { depthOf, emitWrite } from "./hooks";
import { applyDefaults, splitInput } from "./input";
import { assignAutonumbersMany } from "./numbering.server";
import { authorize, type Actor } from "./permissions";
import { cascade, listsForFormulas } from "./recompute.server";
import { toRow, type RecordJson } from "./rows";
import { writeTransaction } from "./transaction.server";
import { validateValues, type FieldErrors } from "./validation";
import { newRow, refuseLineOfLockedParent } from "./write.server";

/**
 * `createMany`: many new records as `create` makes each — rights, owner, defaults, validation,
 * relations, unique values, formulas, asserts, autonumbers, the cascade, the audit trail and the
 * write hooks (rules) — with the database work done per batch: one IN query per related table and
 * per unique field without a unique index of its own (an index refuses the INSERT, which refuses
 * the batch), one counter bump per autonumber, one multi-row INSERT, one multi-row audit INSERT.
 *
 * All or nothing, and it does not say which record is wrong: when any record would be refused it
 * throws `BulkRefused`, and the caller writes that batch record by record (`create`), which names
 * each refusal. So the checks here may be coarser than `create`'s, never looser: a possible
 * clash (a value repeated in the batch, whatever its case and accents) is a refusal.
 */

export class BulkRefused extends ApiError {
  constructor(reason: string) {
    super(422, `the batch was not written as one: ${reason}; write its records one by one to see which`);
    this.name = "BulkRefused";
  }
}

/** Bind variables per statement: under SQLite's 32,766 and MariaDB's 65,535. */
const MAX_BINDINGS = 30_000;
/** Text a statement: well under MariaDB's default `max_allowed_packet` (16 MB). */
const MAX_STATEMENT_BYTES = 4 * 1024 * 1024;

export async function createRecords(ctx: RecordsContext, actor: Actor, tableKey: string, inputs: unknown[]): Promise<number[]> {
  const { db } = ctx;
  const { compiled, table } = await ctx.tableOf(tableKey);
  authorize(actor, "create", table);
  if (inputs.length === 0) return [];
  const all: Record<string, unknown>[] = [];
  const lookups = rateLookups(db);
  for (const input of inputs) {
    const errors: FieldErrors = {};
    const { values, lists } = splitInput(table, input, errors);
    if (Object.keys(lists).length) throw new BulkRefused("a record has lines");
    refuseLockedWrites(actor, table, values, null);
    applyOwner(actor, table, values, null);
    applyDefaults(table, values);
    const conversionErrors = await applyConversions(db, table, values, null, lookups);
    Object.assign(errors, validateValues(compiled, table, values, "create"), conversionErrors);
    if (Object.keys(errors).length) throw new BulkRefused(`${Object.keys(errors).join(", ")} would be refused`);
    if (table.fields.some((f) => holdsFiles(f) && values[f.key] !== null && values[f.key] !== undefined))
      throw new BulkRefused("a record holds a file");
    all.push(values);
  }
  refuseSharedLimits(table, all);
  await checkRelationsMany(db, table, all);
  await checkUniqueMany(db, table, all);
  if (table.fields.some((f) => typeof f.def["x-same-as"] === "string"))
    for (const values of all) {
      const errors: FieldErrors = {};
      await checkSameAs(db, compiled, table, values, errors);
      if (Object.keys(errors).length) throw new BulkRefused(`${Object.keys(errors).join(", ")} would be refused`);
    }
  await refuseLineOfLockedParent(db, compiled, table, ...all);

  return writeTransaction(ctx, async (trx, afterTransaction) => {
    if (table.fields.some((f) => typeof f.def["x-at-most"] === "string"))
      for (const values of all) {
        const errors: FieldErrors = {};
        await checkAtMost(trx, compiled, table, null, values, errors, ctx.dialect === "mysql");
        if (Object.keys(errors).length) throw new BulkRefused(`${Object.keys(errors).join(", ")} would be refused`);
      }
    const now = dbNow();
    const lists = await listsForFormulas(trx, compiled, table, null, {});
    const records = all.map((values) => {
      const record = computeFormulas(table, values, lists);
      refuseBrokenAsserts(table, null, record);
      return record;
    });
    await assignAutonumbersMany(trx, ctx.dialect, table, records);
    const rows = records.map((record) => newRow(table, record, actor, now));
    const ids = await insertRows(trx, ctx.dialect, table.key, rows);
    await cascade(trx, compiled, table, records, 0);
    await auditMany(
      trx,
      ids.map((id) => ({ userId: actor.id, action: "create" as const, table: table.key, recordId: id, ip: actor.ip })),
    );
    if (ctx.hooks.list.length) {
      const depth = depthOf(actor);
      for (let i = 0; i < ids.length; i++) {
        const after = { ...records[i], id: ids[i], version: 1 } as RecordJson;
        await emitWrite(ctx.hooks, trx, {
          action: "created",
          compiled,
          table,
          id: ids[i],
          before: null,
          after,
          actor,
          depth,
          afterTransaction,
        });
      }
    }
    return ids;
  });
}

/**
 * Multi-row INSERTs answering the new ids in order. SQLite says them (RETURNING); MariaDB gives the
 * first, and InnoDB hands a multi-row INSERT consecutive ids unless `innodb_autoinc_lock_mode` is 2
 * ("interleaved"), where the rows go in one by one.
 */
async function insertRows(trx: Knex.Transaction, dialect: string, tableKey: string, rows: Record<string, unknown>[]): Promise<number[]> {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  // Plain VALUES lists, built here: knex's multi-row insert costs more CPU than the rows' values,
  // and on SQLite it is a compound SELECT capped at 500 rows.
  const insert = (part: Record<string, unknown>[], returning: string) =>
    trx.raw(`insert into ?? (${columns.map(() => "??").join(", ")}) values ${part.map(() => tuple).join(", ")}${returning}`, [
      tableKey,
      ...columns,
      ...part.flatMap((r) => columns.map((c) => (r[c] ?? null) as Knex.Value)),
    ]);
  const ids: number[] = [];
  const mysql = dialect === "mysql";
  const { step, consecutive } = mysql ? await autoIncrementOf(trx) : { step: 1, consecutive: true };
  for (const part of statements(rows, columns.length, consecutive)) {
    if (!mysql) {
      // One writer: the rows take ascending ids in the order listed; RETURNING's own order is not promised.
      const made = (await insert(part, " returning id")) as { id: number }[];
      ids.push(...made.map((m) => Number(m.id)).sort((a, b) => a - b));
      continue;
    }
    const [result] = (await insert(part, "")) as [{ insertId: number }];
    for (let k = 0; k < part.length; k++) ids.push(Number(result.insertId) + k * step);
  }
  return ids;
}

/**
 * The rows in statements of at most `MAX_BINDINGS` values and about `MAX_STATEMENT_BYTES` of text
 * (MariaDB refuses a statement over `max_allowed_packet`, 16 MB by default: 1,500 notes of 15 KB).
 */
function* statements(rows: Record<string, unknown>[], width: number, many: boolean): Generator<Record<string, unknown>[]> {
  const per = many ? Math.max(1, Math.floor(MAX_BINDINGS / width)) : 1;
  let part: Record<string, unknown>[] = [];
  let bytes = 0;
  for (const row of rows) {
    let size = 0;
    for (const key in row) {
      const v = row[key];
      size += typeof v === "string" ? v.length * 3 : 24;
    }
    if (part.length && (part.length >= per || bytes + size > MAX_STATEMENT_BYTES)) {
      yield part;
      part = [];
      bytes = 0;
    }
    part.push(row);
    bytes += size;
  }
  if (part.length) yield part;
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

/** No unique value is taken, in the table or twice in the batch: the field's unique index, or one IN query per field. */
async function checkUniqueMany(q: Knex, table: CompiledTable, all: Record<string, unknown>[]): Promise<void> {
  for (const f of table.fields) {
    if (f.def["x-unique"] !== true) continue;
    const seen = new Set<string>();
    const dbValues: Knex.Value[] = [];
    for (const values of all) {
      const v = values[f.key];
      if (v === null || v === undefined || v === "") continue;
      const key = loose(v);
      if (seen.has(key)) throw new BulkRefused(`${f.label} repeats a value`);
      seen.add(key);
      dbValues.push(toRow(table, { [f.key]: v })[f.key] as Knex.Value);
    }
    // A unique index refuses the INSERT itself, which refuses the batch: no query needed here.
    if (table.indexes.some((ix) => ix.unique && ix.columns.length === 1 && ix.columns[0] === f.key)) continue;
    for (let i = 0; i < dbValues.length; i += 1000) {
      const taken = await q(table.key)
        .whereIn(f.key, dbValues.slice(i, i + 1000) as readonly Knex.Value[])
        .first("id");
      if (taken) throw new BulkRefused(`${f.label} holds a value another ${table.label} has`);
    }
  }
}
