import { badReport } from "./report-refusals";
import { hasTimeOfDay, isDated, isGroupable, isMoney, isNumeric } from "../fields/registry";
import { isRelation, relationTarget } from "../fields/structure";
import type { CompiledField, CompiledSchema, CompiledTable } from "../schema/compile";
import { USERS_TABLE } from "../schema/types";
import { englishReportWords, groupedLabel, measureLabel, type ReportWords } from "./report-words";

/**
 * A report as the API and the builder send it: a table, up to two groupings (a field of the table
 * or, through one relation, of the record it points at; dates by a calendar bucket or by aging),
 * measures, the list's filter, a sort and a limit. Checked here against the compiled schema, so
 * the SQL is built only from known columns.
 */

export const DATE_BUCKETS = ["day", "week", "month", "quarter", "year", "aging"] as const;
export type DateBucket = (typeof DATE_BUCKETS)[number];
export const MEASURE_OPS = ["count", "sum", "avg", "min", "max"] as const;
export type MeasureOp = (typeof MEASURE_OPS)[number];
export const MAX_GROUPS = 2;
export const MAX_MEASURES = 6;
export const MAX_LIMIT = 5000;
export const DEFAULT_LIMIT = 1000;

export interface ReportSpec {
  table: string;
  groupBy: { field: string; bucket?: DateBucket }[];
  measures: { op: MeasureOp; field?: string }[];
  filter?: unknown;
  /** Column keys, `-` first for descending: `["-sum:total"]`. */
  sort?: string[];
  limit?: number;
  /** Money measures converted into this currency and added across currencies (docs/decisions/032-exchange-rates.md). */
  currency?: string;
}

/** A grouping resolved: the field, and the relation it is reached through (`client.country`). */
export interface ResolvedGroup {
  key: string;
  label: string;
  path: string;
  field: CompiledField;
  /** The table that holds `field`: the report's own, or the relation's target. */
  owner: CompiledTable;
  via: CompiledField | null;
  bucket: DateBucket | null;
}

export interface ResolvedMeasure {
  key: string;
  label: string;
  op: MeasureOp;
  field: CompiledField | null;
  /** The field naming the currency of a money measure: sums are split by it, never added across. */
  currency: CompiledField | null;
}

