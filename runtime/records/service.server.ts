import type { Knex } from "knex";
import { ApiError, badRequest, conflict, notFound, unprocessable } from "../errors";
import { dialectOf } from "../db/ddl.server";
import { fieldKinds } from "../fields/registry";
import { isStaleSchemaError, isUniqueViolation } from "../db/db-errors";
import { dbNow, SYSTEM_TABLES } from "../db/system-tables.server";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { USERS_TABLE } from "../schema/types";
import type { WorkspaceService } from "../workspace/workspace.server";
import { autonumberDate, autonumberPeriod, conditionHolds, formatAutonumber } from "./autonumber";
import { computeFormulas, hasFormulas, listsUsedByFormulas } from "./compute";
import { parseFilter, type FilterNode } from "./filter";
import { expectedRows } from "./expected-rows";
import { fts5Query, innodbQuery, searchTokens } from "./search";
import { audit, diffRecords } from "../auth/audit.server";
import { authorize, hiddenFields, lockedFields, mayDo, rowScope, type Actor } from "./permissions";
import { applyFilter, applyKeyset, decodeCursor, encodeCursor, escapeLike, LIKE_ESCAPE, parseSort } from "./query.server";
import { fieldValues, fromRow, toRow, type RecordJson } from "./rows";
import { validateValues, type FieldErrors } from "./validation";

export interface ListQuery {
  filter?: unknown;
  sort?: unknown;
  q?: unknown;
  page?: unknown;
  pageSize?: unknown;
  cursor?: unknown;
  expand?: unknown;
}

export interface ListResult {
  rows: RecordJson[];
  total: number;
  /** False when counting stopped at a cap or used the table's row estimate. */
  totalExact: boolean;
  page: number;
  pageSize: number;
  /** Pass back as `cursor` for the next page: a keyset page, as fast at row 1,000,000 as at row 1. */
  nextCursor: string | null;
}

export interface RecordsService {
  list(actor: Actor, table: string, query?: ListQuery): Promise<ListResult>;
  get(actor: Actor, table: string, id: unknown, options?: { expand?: unknown }): Promise<RecordJson>;
  create(actor: Actor, table: string, values: unknown): Promise<RecordJson>;
  update(actor: Actor, table: string, id: unknown, changes: unknown, expectedVersion: unknown): Promise<RecordJson>;
  remove(actor: Actor, table: string, id: unknown): Promise<void>;
  restore(actor: Actor, table: string, id: unknown): Promise<RecordJson>;
  /** Recomputes stored formulas of every record (a migration hook). */
  recomputeTable(db: Knex, schema: CompiledSchema, table: string): Promise<number>;
}

const COUNT_CAP = 10_000;
/** The page query's extra column carrying the capped count, removed before rows leave the service. */
const TOTAL_COLUMN = "__tessera_total";
const STATISTICS_TTL_MS = 10_000;
/** Below this many expected matches (by the index statistics) counting costs well under a millisecond. */
const INLINE_COUNT_MAX_ROWS = 5_000;

function cappedTotal(n: number): { total: number; totalExact: boolean } {
  return n > COUNT_CAP ? { total: COUNT_CAP, totalExact: false } : { total: n, totalExact: true };
}
const MAX_PAGE_SIZE = 500;
const MAX_CASCADE = 4;

function parseId(raw: unknown): number {
  const n = typeof raw === "number" ? raw : typeof raw === "string" && /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw badRequest(`"${String(raw).slice(0, 40)}" is not a record id: ids are positive whole numbers`);
  return n;
}

