import type { Knex } from "knex";
import type { CompiledTable } from "../schema/compile";
import type { RecordsContext, TableStatistics } from "./context.server";
import { expectedRows } from "./expected-rows";
import type { FilterNode } from "./filter";

/**
 * A list's total, cheaply: counted up to a cap, taken from InnoDB's statistics for a whole big
 * table, or counted inside the page's own query when the statistics say few rows match.
 */

export const COUNT_CAP = 10_000;
/** The page query's extra column carrying the capped count, removed before rows leave the service. */
export const TOTAL_COLUMN = "__tessera_total";
const STATISTICS_TTL_MS = 10_000;
/** Below this many expected matches (by the index statistics) counting costs well under a millisecond. */
const INLINE_COUNT_MAX_ROWS = 5_000;

export interface Totals {
  total: number;
  /** False when counting stopped at a cap or used the table's row estimate. */
  totalExact: boolean;
}

export function cappedTotal(n: number): Totals {
  return n > COUNT_CAP ? { total: COUNT_CAP, totalExact: false } : { total: n, totalExact: true };
}

/** Counts the query's rows up to one past the cap: past it, "10,000+" is all a list needs. */
export function cappedCount(ctx: RecordsContext, qb: Knex.QueryBuilder): Knex.QueryBuilder {
  const capped = qb
    .clone()
    .clearSelect()
    .clearOrder()
    .select(ctx.db.raw("1"))
    .limit(COUNT_CAP + 1);
  return ctx.db.from(capped.as("c")).count({ n: "*" });
}

/** The total of a list query on its own; `filtered` is false when it is the whole table. */
export async function count(ctx: RecordsContext, qb: Knex.QueryBuilder, table: CompiledTable, filtered: boolean): Promise<Totals> {
  if (!filtered && ctx.dialect === "mysql") {
    // An exact COUNT(*) over a big InnoDB table reads every row; the statistics are close enough
    // for "about 1,000,000" and cost nothing. Small tables still get an exact count.
    const n = (await tableStatistics(ctx, table.key)).rows;
    if (n > COUNT_CAP) return { total: n, totalExact: false };
  }
  const row = (await cappedCount(ctx, qb).first()) as { n: number | string };
  return cappedTotal(Number(row.n));
}

/**
 * Whether the count should ride inside the page's query: one round trip instead of two, but no
 * longer overlapping the page. Worth it when the statistics say few rows match (the count is
 * then cheap); SQLite runs its queries one after the other anyway.
 */
export async function countInline(ctx: RecordsContext, table: CompiledTable, filter: FilterNode | null): Promise<boolean> {
  if (ctx.dialect !== "mysql" || !filter) return false;
  const expected = expectedRows(table, filter, (await tableStatistics(ctx, table.key)).rowsPerValue);
  return expected !== null && expected <= INLINE_COUNT_MAX_ROWS;
}

// InnoDB's statistics are themselves estimates, refreshed now and then: reading them again
// within seconds tells nothing new.
async function tableStatistics(ctx: RecordsContext, tableKey: string): Promise<TableStatistics> {
  const known = ctx.statistics.get(tableKey);
  if (known && performance.now() - known.at < STATISTICS_TTL_MS) return known;
  const at = performance.now();
  const [tables] = (await ctx.db.raw(
    "select table_rows as n from information_schema.tables where table_schema = database() and table_name = ?",
    [tableKey],
  )) as [{ n: number }[]];
  const [leading] = (await ctx.db.raw(
    "select column_name as col, max(cardinality) as card from information_schema.statistics where table_schema = database() and table_name = ? and seq_in_index = 1 group by column_name",
    [tableKey],
  )) as [{ col: string; card: number | null }[]];
  const rows = Number(tables[0]?.n ?? 0);
  const rowsPerValue = new Map(leading.filter((r) => r.card !== null).map((r) => [String(r.col), rows / Math.max(1, Number(r.card))]));
  const fresh = { at, rows, rowsPerValue };
  ctx.statistics.set(tableKey, fresh);
  return fresh;
}
