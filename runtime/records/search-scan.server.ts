import type { Knex } from "knex";
import type { CompiledTable } from "../schema/compile";
import type { Totals } from "./counting.server";
import { holdsWordPrefixes } from "./search";
import { applySubstringSearch, type ScannableSearch } from "./search.server";

/**
 * A common search term answered in the list's own order (newest first), ADR 007: rows are read
 * along the primary key from where the page starts, those holding the terms as substrings kept
 * and checked as the index would check them, until the page is full. A term in 1 % of the rows
 * fills a page of 50 within about 5,000 rows, a few milliseconds, where the full-text index would
 * read every match first. The scan reads at most SCAN_WINDOW ids: a rarer term is the index's to
 * answer, and its few matches are quick to read (`null`).
 */

/** How many ids a scan may pass before the term counts as rare. About 6 ms of MariaDB's time. */
export const SCAN_WINDOW = 8_000;

export interface ScanPage {
  /** Up to `need` rows in the list's order, as stored. */
  rows: Record<string, unknown>[];
  /** Exact when the scan reached the table's end; else an estimate from the matches per id. */
  totals: Totals;
}

interface ScanArgs {
  /** The list's query without the search: scope and filter only. */
  base: Knex.QueryBuilder;
  table: CompiledTable;
  search: ScannableSearch;
  desc: boolean;
  /** How many matching rows, from the start, the answer needs (pages before this one, the page, one more). */
  need: number;
  /** The cursor's id: the scan starts after it. */
  after: number | null;
}

/**
 * The table's lowest and highest id (null when it is empty): two index ends, no scan. Each is its
 * own subquery: SQLite reads an end of the rowid tree only for a lone min() or max(), and with
 * both in one select it walked the whole table (52 ms at a million rows, on every search).
 */
export async function idBounds(db: Knex, table: CompiledTable): Promise<{ lo: number; hi: number } | null> {
  const row = (await db.select({ lo: db(table.key).min("id"), hi: db(table.key).max("id") }).first()) as {
    lo: number | null;
    hi: number | null;
  };
  return row.lo === null || row.hi === null ? null : { lo: Number(row.lo), hi: Number(row.hi) };
}

export async function scanInListOrder(
  { lo, hi }: { lo: number; hi: number },
  { base, table, search, desc, need, after }: ScanArgs,
): Promise<ScanPage | null> {
  const id = `${table.key}.id`;
  const start = after ?? (desc ? hi + 1 : lo - 1);
  const end = desc ? start - SCAN_WINDOW : start + SCAN_WINDOW;
  const reachesEnd = desc ? end <= lo : end >= hi;
  const found: Record<string, unknown>[] = [];
  let from = start;
  for (;;) {
    const want = need - found.length;
    const batch = base
      .clone()
      .select(`${table.key}.*`)
      .where(id, desc ? "<" : ">", from)
      .where(id, desc ? ">" : "<", end)
      .orderBy(id, desc ? "desc" : "asc")
      .limit(want);
    applySubstringSearch(batch, table, search);
    const rows = (await batch) as Record<string, unknown>[];
    for (const row of rows)
      if (
        holdsWordPrefixes(
          search.columns.map((c) => row[c]),
          search.tokens,
        )
      )
        found.push(row);
    if (found.length >= need) {
      const spanned = Math.max(1, Math.abs(start - Number(found[need - 1].id)));
      const estimate = Math.round((need / spanned) * (hi - lo + 1));
      return { rows: found.slice(0, need), totals: { total: Math.max(estimate, need), totalExact: false } };
    }
    if (rows.length < want) break;
    from = Number(rows[rows.length - 1].id);
  }
  // The window held too few matches: a rare term, unless the window took in the whole table.
  if (!reachesEnd) return null;
  return { rows: found, totals: { total: found.length, totalExact: true } };
}
