import { badQuery } from "./query-words";
import { fieldKinds } from "../fields/registry";
import type { Knex } from "knex";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { refuseHiddenUse, stripperFor } from "./access";
import { applyScope } from "./access.server";
import { leaveRunning, type RecordsContext } from "./context.server";
import { cappedCount, cappedTotal, count, COUNT_CAP, countInline, TOTAL_COLUMN, type Totals } from "./counting.server";
import { expandRelations } from "./expand.server";
import { parseFilter } from "./filter";
import { parseExpand, parseJsonParam, positiveInt } from "./params";
import { authorize, rowScope, type Actor } from "./permissions";
import { applyFilter, applyKeyset, decodeCursor, encodeCursor, parseSort, type SortKey } from "./query.server";
import { fromRow, refuseMissingColumns, type RecordJson } from "./rows";
import { titleRank } from "./search";
import { idBounds, scanInListOrder } from "./search-scan.server";
import { applySearch, rankSearch, scannableSearch, searchOnlyCount } from "./search.server";

/**
 * `list`: one page of a table's records, filtered, searched, sorted and scoped in SQL, with its
 * total and the cursor of the next page.
 */

export interface ListQuery {
  filter?: unknown;
  sort?: unknown;
  q?: unknown;
  page?: unknown;
  pageSize?: unknown;
  cursor?: unknown;
  expand?: unknown;
  /**
   * Long values cut to what a list shows (a kind's `listChars`), each cut one named in
   * `truncated`: pages for people. Exports and code that works with the values leave it off.
   */
  preview?: boolean;
  /**
   * False: the caller counts the records itself (a board column, from its grouped counts), so the
   * list does not; `total` then says only what the page proves (exact when it is the last one).
   * Only `false` is taken (from code, or the API's `count=false`).
   */
  count?: boolean;
}

export interface ListResult extends Totals {
  rows: RecordJson[];
  /** With `preview`: the rows whose long values were cut, and which; the card has them whole. */
  truncated?: { id: number; fields: string[] }[];
  page: number;
  pageSize: number;
  /** Pass back as `cursor` for the next page: a keyset page, as fast at row 1,000,000 as at row 1. */
  nextCursor: string | null;
}

const MAX_PAGE_SIZE = 500;

