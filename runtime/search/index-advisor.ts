import { valueKindOf } from "../fields/registry";
import type { FilterOperator } from "../fields/types";
import { boardSumField } from "../records/board-fields";
import type { CompiledTable } from "../schema/compile";
import type { ViewState } from "../views/stored-view";
import { englishWords, say, type Phrase } from "../i18n/words";

/** Why an index is advised, in English; the schema designer says the same phrase in its reader's words. */
export const INDEX_ADVICE_ENGLISH: Readonly<Record<string, string>> = {
  "schemaDesigner.advice.rows": "rows {{parts}}",
  "schemaDesigner.advice.equal": "equal to {{fields}}",
  "schemaDesigner.advice.sorted": "sorted by {{field}}",
  "schemaDesigner.advice.range": "in a range of {{field}}",
  "schemaDesigner.advice.board": "a board by {{field}}: counts and sums read from the index alone",
  "schemaDesigner.advice.report": "a report grouped by {{fields}}: its figures read from the index alone",
  "schemaDesigner.advice.reportUngrouped": "a report grouped by nothing: its figures read from the index alone",
};
const english = englishWords(INDEX_ADVICE_ENGLISH);
const because = (key: string, values: Record<string, unknown> = {}): Pick<IndexAdvice, "reason" | "why"> => {
  const why = { key: `schemaDesigner.advice.${key}`, values };
  return { reason: say(why, english), why };
};

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
  /** The reason as a catalog phrase, for screens in other languages. */
  why: Phrase;
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
  const parts: Phrase[] = [
    ...(equality.length ? [{ key: "schemaDesigner.advice.equal", values: { fields: equality.join(", ") } }] : []),
    ...(sort.length ? [{ key: "schemaDesigner.advice.sorted", values: { field: sort[0] } }] : []),
    ...(range.length ? [{ key: "schemaDesigner.advice.range", values: { field: range[0] } }] : []),
  ];
  return { columns, served, entry: { fields: columns }, ...because("rows", { parts }) };
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
  return { columns, served, entry: { fields: columns }, ...because("board", { field: groupBy }) };
}

/** A report's definition, as far as its index is concerned. */
export interface ReportShape {
  groupBy: { field: string }[];
  measures: { field?: string }[];
  filter?: unknown;
}

/**
 * The index a saved report needs: equality columns of its filter first, then one range column
 * (a period), then what it groups by, the currency its money is split by and what it measures,
 * so the grouped scan reads the index alone and never the rows. Fields reached through a
 * relation are the related table's: only the relation's own column helps here.
 */
export function adviseReportIndex(table: CompiledTable, report: ReportShape): IndexAdvice | null {
  const leaves = flatFilter(report.filter);
  if (leaves === null) return null;
  const equality: string[] = [];
  const range: string[] = [];
  for (const l of leaves) {
    if (!sortable(table, l.field)) continue;
    if (EQUALITY.has(l.op) && !equality.includes(l.field)) equality.push(l.field);
    else if (RANGE.has(l.op) && !range.includes(l.field)) range.push(l.field);
  }
  const own = (key: string | undefined) => (key && table.fieldsByKey.has(key) ? [key] : []);
  const groups = report.groupBy.flatMap((g) => own(g.field.split(".")[0]));
  const measured = report.measures.flatMap((m) => own(m.field));
  const currencies = measured.flatMap((k) => own(table.fieldsByKey.get(k)?.def["x-currency-field"] as string | undefined));
  // A range on a grouped field narrows the scan and keeps the groups in index order, so it leads;
  // any other range goes after the groups: the database then streams the groups in index order
  // and checks the range on each entry, where a range first would leave a temporary table to sort
  // (aging over a million invoices: 0.5 s with `balance` before `due_date`, 0.2 s after).
  const leading = range.filter((f) => groups.includes(f)).slice(0, 1);
  const trailing = groups.length > 0 ? range.filter((f) => !groups.includes(f)) : range.slice(0, 1);
  const columns = [...new Set([...equality, ...leading, ...groups, ...currencies, ...trailing, ...measured])].slice(0, MAX_REPORT_COLUMNS);
  if (columns.length === 0 || (equality.length === 0 && range.length === 0 && groups.length === 0)) return null;
  const served = table.indexes.some((ix) => columns.every((c, i) => ix.columns[i] === c));
  return {
    columns,
    served,
    entry: { fields: columns },
    ...(groups.length ? because("report", { fields: groups.join(", ") }) : because("reportUngrouped")),
  };
}

const MAX_REPORT_COLUMNS = 6;

function flatFilter(filter: unknown): { field: string; op: FilterOperator }[] | null {
  if (filter === null || filter === undefined) return [];
  const leaf = (n: unknown) => typeof n === "object" && n !== null && typeof (n as { field?: unknown }).field === "string";
  if (leaf(filter)) return [filter as { field: string; op: FilterOperator }];
  const and = (filter as { and?: unknown }).and;
  return Array.isArray(and) && and.every(leaf) ? (and as { field: string; op: FilterOperator }[]) : null;
}
