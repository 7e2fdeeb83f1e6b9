import { badRequest } from "../errors";
import { fieldKinds } from "../fields/registry";
import type { CompiledField, CompiledTable } from "../schema/compile";
import { refuseHiddenUse } from "./access";
import { applyScope } from "./access.server";
import { leaveRunning, type RecordsContext } from "./context.server";
import { expandRelations } from "./expand.server";
import { parseFilter } from "./filter";
import { parseJsonParam } from "./params";
import { permissionRefusal } from "./permission-words";
import { authorize, unseenFields, type Actor } from "./permissions";
import { applyFilter, applyKeyset, parseSort, type SortKey } from "./query.server";
import type { RecordJson } from "./rows";
import { applySearch } from "./search.server";

/**
 * `scan`: every record of a list (its filter, search and sort, in the actor's scope), a page at a
 * time, as rows of the asked fields' values — what an export reads. A list page builds a whole
 * record per row (every field, the system columns, an object each); a million-row export spent
 * most of its time making and collecting those. A scan selects only the asked columns, has
 * mysql2 hand them over as arrays, and gives each page's relation titles beside its rows. The
 * same permission checks as `list`: the table's read right, the row scope in SQL, and a field the
 * actor may not see is refused, never left out quietly.
 */

export interface ScanQuery {
  filter?: unknown;
  sort?: unknown;
  q?: unknown;
  /** The fields each row holds, in this order. */
  fields: string[];
  /** Relation fields among `fields` whose titles the page carries. */
  expand?: string[];
  pageSize?: number;
}

export interface ScanPage {
  /** One array per record, the values of `fields` in their order, as the API speaks them. */
  rows: unknown[][];
  /** Per field of `fields`: the titles of the records it links to, when it was expanded. */
  titles: (ReadonlyMap<number, string> | undefined)[];
}

const SCAN_PAGE_SIZE = 1_000;

interface Plan {
  table: CompiledTable;
  fields: CompiledField[];
  sort: SortKey[];
  /** The columns selected, in order: the fields', then the sort's not among them. */
  columns: string[];
  /** Where each sort key's value is in a selected row, for the next page's keyset. */
  sortAt: number[];
}

/** Pages of the list until its last record; the next page is asked for before this one is handed on. */
export async function* scanRecords(ctx: RecordsContext, actor: Actor, tableKey: string, query: ScanQuery): AsyncGenerator<ScanPage> {
  const pageSize = query.pageSize ?? SCAN_PAGE_SIZE;
  let next: Promise<PageRead> | null = readPage(ctx, actor, tableKey, query, pageSize, null);
  while (next) {
    const read: PageRead = await next;
    next = read.last ? readPage(ctx, actor, tableKey, query, pageSize, read.last) : null;
    // A caller that stops reading leaves the next page running.
    if (next) leaveRunning(ctx, next);
    if (read.page.rows.length) yield read.page;
  }
}

/** A page, and the keyset after its last row when another may follow. */
interface PageRead {
  page: ScanPage;
  last: unknown[] | null;
}

/** One page after the keyset `after` (the first when null). */
async function readPage(
  ctx: RecordsContext,
  actor: Actor,
  tableKey: string,
  query: ScanQuery,
  pageSize: number,
  after: unknown[] | null,
): Promise<PageRead> {
  return ctx.reading(tableKey, async ({ compiled, table }) => {
    authorize(actor, "read", table);
    const plan = planScan(table, query);
    const filter = parseFilter(table, typeof query.filter === "string" ? parseJsonParam(query.filter, "filter") : query.filter);
    const expand = query.expand ?? [];
    refuseHiddenUse(actor, compiled, table, filter, plan.sort, expand);
    const unseen = unseenFields(actor, compiled, table);
    const hidden = plan.fields.filter((f) => unseen.has(f.key));
    if (hidden.length)
      throw permissionRefusal(403, "hiddenRead", { fields: hidden.map((f) => `"${f.key}"`).join(", "), count: hidden.length });

    const select = ctx.db(table.key).select(plan.columns.map((c) => `${table.key}.${c}`));
    applyScope(select, actor, table);
    if (filter) applyFilter(select, filter, table.key);
    if (typeof query.q === "string" && query.q.trim()) applySearch(select, ctx.dialect, actor, table, query.q.trim().slice(0, 200));
    for (const k of plan.sort) select.orderBy(`${table.key}.${k.column}`, k.desc ? "desc" : "asc");
    if (after) applyKeyset(select, table.key, plan.sort, after);
    select.limit(pageSize);
    // mysql2 hands rows over as arrays; better-sqlite3 (through knex) as objects, read by column.
    if (ctx.dialect === "mysql") select.options({ rowsAsArray: true });
    const raw = (await select) as unknown[][] | Record<string, unknown>[];
    const stored: unknown[][] =
      raw.length && !Array.isArray(raw[0])
        ? (raw as Record<string, unknown>[]).map((r) => plan.columns.map((c) => r[c]))
        : (raw as unknown[][]);
    const rows = stored.map((r) => readRow(plan.fields, r));
    const titles = await titlesOf(ctx, compiled, table, plan.fields, rows, expand, actor);
    const lastRow = stored.length === pageSize ? stored[stored.length - 1] : null;
    return { page: { rows, titles }, last: lastRow ? plan.sortAt.map((i) => lastRow[i]) : null };
  });
}

function planScan(table: CompiledTable, query: ScanQuery): Plan {
  const fields = query.fields.map((key) => {
    const field = table.fieldsByKey.get(key);
    if (!field) throw badRequest(`"${key}" is not a field of ${table.pluralLabel}`, { field: key });
    return field;
  });
  const sort = parseSort(table, query.sort ?? "id");
  const columns = fields.map((f) => f.key);
  const sortAt = sort.map((k) => {
    const at = columns.indexOf(k.column);
    return at >= 0 ? at : columns.push(k.column) - 1;
  });
  return { table, fields, sort, columns, sortAt };
}

/** A stored row's field values as the API speaks them (each kind's `fromDb`, as `fromRow` reads them). */
function readRow(fields: CompiledField[], stored: unknown[]): unknown[] {
  const out = new Array<unknown>(fields.length);
  for (let i = 0; i < fields.length; i++) out[i] = fieldKinds[fields[i].kind].fromDb(stored[i], fields[i].def);
  return out;
}

/**
 * The titles of the records the page links to, through the list's own expansion (so a target the
 * actor may not read, or a record outside their scope, is named as the list would name it).
 */
async function titlesOf(
  ctx: RecordsContext,
  compiled: Parameters<typeof expandRelations>[1],
  table: CompiledTable,
  fields: CompiledField[],
  rows: unknown[][],
  expand: string[],
  actor: Actor,
): Promise<(ReadonlyMap<number, string> | undefined)[]> {
  const titles: (Map<number, string> | undefined)[] = fields.map(() => undefined);
  for (const key of expand) {
    const at = fields.findIndex((f) => f.key === key);
    if (at < 0) throw badRequest(`expand: "${key}" is not among the fields asked for`, { field: key });
    const links = rows.map((r, i) => ({ id: i, version: 0, [key]: r[at] }) as RecordJson);
    await expandRelations(ctx.db, compiled, table, links, [key], actor);
    const byId = new Map<number, string>();
    for (const link of links) {
      const expanded = (link._expanded as Record<string, { id: number; title?: unknown }> | undefined)?.[key];
      if (expanded && expanded.title !== undefined && expanded.title !== null) byId.set(expanded.id, String(expanded.title));
    }
    titles[at] = byId;
  }
  return titles;
}