export interface ResolvedReport {
  table: CompiledTable;
  groups: ResolvedGroup[];
  measures: ResolvedMeasure[];
  /** Currency fields the rows are split by (a money measure's), in the order first met. */
  currencies: CompiledField[];
  filter: unknown;
  sort: { key: string; desc: boolean }[];
  limit: number;
  /** Money in one currency: the rows are not split by currency, and their sums are converted. */
  inCurrency: string | null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `field` or `relation.field`, each step a field the schema knows. */
export function resolvePath(
  compiled: CompiledSchema,
  table: CompiledTable,
  path: unknown,
): Omit<ResolvedGroup, "key" | "label" | "bucket"> {
  if (typeof path !== "string" || !path) throw badReport("groupField");
  const steps = path.split(".");
  if (steps.length > 2) throw badReport("tooDeep", { path: path.slice(0, 80) });
  const first = table.fieldsByKey.get(steps[0]);
  if (!first) throw badReport("noField", { field: steps[0].slice(0, 80), table: table.pluralLabel }, { field: steps[0].slice(0, 80) });
  if (steps.length === 1) return { path, field: first, owner: table, via: null };
  const targetKey = isRelation(first) ? relationTarget(first) : undefined;
  const target = targetKey && targetKey !== USERS_TABLE ? compiled.tablesByKey.get(targetKey) : undefined;
  if (!target) throw badReport("notRelation", { field: first.key, path: path.slice(0, 80) });
  const field = target.fieldsByKey.get(steps[1]);
  if (!field) throw badReport("noField", { field: steps[1].slice(0, 80), table: target.pluralLabel }, { field: path.slice(0, 80) });
  return { path, field, owner: target, via: first };
}

/** `t`: the words of the columns' names (English by default; the reader's on a screen). */
export function parseReportSpec(compiled: CompiledSchema, raw: unknown, t: ReportWords = englishReportWords): ResolvedReport {
  if (!isObject(raw)) throw badReport("notObject");
  const table = typeof raw.table === "string" ? compiled.tablesByKey.get(raw.table) : undefined;
  if (!table) throw typeof raw.table === "string" ? badReport("tableNot", { table: raw.table.slice(0, 64) }) : badReport("table");

  const rawGroups = raw.groupBy ?? [];
  if (!Array.isArray(rawGroups) || rawGroups.length > MAX_GROUPS) throw badReport("groupByList", { max: MAX_GROUPS });
  const groups = rawGroups.map((g): ResolvedGroup => {
    if (!isObject(g)) throw badReport("groupByEntry");
    const resolved = resolvePath(compiled, table, g.field);
    const { field } = resolved;
    if (!isGroupable(field.def)) throw badReport("notGroupable", { field: field.label });
    let bucket: DateBucket | null = null;
    if (g.bucket !== undefined && g.bucket !== null) {
      if (!DATE_BUCKETS.includes(g.bucket as DateBucket)) throw badReport("bucket", { buckets: DATE_BUCKETS.join(", ") });
      if (!isDated(field.def)) throw badReport("notDate", { field: field.label, bucket: String(g.bucket) });
      bucket = g.bucket as DateBucket;
      if (bucket === "aging" && hasTimeOfDay(field.def)) throw badReport("agingTime", { field: field.label });
    } else if (isDated(field.def)) bucket = hasTimeOfDay(field.def) ? "day" : null;
    const key = bucket ? `${resolved.path}:${bucket}` : resolved.path;
    const name = resolved.via ? `${resolved.via.label} › ${field.label}` : field.label;
    return { ...resolved, key, bucket, label: bucket ? groupedLabel(name, bucket, t) : name };
  });
  if (new Set(groups.map((g) => g.key)).size !== groups.length) throw badReport("groupTwice");

  const rawMeasures = raw.measures ?? [{ op: "count" }];
  if (!Array.isArray(rawMeasures) || rawMeasures.length === 0 || rawMeasures.length > MAX_MEASURES)
    throw badReport("measureList", { max: MAX_MEASURES });
  const measures = rawMeasures.map((m): ResolvedMeasure => {
    if (!isObject(m) || !MEASURE_OPS.includes(m.op as MeasureOp))
      throw badReport("measureEntry", { ops: MEASURE_OPS.map((o) => `"${o}"`).join(" | ") });
    const op = m.op as MeasureOp;
    if (op === "count") return { key: "count", label: measureLabel(op, null, t), op, field: null, currency: null };
    const field = typeof m.field === "string" ? table.fieldsByKey.get(m.field) : undefined;
    if (!field || !isNumeric(field.def)) throw badReport("measureField", { op, table: table.pluralLabel });
    const currencyKey = isMoney(field.def) ? field.def["x-currency-field"] : undefined;
    const currency = typeof currencyKey === "string" ? (table.fieldsByKey.get(currencyKey) ?? null) : null;
    return { key: `${op}:${field.key}`, label: measureLabel(op, field.label, t), op, field, currency };
  });
  if (new Set(measures.map((m) => m.key)).size !== measures.length) throw badReport("measureTwice");
  const currencies: CompiledField[] = [];
  for (const m of measures) if (m.currency && !currencies.some((c) => c.key === m.currency!.key)) currencies.push(m.currency);

  let inCurrency: string | null = null;
  if (raw.currency !== undefined && raw.currency !== null) {
    if (typeof raw.currency !== "string" || !/^[A-Z]{3}$/.test(raw.currency)) throw badReport("currency");
    inCurrency = raw.currency;
  }
  const columnKeys = new Set([
    ...groups.map((g) => g.key),
    ...(inCurrency ? [] : currencies.map((c) => `currency:${c.key}`)),
    ...measures.map((m) => m.key),
  ]);
  const rawSort = raw.sort === undefined || raw.sort === null ? [] : typeof raw.sort === "string" ? [raw.sort] : raw.sort;
  if (!Array.isArray(rawSort) || rawSort.some((s) => typeof s !== "string")) throw badReport("sort");
  const sort = (rawSort as string[]).map((s) => {
    const desc = s.startsWith("-");
    const key = desc ? s.slice(1) : s;
    if (!columnKeys.has(key)) throw badReport("sortColumn", { key: key.slice(0, 80), columns: [...columnKeys].join(", ") });
    return { key, desc };
  });

  const limit = raw.limit === undefined || raw.limit === null ? DEFAULT_LIMIT : Number(raw.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw badReport("limit", { max: MAX_LIMIT });
  return { table, groups, measures, currencies, filter: raw.filter ?? null, sort, limit, inCurrency };
}