export async function listRecords(ctx: RecordsContext, actor: Actor, tableKey: string, query: ListQuery = {}): Promise<ListResult> {
  const { db } = ctx;
  return ctx.reading(tableKey, async ({ compiled, table }) => {
    authorize(actor, "read", table);
    const filter = parseFilter(table, typeof query.filter === "string" ? parseJsonParam(query.filter, "filter") : query.filter);
    const sort = parseSort(table, query.sort);
    const pageSize = positiveInt(query.pageSize, "pageSize", 50, MAX_PAGE_SIZE);
    const page = positiveInt(query.page, "page", 1, 1_000_000);
    const expand = parseExpand(query.expand);
    if (query.q !== undefined && typeof query.q !== "string") throw badQuery("query.qText");
    const q = typeof query.q === "string" ? query.q.trim().slice(0, 200) : "";
    refuseHiddenUse(actor, compiled, table, filter, sort, expand);
    const shape = { page, pageSize, sort, expand, preview: query.preview };

    const base = db(table.key);
    applyScope(base, actor, table);
    if (filter) applyFilter(base, filter, table.key);
    const cursor = typeof query.cursor === "string" && query.cursor ? decodeCursor(query.cursor, sort.length) : null;
    const ranked = !!q && (query.sort === undefined || query.sort === null || query.sort === "") && !query.cursor;
    // On a big table a search keeps the list's order and ranks title matches within the page (ADR 007).
    const bounds = q ? await idBounds(db, table) : null;
    const big = !!bounds && bounds.hi - bounds.lo >= WHOLE_RANKING_MAX_IDS;
    // Sorted by id alone (the default): a common term is found by reading the list in its order.
    const seekable = !cursor || Number.isSafeInteger(cursor.after[0]);
    const scan = bounds && big && sort.length === 1 && seekable ? scannableSearch(ctx.dialect, actor, table, q) : null;
    if (bounds && scan) {
      const after = cursor ? Number(cursor.after[0]) : null;
      const found = await scanInListOrder(bounds, { base, table, search: scan, desc: sort[0].desc, need: page * pageSize + 1, after });
      if (found) {
        const raw = cursor ? found.rows : found.rows.slice((page - 1) * pageSize);
        const totals = cursor ? { total: cursor.total, totalExact: cursor.totalExact } : found.totals;
        return answerPage(ctx, actor, compiled, table, { ...shape, raw, totals, rankBy: ranked ? q : null });
      }
    }
    if (q) applySearch(base, ctx.dialect, actor, table, q);
    const offset = cursor ? 0 : (page - 1) * pageSize;
    const pageQuery =
      offset >= DEFERRED_OFFSET_MIN && !q
        ? deferredPage(db, base, table, sort, offset, pageSize + 1)
        : base.clone().select(`${table.key}.*`);
    if (ranked && !big) rankSearch(pageQuery, table, q);
    for (const k of sort) pageQuery.orderBy(`${table.key}.${k.column}`, k.desc ? "desc" : "asc");
    if (cursor) applyKeyset(pageQuery, table.key, sort, cursor.after);
    else if (offset < DEFERRED_OFFSET_MIN || q) pageQuery.offset(offset);
    pageQuery.limit(pageSize + 1);

    // Where few rows match, the count is cheap and rides inside the page's own query (one round
    // trip instead of two). Otherwise it runs beside the page, so a slow count and a slow page
    // overlap. Either way, a page that is not full is its own exact total.
    const uncounted = query.count === false;
    const inlineCount = !cursor && !uncounted && (await countInline(ctx, table, filter));
    if (inlineCount) pageQuery.select(cappedCount(ctx, base).as(TOTAL_COLUMN));
    const searchCount = q && !filter && !rowScope(actor, table) ? searchOnlyCount(db, ctx.dialect, actor, table, q, COUNT_CAP) : null;
    const counting =
      cursor || inlineCount || uncounted
        ? null
        : searchCount
          ? searchCount.first().then((row) => cappedTotal(Number((row as { n: number | string }).n)))
          : count(ctx, base, table, !!filter || !!q || !!rowScope(actor, table));
    if (counting) leaveRunning(ctx, counting);
    const raw = (await pageQuery) as Record<string, unknown>[];
    const more = raw.length > pageSize;
    const inlineTotal = inlineCount && raw.length ? cappedTotal(Number(raw[0][TOTAL_COLUMN])) : null;
    if (inlineCount) for (const r of raw) delete r[TOTAL_COLUMN];
    const totals = cursor
      ? { total: cursor.total, totalExact: cursor.totalExact }
      : !more && (raw.length > 0 || page === 1)
        ? { total: (page - 1) * pageSize + raw.length, totalExact: true }
        : uncounted
          ? { total: page * pageSize + 1, totalExact: false }
          : (inlineTotal ?? (await (counting ?? count(ctx, base, table, true))));
    return answerPage(ctx, actor, compiled, table, {
      ...shape,
      raw,
      totals,
      rankBy: ranked && big ? q : null,
      // Ranked over the whole match set, results page by number: their order is not a keyset.
      keyset: !(ranked && !big),
    });
  });
}

interface PageRows {
  /** Up to pageSize + 1 rows as stored, in the list's order; one more says there is a next page. */
  raw: Record<string, unknown>[];
  totals: Totals;
  page: number;
  pageSize: number;
  sort: SortKey[];
  expand: string[];
  preview?: boolean;
  /** Ranks the page's title matches for this term first, within the page. */
  rankBy: string | null;
  keyset?: boolean;
}

