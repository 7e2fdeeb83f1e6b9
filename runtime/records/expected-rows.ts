import type { FilterOperator } from "../fields/types";
import type { CompiledTable } from "../schema/compile";
import type { FilterNode } from "./filter";

/** Operators that pick rows by value, which an index on the column finds directly. */
const BY_VALUE: ReadonlySet<FilterOperator> = new Set(["eq", "in"]);

/**
 * How many rows the filter matches at most, as far as the index statistics tell: each condition
 * every row must meet (the filter, or one of its top-level "and" parts) that picks values of a
 * column leading an index matches about `rowsPerValue × values` rows; the smallest such bound
 * wins. Null when no condition is bounded that way. A planner's guess, not a count: it decides
 * whether counting the rows is cheap enough to do inside the page's own query.
 */
export function expectedRows(table: CompiledTable, filter: FilterNode | null, rowsPerValue: ReadonlyMap<string, number>): number | null {
  if (!filter) return null;
  const required = "and" in filter ? filter.and : [filter];
  let bound: number | null = null;
  for (const node of required) {
    if (!("column" in node) || !BY_VALUE.has(node.op)) continue;
    const perValue = node.column === "id" ? 1 : rowsPerValue.get(node.column);
    if (perValue === undefined) continue;
    const rows = perValue * Math.max(1, node.values.length);
    bound = bound === null ? rows : Math.min(bound, rows);
  }
  return bound;
}