function parseVersion(raw: unknown): number {
  const s = typeof raw === "string" ? raw.replace(/^W\//, "").replace(/"/g, "") : raw;
  const n = typeof s === "number" ? s : typeof s === "string" && /^\d{1,12}$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new ApiError(
      428,
      "send the version you edited in the If-Match header (the record's \"version\"), so no one else's change is overwritten",
    );
  return n;
}

function positiveInt(raw: unknown, name: string, fallback: number, max: number): number {
  if (raw === undefined || raw === null || raw === "") return fallback;
  const n = typeof raw === "number" ? raw : typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw badRequest(`${name} must be a whole number of at least 1`);
  return Math.min(n, max);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const SYSTEM_KEYS = new Set(["id", "version", "created_at", "updated_at", "created_by", "updated_by", "_expanded"]);

function isRetryable(error: unknown): boolean {
  const e = error as { errno?: number; code?: string };
  return e.errno === 1213 || e.errno === 1205 || e.code === "SQLITE_BUSY";
}

async function inTransaction<T>(db: Knex, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (error) {
      // Another save took a unique value between our check and our write.
      if (isUniqueViolation(error))
        throw conflict("a value that must be unique was saved by someone else at the same moment: reload and try again");
      if (attempt < 6 && isRetryable(error)) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
        continue;
      }
      throw error;
    }
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A 400 about a field key the schema does not know (filter, sort, expand): see `lookupField`. */
function namesUnknownField(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 400 &&
    typeof error.details === "object" &&
    error.details !== null &&
    "field" in error.details
  );
}

export function createRecordsService(db: Knex, workspace: Pick<WorkspaceService, "current">): RecordsService {
  const dialect = dialectOf(db);

  /** Writes check the schema version afresh (`fresh`): a stale one could skip a new rule. */
  async function tableOf(key: unknown, fresh = true): Promise<{ compiled: CompiledSchema; table: CompiledTable }> {
    const { compiled } = await workspace.current({ fresh });
    const table = typeof key === "string" ? compiled.tablesByKey.get(key) : undefined;
    if (!table) throw notFound(`there is no table "${String(key).slice(0, 64)}"`);
    return { compiled, table };
  }

  /**
   * Reads trust the schema version seen a moment ago, which saves a round trip per request. When
   * the database answers that a column or table is gone, or the request names a table or field
   * that version does not know, another instance may have changed the schema: read again once
   * with the current one. Only failing reads pay for the second look.
   */
  async function reading<T>(key: unknown, read: (t: { compiled: CompiledSchema; table: CompiledTable }) => Promise<T>): Promise<T> {
    let seen: { compiled: CompiledSchema; table: CompiledTable };
    try {
      seen = await tableOf(key, false);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
      return read(await tableOf(key, true));
    }
    try {
      return await read(seen);
    } catch (error) {
      if (!isStaleSchemaError(error) && !namesUnknownField(error)) throw error;
      const now = await tableOf(key, true);
      if (now.compiled.version === seen.compiled.version) throw error;
      return read(now);
    }
  }

  function titleOf(table: CompiledTable | null, row: Record<string, unknown>): string {
    if (!table) return String(row.name ?? `#${row.id}`);
    const v = table.titleField ? row[table.titleField] : null;
    return v === null || v === undefined || v === "" ? `${table.label} #${row.id}` : String(v);
  }

  /** Titles of related records for a page: one query per relation field, never one per row. */
  async function expandRelations(
    q: Knex,
    compiled: CompiledSchema,
    table: CompiledTable,
    rows: RecordJson[],
    keys: string[],
    actor: Actor | null = null,
  ) {
    for (const key of keys) {
      const f = table.fieldsByKey.get(key);
      if (!f || f.kind !== "relation")
        throw badRequest(`"${key}" is not a relation of ${table.pluralLabel}: expand takes relation fields`, { field: key });
      const ids = [...new Set(rows.map((r) => r[key]).filter((v): v is number => typeof v === "number"))];
      if (ids.length === 0) continue;
      const targetKey = f.def["x-target"]!;
      const target = targetKey === USERS_TABLE ? null : (compiled.tablesByKey.get(targetKey) ?? null);
      // A role that cannot read the target sees that a record is linked, not what it is called.
      if (actor && target && !mayDo(actor, "read", target)) {
        for (const r of rows)
          if (typeof r[key] === "number")
            ((r._expanded ??= {}) as Record<string, unknown>)[key] = { id: r[key], title: `${target.label} #${r[key]}` };
        continue;
      }
      const titleCol = target ? target.titleField : "name";
      const cols = ["id", ...(titleCol ? [titleCol] : [])];
      const found = (await q(targetKey).select(cols).whereIn("id", ids)) as Record<string, unknown>[];
      const byId = new Map(found.map((r) => [Number(r.id), { id: Number(r.id), title: titleOf(target, r) }]));
      for (const r of rows) {
        const id = r[key];
        if (typeof id !== "number") continue;
        const expanded = (r._expanded ??= {}) as Record<string, unknown>;
        expanded[key] = byId.get(id) ?? { id, title: `#${id} (missing)` };
      }
    }
  }

  async function loadLists(q: Knex, compiled: CompiledSchema, table: CompiledTable, ids: number[], names: string[]) {
    const out = new Map<number, Record<string, RecordJson[]>>();
    for (const id of ids) out.set(id, Object.fromEntries(names.map((n) => [n, [] as RecordJson[]])));
    for (const name of names) {
      const list = table.lists.find((l) => l.name === name);
      if (!list || ids.length === 0) continue;
      const child = compiled.tablesByKey.get(list.table)!;
      const order = child.fieldsByKey.has("position") ? ["position", "id"] : ["id"];
      const rows = (await q(child.key).select("*").whereIn(list.field, ids).orderBy(order)) as Record<string, unknown>[];
      for (const r of rows) out.get(Number(r[list.field]))?.[name].push(fromRow(child, r));
    }
    return out;
  }

  async function readOne(
    q: Knex,
    compiled: CompiledSchema,
    table: CompiledTable,
    id: number,
    expand: string[] = [],
    actor: Actor | null = null,
  ): Promise<RecordJson | null> {
    const row = (await q(table.key).where({ id }).first()) as Record<string, unknown> | undefined;
    if (!row) return null;
    const record = fromRow(table, row);
    const compositions = table.lists.filter((l) => l.composition).map((l) => l.name);
    if (compositions.length) Object.assign(record, (await loadLists(q, compiled, table, [id], compositions)).get(id));
    if (expand.length) await expandRelations(q, compiled, table, [record], expand, actor);
    return record;
  }

  function parseExpand(raw: unknown): string[] {
    if (raw === undefined || raw === null || raw === "") return [];
    if (Array.isArray(raw)) return raw.map(String);
    if (typeof raw === "string") return raw.split(",").filter(Boolean).slice(0, 20);
    throw badRequest(`expand must be a comma-separated list of relation fields, e.g. "client,contract"`);
  }

  /** Splits a request body into the table's own values and composition lists, refusing the rest. */
  function splitInput(table: CompiledTable, input: unknown, errors: FieldErrors) {
    if (!isPlainObject(input)) throw badRequest(`the record must be a JSON object of field values, e.g. {"name":"Acme"}`);
    const values: Record<string, unknown> = {};
    const lists: Record<string, Record<string, unknown>[]> = {};
    for (const [key, value] of Object.entries(input)) {
      if (SYSTEM_KEYS.has(key)) continue;
      const list = table.lists.find((l) => l.name === key && l.composition);
      if (list) {
        if (!Array.isArray(value) || !value.every(isPlainObject)) errors[key] = `${key} must be a list of records`;
        else if (value.length > 1000) errors[key] = `${key} can hold at most 1000 lines`;
        else lists[key] = value as Record<string, unknown>[];
        continue;
      }
      const f = table.fieldsByKey.get(key);
      if (!f) {
        errors[key.slice(0, 64)] = `"${key.slice(0, 64)}" is not a field of ${table.pluralLabel}`;
        continue;
      }
      if (fieldKinds[f.kind].readOnly) continue; // computed here, never taken from input
      values[key] = value;
    }
    return { values, lists };
  }

  async function checkRelations(
    q: Knex,
    compiled: CompiledSchema,
    table: CompiledTable,
    values: Record<string, unknown>,
    errors: FieldErrors,
    prefix = "",
  ) {
    for (const f of table.fields) {
      if (f.kind !== "relation" || typeof values[f.key] !== "number" || errors[prefix + f.key]) continue;
      const targetKey = f.def["x-target"]!;
      const exists = await q(targetKey)
        .where({ id: values[f.key] as number })
        .first("id");
      if (!exists) {
        const target = compiled.tablesByKey.get(targetKey);
        errors[prefix + f.key] = `${f.label}: there is no ${target?.label ?? "user"} with id ${values[f.key]}`;
      }
    }
  }

  /** Unique fields: a clear message before the insert; the unique index still settles races. */
  async function checkUnique(q: Knex, table: CompiledTable, values: Record<string, unknown>, selfId: number | null, errors: FieldErrors) {
    for (const f of table.fields) {
      if (f.def["x-unique"] !== true || errors[f.key]) continue;
      const v = values[f.key];
      if (v === null || v === undefined || v === "") continue;
      const dbValue = toRow(table, { [f.key]: v })[f.key] as Knex.Value;
      const other = q(table.key).where(f.key, dbValue).first("id");
      if (selfId !== null) other.whereNot("id", selfId);
      const found = (await other) as { id: number } | undefined;
      if (found) errors[f.key] = `${f.label} must be unique: ${table.label} #${found.id} already has ${JSON.stringify(v)}`;
    }
  }

  async function assignAutonumbers(trx: Knex.Transaction, table: CompiledTable, record: Record<string, unknown>) {
    for (const f of table.fields) {
      if (f.kind !== "autonumber" || (record[f.key] !== null && record[f.key] !== undefined && record[f.key] !== "")) continue;
      const cond = f.def["x-assign-when"];
      if (cond && !conditionHolds(cond, record)) continue;
      const pattern = f.def["x-pattern"]!;
      const date = autonumberDate(f.def, record, today());
      const period = autonumberPeriod(pattern, date);
      // The counter row stays locked until the record's transaction commits, so numbers are
      // unique and gapless even under concurrent saves; a rolled-back save gives its number back.
      await trx(SYSTEM_TABLES.autonumbers)
        .insert({ field_id: f.id, period, last_value: 1 })
        .onConflict(["field_id", "period"])
        .merge({ last_value: trx.raw("?? + 1", [dialect === "mysql" ? `${SYSTEM_TABLES.autonumbers}.last_value` : "last_value"]) });
      const row = (await trx(SYSTEM_TABLES.autonumbers).where({ field_id: f.id, period }).first("last_value")) as { last_value: number };
      record[f.key] = formatAutonumber(pattern, Number(row.last_value), date);
    }
  }

  /** After a record changed, recompute the stored aggregates of the records it points at. */
  async function cascade(
    trx: Knex.Transaction,
    compiled: CompiledSchema,
    table: CompiledTable,
    records: Record<string, unknown>[],
    depth: number,
  ) {
    if (depth > MAX_CASCADE) return;
    for (const f of table.fields) {
      if (f.kind !== "relation" || !f.def["x-inverse"]) continue;
      const target = compiled.tablesByKey.get(f.def["x-target"]!);
      if (!target || !listsUsedByFormulas(target).includes(f.def["x-inverse"])) continue;
      const ids = [...new Set(records.map((r) => r[f.key]).filter((v): v is number => typeof v === "number"))];
      for (const id of ids) await recomputeRecord(trx, compiled, target, id, depth + 1);
    }
  }

  async function recomputeRecord(
    trx: Knex.Transaction,
    compiled: CompiledSchema,
    table: CompiledTable,
    id: number,
    depth: number,
  ): Promise<boolean> {
    const row = (await trx(table.key).where({ id }).first()) as Record<string, unknown> | undefined;
    if (!row) return false;
    const record = fromRow(table, row);
    const names = listsUsedByFormulas(table);
    const lists = names.length ? (await loadLists(trx, compiled, table, [id], names)).get(id)! : {};
    const computed = computeFormulas(table, record, lists);
    const changed: Record<string, unknown> = {};
    for (const f of table.fields)
      if (f.kind === "formula" && JSON.stringify(computed[f.key]) !== JSON.stringify(record[f.key])) changed[f.key] = computed[f.key];
    if (Object.keys(changed).length === 0) return false;
    // Derived values do not bump the version: an editor holding this record has not lost anything.
    await trx(table.key).where({ id }).update(toRow(table, changed));
    await cascade(trx, compiled, table, [computed], depth);
    return true;
  }

  function throwIfErrors(table: CompiledTable, errors: FieldErrors) {
    const n = Object.keys(errors).length;
    if (n)
      throw unprocessable(`${table.label} was not saved: ${n === 1 ? "one field needs" : `${n} fields need`} attention`, {
        fields: errors,
      });
  }

  function validateChildren(
    compiled: CompiledSchema,
    table: CompiledTable,
    lists: Record<string, Record<string, unknown>[]>,
    errors: FieldErrors,
  ) {
    for (const [name, items] of Object.entries(lists)) {
      const list = table.lists.find((l) => l.name === name)!;
      const child = compiled.tablesByKey.get(list.table)!;
      items.forEach((item, i) => {
        const itemErrors: FieldErrors = {};
        const { values } = splitInput(child, item, itemErrors);
        delete values[list.field];
        Object.assign(itemErrors, validateValues(compiled, child, values, "child", list.field));
        for (const [k, m] of Object.entries(itemErrors)) errors[`${name}.${i}.${k}`] = `Line ${i + 1}: ${m}`;
      });
    }
  }

  async function writeChildren(
    trx: Knex.Transaction,
    compiled: CompiledSchema,
    table: CompiledTable,
    parentId: number,
    lists: Record<string, Record<string, unknown>[]>,
    actor: Actor,
    replace: boolean,
  ): Promise<Record<string, RecordJson[]>> {
    const out: Record<string, RecordJson[]> = {};
    const now = dbNow();
    for (const [name, items] of Object.entries(lists)) {
      const list = table.lists.find((l) => l.name === name)!;
      const child = compiled.tablesByKey.get(list.table)!;
      const existing = replace ? ((await trx(child.key).where(list.field, parentId).select("*")) as Record<string, unknown>[]) : [];
      const existingById = new Map(existing.map((r) => [Number(r.id), r]));
      const kept = new Set<number>();
      for (const item of items) {
        const { values } = splitInput(child, item, {});
        const id = typeof item.id === "number" && existingById.has(item.id) ? item.id : null;
        const merged = { ...(id ? fieldValues(child, fromRow(child, existingById.get(id)!)) : {}), ...values, [list.field]: parentId };
        const computed = computeFormulas(child, merged, {});
        if (id) {
          kept.add(id);
          await trx(child.key)
            .where({ id })
            .update({ ...toRow(child, computed), version: trx.raw("version + 1"), updated_at: now, updated_by: actor.id });
        } else {
          await assignAutonumbers(trx, child, computed);
          await trx(child.key).insert({
            ...toRow(child, computed),
            version: 1,
            created_at: now,
            updated_at: now,
            created_by: actor.id,
            updated_by: actor.id,
          });
        }
      }
      const removed = [...existingById.keys()].filter((id) => !kept.has(id));
      if (removed.length) await trx(child.key).whereIn("id", removed).delete();
      const order = child.fieldsByKey.has("position") ? ["position", "id"] : ["id"];
      out[name] = ((await trx(child.key).where(list.field, parentId).orderBy(order)) as Record<string, unknown>[]).map((r) =>
        fromRow(child, r),
      );
    }
    return out;
  }

  async function listsForFormulas(
    trx: Knex,
    compiled: CompiledSchema,
    table: CompiledTable,
    id: number | null,
    given: Record<string, RecordJson[]>,
  ) {
    const names = listsUsedByFormulas(table).filter((n) => !(n in given));
    const loaded =
      id && names.length ? (await loadLists(trx, compiled, table, [id], names)).get(id)! : Object.fromEntries(names.map((n) => [n, []]));
    return { ...loaded, ...given };
  }

  async function count(qb: Knex.QueryBuilder, table: CompiledTable, filtered: boolean): Promise<{ total: number; totalExact: boolean }> {
    if (!filtered && dialect === "mysql") {
      // An exact COUNT(*) over a big InnoDB table reads every row; the statistics are close enough
      // for "about 1,000,000" and cost nothing. Small tables still get an exact count.
      const n = (await tableStatistics(table.key)).rows;
      if (n > COUNT_CAP) return { total: n, totalExact: false };
    }
    const row = (await cappedCount(qb).first()) as { n: number | string };
    return cappedTotal(Number(row.n));
  }

  // InnoDB's statistics are themselves estimates, refreshed now and then: reading them again
  // within seconds tells nothing new.
  const statistics = new Map<string, { at: number; rows: number; rowsPerValue: Map<string, number> }>();
  async function tableStatistics(tableKey: string) {
    const known = statistics.get(tableKey);
    if (known && performance.now() - known.at < STATISTICS_TTL_MS) return known;
    const at = performance.now();
    const [tables] = (await db.raw(
      "select table_rows as n from information_schema.tables where table_schema = database() and table_name = ?",
      [tableKey],
    )) as [{ n: number }[]];
    const [leading] = (await db.raw(
      "select column_name as col, max(cardinality) as card from information_schema.statistics where table_schema = database() and table_name = ? and seq_in_index = 1 group by column_name",
      [tableKey],
    )) as [{ col: string; card: number | null }[]];
    const rows = Number(tables[0]?.n ?? 0);
    const rowsPerValue = new Map(leading.filter((r) => r.card !== null).map((r) => [String(r.col), rows / Math.max(1, Number(r.card))]));
    const fresh = { at, rows, rowsPerValue };
    statistics.set(tableKey, fresh);
    return fresh;
  }

  /**
   * Whether the count should ride inside the page's query: one round trip instead of two, but no
   * longer overlapping the page. Worth it when the statistics say few rows match (the count is
   * then cheap); SQLite runs its queries one after the other anyway.
   */
  async function countInline(table: CompiledTable, filter: FilterNode | null): Promise<boolean> {
    if (dialect !== "mysql" || !filter) return false;
    const expected = expectedRows(table, filter, (await tableStatistics(table.key)).rowsPerValue);
    return expected !== null && expected <= INLINE_COUNT_MAX_ROWS;
  }

  /** Counts the query's rows up to one past the cap: past it, "10,000+" is all a list needs. */
  function cappedCount(qb: Knex.QueryBuilder): Knex.QueryBuilder {
    const capped = qb
      .clone()
      .clearSelect()
      .clearOrder()
      .select(db.raw("1"))
      .limit(COUNT_CAP + 1);
    return db.from(capped.as("c")).count({ n: "*" });
  }

  function searchableColumns(table: CompiledTable): string[] {
    const marked = table.fields.filter((f) => f.def["x-searchable"] === true);
    const fields = marked.length ? marked : table.fields.filter((f) => fieldKinds[f.kind].searchable);
    return fields.map((f) => f.key);
  }

  /**
   * The quick search: through the table's full-text index when it has one (prefix matching of
   * every term, case- and accent-insensitive), else a LIKE over its text fields. A role that cannot
   * see one of the indexed fields searches without the index, over what it may see.
   */
  function applySearch(qb: Knex.QueryBuilder, actor: Actor, table: CompiledTable, q: string) {
    const hidden = hiddenFields(actor, table);
    const tokens = searchTokens(q);
    if (tokens.length === 0) return;
    const index = table.search && !table.search.columns.some((c) => hidden.has(c)) ? table.search : null;
    if (!index) {
      const cols = searchableColumns(table).filter((c) => !hidden.has(c));
      if (cols.length === 0) {
        qb.whereRaw("1 = 0");
        return;
      }
      for (const term of q.split(/\s+/).filter(Boolean).slice(0, 8))
        qb.where((w) =>
          cols.forEach((c) => w.orWhereRaw("?? like ? escape ?", [`${table.key}.${c}`, `%${escapeLike(term)}%`, LIKE_ESCAPE])),
        );
      return;
    }
    if (dialect === "sqlite") {
      qb.whereRaw("?? in (select rowid from ?? where ?? match ?)", [`${table.key}.id`, index.name, index.name, fts5Query(tokens)]);
      return;
    }
    const { fulltext, prefixes } = innodbQuery(q);
    const cols = index.columns.map(() => "??").join(", ");
    if (fulltext) qb.whereRaw(`match(${cols}) against (? in boolean mode)`, [...index.columns.map((c) => `${table.key}.${c}`), fulltext]);
    for (const term of prefixes)
      qb.where((w) =>
        index.columns.forEach((c) => w.orWhereRaw("?? like ? escape ?", [`${table.key}.${c}`, `${escapeLike(term)}%`, LIKE_ESCAPE])),
      );
  }

  /** Without an explicit sort, exact and prefix matches of the title come first. */
  function rankSearch(qb: Knex.QueryBuilder, table: CompiledTable, q: string) {
    if (!table.titleField) return;
    const title = `${table.key}.${table.titleField}`;
    qb.orderByRaw("case when lower(??) = ? then 0 when lower(??) like ? escape ? then 1 else 2 end", [
      title,
      q.toLowerCase(),
      title,
      `${escapeLike(q.toLowerCase())}%`,
      LIKE_ESCAPE,
    ]);
  }

  /** Restricts a query to the records the actor may see ("only records I own"). */
  function applyScope(q: Knex.QueryBuilder, actor: Actor, table: CompiledTable) {
    const scope = rowScope(actor, table);
    if (!scope) return;
    if (scope.userId === null) q.whereRaw("1 = 0");
    else q.where(`${table.key}.${scope.column}`, scope.userId);
  }

  function inScope(actor: Actor, table: CompiledTable, record: Record<string, unknown>): boolean {
    const scope = rowScope(actor, table);
    return !scope || (scope.userId !== null && record[scope.column] === scope.userId);
  }

  /** Hidden fields never leave the service, in the record or in its lines. */
  function strip(actor: Actor, compiled: CompiledSchema, table: CompiledTable, record: RecordJson): RecordJson {
    const hidden = hiddenFields(actor, table);
    for (const key of hidden) delete record[key];
    const expanded = record._expanded as Record<string, unknown> | undefined;
    if (expanded) for (const key of hidden) delete expanded[key];
    for (const list of table.lists.filter((l) => l.composition)) {
      const lines = record[list.name] as RecordJson[] | undefined;
      const child = compiled.tablesByKey.get(list.table);
      if (lines && child) record[list.name] = lines.map((line) => strip(actor, compiled, child, line));
    }
    return record;
  }

  /** A filter, sort or search on a hidden field would let its values be counted out: refused. */
  function refuseHiddenUse(actor: Actor, table: CompiledTable, filter: FilterNode | null, sort: { column: string }[], expand: string[]) {
    const hidden = hiddenFields(actor, table);
    if (hidden.size === 0) return;
    const used = new Set<string>();
    const walk = (n: FilterNode) => {
      if ("and" in n) n.and.forEach(walk);
      else if ("or" in n) n.or.forEach(walk);
      else if ("not" in n) walk(n.not);
      else used.add(n.column);
    };
    if (filter) walk(filter);
    sort.forEach((k) => used.add(k.column));
    expand.forEach((k) => used.add(k));
    const refused = [...used].filter((k) => hidden.has(k));
    if (refused.length)
      throw new ApiError(
        403,
        `You may not filter, sort or expand by ${refused.map((k) => `"${k}"`).join(", ")}: your role cannot see ${refused.length === 1 ? "that field" : "those fields"}.`,
      );
  }

  /** Writing a field the role may not write is refused whole: the record stays unchanged. */
  function refuseLockedWrites(
    actor: Actor,
    table: CompiledTable,
    values: Record<string, unknown>,
    current: Record<string, unknown> | null,
  ) {
    const locked = lockedFields(actor, table);
    const touched = [...locked].filter(
      (k) =>
        k in values &&
        (current === null
          ? values[k] !== null && values[k] !== undefined
          : JSON.stringify(values[k] ?? null) !== JSON.stringify(current[k] ?? null)),
    );
    if (touched.length)
      throw new ApiError(
        403,
        `Your role may not change ${touched.map((k) => `“${table.fieldsByKey.get(k)?.label ?? k}”`).join(", ")} of ${table.pluralLabel}; nothing was saved.`,
        { fields: touched },
      );
  }

  /** New records belong to their creator unless said otherwise; a scoped user cannot give them away. */
  function applyOwner(actor: Actor, table: CompiledTable, values: Record<string, unknown>, current: Record<string, unknown> | null) {
    const owner = table.def["x-owner-field"];
    if (!owner) return;
    if (current === null && (values[owner] === undefined || values[owner] === null) && actor.id !== null) values[owner] = actor.id;
    const scope = rowScope(actor, table);
    if (scope && owner in values && values[owner] !== actor.id)
      throw new ApiError(
        403,
        `You may only keep ${table.pluralLabel} that are yours: “${table.fieldsByKey.get(owner)?.label ?? owner}” must be you.`,
      );
  }

  const service: RecordsService = {
    async list(actor, tableKey, query = {}) {
      return reading(tableKey, async ({ compiled, table }) => {
        authorize(actor, "read", table);
        const filter = parseFilter(table, typeof query.filter === "string" ? parseJsonParam(query.filter, "filter") : query.filter);
        const sort = parseSort(table, query.sort);
        const pageSize = positiveInt(query.pageSize, "pageSize", 50, MAX_PAGE_SIZE);
        const page = positiveInt(query.page, "page", 1, 1_000_000);
        const expand = parseExpand(query.expand);
        if (query.q !== undefined && typeof query.q !== "string") throw badRequest("q must be text");
        const q = typeof query.q === "string" ? query.q.trim().slice(0, 200) : "";
        refuseHiddenUse(actor, table, filter, sort, expand);

        const base = db(table.key);
        applyScope(base, actor, table);
        if (filter) applyFilter(base, filter, table.key);
        const ranked = !!q && (query.sort === undefined || query.sort === null || query.sort === "") && !query.cursor;
        if (q) applySearch(base, actor, table, q);
        const pageQuery = base.clone().select(`${table.key}.*`);
        if (ranked) rankSearch(pageQuery, table, q);
        for (const k of sort) pageQuery.orderBy(`${table.key}.${k.column}`, k.desc ? "desc" : "asc");
        const cursor = typeof query.cursor === "string" && query.cursor ? decodeCursor(query.cursor, sort.length) : null;
        if (cursor) applyKeyset(pageQuery, table.key, sort, cursor.after);
        else pageQuery.offset((page - 1) * pageSize);
        pageQuery.limit(pageSize + 1);

        // Where few rows match, the count is cheap and rides inside the page's own query (one round
        // trip instead of two). Otherwise it runs beside the page, so a slow count and a slow page
        // overlap. Either way, a page that is not full is its own exact total.
        const inlineCount = !cursor && (await countInline(table, filter));
        if (inlineCount) pageQuery.select(cappedCount(base).as(TOTAL_COLUMN));
        const counting = cursor || inlineCount ? null : count(base, table, !!filter || !!q || !!rowScope(actor, table));
        counting?.catch(() => {});
        const raw = (await pageQuery) as Record<string, unknown>[];
        const more = raw.length > pageSize;
        const inlineTotal = inlineCount && raw.length ? cappedTotal(Number(raw[0][TOTAL_COLUMN])) : null;
        if (inlineCount) for (const r of raw) delete r[TOTAL_COLUMN];
        const totals = cursor
          ? { total: cursor.total, totalExact: cursor.totalExact }
          : !more && (raw.length > 0 || page === 1)
            ? { total: (page - 1) * pageSize + raw.length, totalExact: true }
            : (inlineTotal ?? (await (counting ?? count(base, table, true))));
        const pageRows = more ? raw.slice(0, pageSize) : raw;
        const rows = pageRows.map((r) => fromRow(table, r));
        if (expand.length) await expandRelations(db, compiled, table, rows, expand, actor);
        rows.forEach((r) => strip(actor, compiled, table, r));
        const last = pageRows[pageRows.length - 1];
        return {
          rows,
          ...totals,
          page,
          pageSize,
          // Ranked results page by number: their order is not a keyset.
          nextCursor:
            more && last && !ranked ? encodeCursor({ after: sort.map((k) => (last[k.column] ?? null) as unknown), ...totals }) : null,
        };
      });
    },

    async get(actor, tableKey, rawId, options = {}) {
      return reading(tableKey, async ({ compiled, table }) => {
        authorize(actor, "read", table);
        const id = parseId(rawId);
        const expand = parseExpand(options.expand);
        refuseHiddenUse(actor, table, null, [], expand);
        const record = await readOne(db, compiled, table, id, expand, actor);
        if (!record || !inScope(actor, table, record))
          throw notFound(`${table.label} #${id} does not exist (it may have been deleted: see the trash)`);
        return strip(actor, compiled, table, record);
      });
    },

    async create(actor, tableKey, input) {
      const { compiled, table } = await tableOf(tableKey);
      authorize(actor, "create", table);
      const errors: FieldErrors = {};
      const { values, lists } = splitInput(table, input, errors);
      refuseLockedWrites(actor, table, values, null);
      applyOwner(actor, table, values, null);
      applyDefaults(table, values);
      Object.assign(errors, validateValues(compiled, table, values, "create"));
      validateChildren(compiled, table, lists, errors);
      await checkRelations(db, compiled, table, values, errors);
      await checkUnique(db, table, values, null, errors);
      throwIfErrors(table, errors);
      const id = await inTransaction(db, async (trx) => {
        const now = dbNow();
        const childLists: Record<string, RecordJson[]> = {};
        for (const [name, items] of Object.entries(lists)) {
          const child = compiled.tablesByKey.get(table.lists.find((l) => l.name === name)!.table)!;
          childLists[name] = items.map((it) => computeFormulas(child, splitInput(child, it, {}).values, {}) as RecordJson);
        }
        const record = computeFormulas(table, values, await listsForFormulas(trx, compiled, table, null, childLists));
        await assignAutonumbers(trx, table, record);
        const [newId] = await trx(table.key).insert({
          ...toRow(table, record),
          version: 1,
          created_at: now,
          updated_at: now,
          created_by: actor.id,
          updated_by: actor.id,
        });
        const id = Number(newId);
        await writeChildren(trx, compiled, table, id, lists, actor, false);
        await cascade(trx, compiled, table, [record], 0);
        await audit(trx, { userId: actor.id, action: "create", table: table.key, recordId: id, ip: actor.ip });
        return id;
      });
      return strip(actor, compiled, table, (await readOne(db, compiled, table, id))!);
    },

    async update(actor, tableKey, rawId, changes, rawVersion) {
      const { compiled, table } = await tableOf(tableKey);
      authorize(actor, "update", table);
      const id = parseId(rawId);
      const expected = parseVersion(rawVersion);
      const errors: FieldErrors = {};
      const { values, lists } = splitInput(table, changes, errors);
      validateChildren(compiled, table, lists, errors);
      const updatedId = await inTransaction(db, async (trx) => {
        const q = trx(table.key).where({ id });
        if (dialect === "mysql") q.forUpdate();
        const row = (await q.first()) as Record<string, unknown> | undefined;
        if (!row) throw notFound(`${table.label} #${id} does not exist (it may have been deleted: see the trash)`);
        const current = fromRow(table, row);
        if (!inScope(actor, table, current))
          throw notFound(`${table.label} #${id} does not exist (it may have been deleted: see the trash)`);
        if (current.version !== expected)
          throw staleConflict(table, current, expected, strip(actor, compiled, table, (await readOne(trx, compiled, table, id))!));
        refuseLockedWrites(actor, table, values, current);
        applyOwner(actor, table, values, current);
        const merged = { ...fieldValues(table, current), ...values };
        // Computed values are stored but never validated as input: the engine owns them.
        Object.assign(errors, validateValues(compiled, table, withoutComputed(table, merged), "update"));
        await checkRelations(trx, compiled, table, values, errors);
        await checkUnique(trx, table, values, id, errors);
        throwIfErrors(table, errors);
        const childLists = await writeChildren(trx, compiled, table, id, lists, actor, true);
        const record = computeFormulas(table, merged, await listsForFormulas(trx, compiled, table, id, childLists));
        await assignAutonumbers(trx, table, record);
        const affected = await trx(table.key)
          .where({ id, version: expected })
          .update({ ...toRow(table, record), version: expected + 1, updated_at: dbNow(), updated_by: actor.id });
        if (affected !== 1) throw staleConflict(table, current, expected, await readOne(trx, compiled, table, id));
        await cascade(trx, compiled, table, [record, current], 0);
        const changed = diffRecords(
          current,
          record,
          table.fields.map((f) => f.key),
        );
        if (Object.keys(lists).length) changed._lines = [null, Object.keys(lists)];
        await audit(trx, { userId: actor.id, action: "update", table: table.key, recordId: id, changes: changed, ip: actor.ip });
        return id;
      });
      return strip(actor, compiled, table, (await readOne(db, compiled, table, updatedId))!);
    },

    async remove(actor, tableKey, rawId) {
      const { compiled, table } = await tableOf(tableKey);
      authorize(actor, "delete", table);
      const id = parseId(rawId);
      await inTransaction(db, async (trx) => {
        const record = await readOne(trx, compiled, table, id);
        if (!record || !inScope(actor, table, record))
          throw notFound(`${table.label} #${id} does not exist (it may already be in the trash)`);
        // Records that point here (other than its own lines) would be left dangling.
        const uses: string[] = [];
        for (const other of compiled.tables) {
          for (const f of other.fields) {
            if (f.kind !== "relation" || f.def["x-target"] !== table.key || f.def["x-composition"]) continue;
            const row = (await trx(other.key).where(f.key, id).count({ n: "*" }).first()) as { n: number | string };
            if (Number(row.n) > 0) uses.push(`${Number(row.n)} ${Number(row.n) === 1 ? other.label : other.pluralLabel} (${f.label})`);
          }
        }
        if (uses.length)
          throw conflict(`${titleOf(table, record)} is still used by ${uses.join(", ")}: delete or reassign those first`, { usedBy: uses });
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
      });
    },

    async restore(actor, tableKey, rawId) {
      const { compiled, table } = await tableOf(tableKey);
      authorize(actor, "create", table);
      const id = parseId(rawId);
      await inTransaction(db, async (trx) => {
        const entry = (await trx(SYSTEM_TABLES.trash)
          .where({ kind: "record", table_id: table.id, record_id: id })
          .whereNull("restored_at")
          .orderBy("id", "desc")
          .first()) as { id: number; data: string } | undefined;
        if (!entry) throw notFound(`${table.label} #${id} is not in the trash`);
        if (await trx(table.key).where({ id }).first("id")) throw conflict(`${table.label} #${id} already exists`);
        const saved = JSON.parse(entry.data) as Record<string, unknown>;
        if (!inScope(actor, table, saved)) throw notFound(`${table.label} #${id} is not in the trash`);
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
      });
      return strip(actor, compiled, table, (await readOne(db, compiled, table, id))!);
    },

    async recomputeTable(q, compiled, tableKey) {
      const table = compiled.tablesByKey.get(tableKey);
      if (!table || !hasFormulas(table)) return 0;
      let lastId = 0;
      let n = 0;
      for (;;) {
        const ids = ((await q(table.key).select("id").where("id", ">", lastId).orderBy("id").limit(500)) as { id: number }[]).map((r) =>
          Number(r.id),
        );
        if (ids.length === 0) return n;
        await inTransaction(q, async (trx) => {
          for (const id of ids) if (await recomputeRecord(trx, compiled, table, id, 0)) n++;
        });
        lastId = ids[ids.length - 1];
      }
    },
  };
  return service;
}

function withoutComputed(table: CompiledTable, values: Record<string, unknown>): Record<string, unknown> {
  const out = { ...values };
  for (const f of table.fields) if (fieldKinds[f.kind].readOnly) delete out[f.key];
  return out;
}

/** A field left out of a new record takes the schema's `default`. */
function applyDefaults(table: CompiledTable, values: Record<string, unknown>): void {
  for (const f of table.fields) if (f.def.default !== undefined && !(f.key in values)) values[f.key] = structuredClone(f.def.default);
}

function staleConflict(table: CompiledTable, current: RecordJson, expected: number, fresh: RecordJson | null): ApiError {
  return conflict(
    `${table.label} #${current.id} was changed by someone else after you opened it (you edited version ${expected}, it is now version ${current.version}). Your changes were not saved: reload to see theirs, then apply yours again.`,
    { current: fresh ?? current },
  );
}

function parseJsonParam(raw: string, name: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest(`${name} is not valid JSON: e.g. {"field":"status","op":"eq","value":"active"}`);
  }
}