/** The page's rows as the actor may see them, with their relations, cuts, totals and cursor. */
async function answerPage(
  ctx: RecordsContext,
  actor: Actor,
  compiled: CompiledSchema,
  table: CompiledTable,
  { raw, totals, page, pageSize, sort, expand, preview, rankBy, keyset = true }: PageRows,
): Promise<ListResult> {
  const more = raw.length > pageSize;
  const pageRows = more ? raw.slice(0, pageSize) : raw;
  refuseMissingColumns(table, pageRows[0]);
  const last = pageRows[pageRows.length - 1];
  const nextCursor =
    more && last && keyset ? encodeCursor({ after: sort.map((k) => (last[k.column] ?? null) as unknown), ...totals }) : null;
  const titleField = table.titleField;
  const ordered = rankBy && titleField ? rankedWithin(pageRows, (r) => titleRank(r[titleField], rankBy)) : pageRows;
  const rows = ordered.map((r) => fromRow(table, r));
  if (expand.length) await expandRelations(ctx.db, compiled, table, rows, expand, actor);
  rows.forEach(stripperFor(actor, compiled, table));
  const truncated = preview ? cutLongValues(table, rows) : [];
  return { rows, ...(truncated.length ? { truncated } : {}), ...totals, page, pageSize, nextCursor };
}

/** From this offset on, a page by number finds its ids first (`deferredPage`). */
const DEFERRED_OFFSET_MIN = 500;

/**
 * A deep page by number (`page=10001`): OFFSET has to step over every row before the page, and
 * stepping over whole rows read 500,000 of them for page 10,001. Here the ids of the page are
 * found first, by a query that needs only the sort columns and the id — what an index on the sort
 * column holds, so it steps over index entries and never reads a row — and only the page's rows
 * are read, joined on those ids. The caller adds the same order to the outer query.
 */
function deferredPage(
  db: Knex,
  base: Knex.QueryBuilder,
  table: CompiledTable,
  sort: SortKey[],
  offset: number,
  limit: number,
): Knex.QueryBuilder {
  const ids = base.clone().select(`${table.key}.id`);
  for (const k of sort) ids.orderBy(`${table.key}.${k.column}`, k.desc ? "desc" : "asc");
  ids.offset(offset).limit(limit);
  return db(table.key).select(`${table.key}.*`).join(ids.as("page_ids"), "page_ids.id", `${table.key}.id`);
}

/** A stable sort by rank: equal ranks keep the list's order. */
function rankedWithin<T>(rows: T[], rank: (row: T) => number): T[] {
  return rows
    .map((row, i) => ({ row, i, r: rank(row) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.row);
}

/**
 * Past this many ids a search ranks within the page rather than over every match, and may scan
 * in the list's order (ADR 007). Ranking every match is a sort of all of them, cheap for the
 * thousands of records of a small table and tens of milliseconds for a common term in a million.
 */
const WHOLE_RANKING_MAX_IDS = 20_000;

/** Cuts each long value to its kind's `listChars`, with an ellipsis; answers what it cut. */
function cutLongValues(table: CompiledTable, rows: RecordJson[]): { id: number; fields: string[] }[] {
  const long = table.fields.filter((f) => fieldKinds[f.kind].listChars !== undefined);
  const cut: { id: number; fields: string[] }[] = [];
  if (long.length === 0) return cut;
  for (const row of rows) {
    const fields: string[] = [];
    for (const f of long) {
      const value = row[f.key];
      const max = fieldKinds[f.kind].listChars!;
      if (typeof value === "string" && value.length > max) {
        // Never half a surrogate pair (an emoji cut in two).
        const end = /[\uD800-\uDBFF]/.test(value.charAt(max - 1)) ? max - 1 : max;
        row[f.key] = `${value.slice(0, end)}…`;
        fields.push(f.key);
      }
    }
    if (fields.length) cut.push({ id: Number(row.id), fields });
  }
  return cut;
}
