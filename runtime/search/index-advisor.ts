import { valueKindOf } from "../fields/registry";
import type { FilterOperator } from "../fields/types";
import { boardSumField } from "../records/board-fields";
import type { CompiledTable } from "../schema/compile";
import type { ViewState } from "../views/stored-view";

const EQUALITY: ReadonlySet<FilterOperator> = new Set(["eq", "in", "isEmpty"]);
const RANGE: ReadonlySet<FilterOperator> = new Set(["lt", "lte", "gt", "gte", "between", "startsWith"]);
const MAX_COLUMNS = 4;

export interface IndexAdvice {
  /** Field keys of the composite index that serves the view, in order. */
  columns: string[];
  /** An existing index already starts with these columns. */
  served: boolean;
  /** What to add to the table's `x-indexes` (by key; the schema service assigns the id). */
  entry: { fields: string[] };
  reason: string;
}

function sortable(table: CompiledTable, key: string): boolean {
  const f = table.fieldsByKey.get(key);
  return f !== undefined && valueKindOf(f.def).sortable;
}

/**
 * The composite index a saved view needs, by the equality–sort–range rule: columns compared for
 * equality first (any order serves), then the sort column (so rows come out of the index in
 * order, with no sort step), then one range column. A view whose conditions are OR-ed, or that
 * filters on nothing indexable, gets no advice: no single index serves it.
 */
export function adviseIndex(table: CompiledTable, view: ViewState): IndexAdvice | null {
  if (view.mode === "or" && (view.conditions?.length ?? 0) > 1) return null;
  const equality: string[] = [];
  const range: string[] = [];
  for (const c of view.conditions ?? []) {
    if (!sortable(table, c.field)) continue;
    if (EQUALITY.has(c.op) && !equality.includes(c.field)) equality.push(c.field);
    else if (RANGE.has(c.op) && !range.includes(c.field)) range.push(c.field);
  }
  const sortKey = view.sort?.split(",")[0]?.replace(/^-/, "");
  const sort = sortKey && sortKey !== "id" && sortable(table, sortKey) && !equality.includes(sortKey) ? [sortKey] : [];
  const columns = [...equality, ...sort, ...range.filter((r) => !sort.includes(r)).slice(0, 1)].slice(0, MAX_COLUMNS);
  if (columns.length === 0) return null;
  const served = table.indexes.some(
    (ix) => columns.every((c, i) => ix.columns[i] === c) || (equality.length > 0 && sameLeadingSet(ix.columns, columns, equality.length)),
  );
  const parts = [
    equality.length ? `equal to ${equality.join(", ")}` : "",
    sort.length ? `sorted by ${sort[0]}` : "",
    range.length ? `in a range of ${range[0]}` : "",
  ].filter(Boolean);
  return { columns, served, entry: { fields: columns }, reason: `rows ${parts.join(", ")}` };
}

/** Equality columns may come in any order: (a, b, sort) serves (b, a, sort) just as well. */
function sameLeadingSet(index: string[], wanted: string[], equalityCount: number): boolean {
  if (index.length < wanted.length) return false;
  const lead = new Set(index.slice(0, equalityCount));
  return (
    wanted.slice(0, equalityCount).every((c) => lead.has(c)) && wanted.slice(equalityCount).every((c, i) => index[equalityCount + i] === c)
  );
}

/**
 * The index a board by `groupBy` needs: its column counts and money sums are one grouped scan,
 * which an index on the group field, the money's currency and the money itself answers alone
 * (no row is read); its cards per column are served by the index's first column.
 */
export function adviseBoardIndex(table: CompiledTable, groupBy: string): IndexAdvice | null {
  if (!table.fieldsByKey.has(groupBy)) return null;
  const money = boardSumField(table);
  const currency = money?.def["x-currency-field"];
  const columns = [
    groupBy,
    ...(typeof currency === "string" && table.fieldsByKey.has(currency) ? [currency] : []),
    ...(money ? [money.key] : []),
  ];
  const served = table.indexes.some((ix) => columns.every((c, i) => ix.columns[i] === c));
  return { columns, served, entry: { fields: columns }, reason: `a board by ${groupBy}: counts and sums read from the index alone` };
}
