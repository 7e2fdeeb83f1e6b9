import { badRequest } from "../errors";
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
  if (typeof path !== "string" || !path)
    throw badRequest('each groupBy needs a "field": a field key, or relation.field (e.g. "client.country")');
  const steps = path.split(".");
  if (steps.length > 2) throw badRequest(`"${path.slice(0, 80)}": a report reaches one relation deep, e.g. "client.country"`);
  const first = table.fieldsByKey.get(steps[0]);
  if (!first) throw badRequest(`"${steps[0].slice(0, 80)}" is not a field of ${table.pluralLabel}`, { field: steps[0].slice(0, 80) });
  if (steps.length === 1) return { path, field: first, owner: table, via: null };
  const targetKey = isRelation(first) ? relationTarget(first) : undefined;
  const target = targetKey && targetKey !== USERS_TABLE ? compiled.tablesByKey.get(targetKey) : undefined;
  if (!target) throw badRequest(`"${first.key}" is not a relation to another table of records: "${path.slice(0, 80)}" cannot be followed`);
  const field = target.fieldsByKey.get(steps[1]);
  if (!field) throw badRequest(`"${steps[1].slice(0, 80)}" is not a field of ${target.pluralLabel}`, { field: path.slice(0, 80) });
  return { path, field, owner: target, via: first };
}

/** `t`: the words of the columns' names (English by default; the reader's on a screen). */
export function parseReportSpec(compiled: CompiledSchema, raw: unknown, t: ReportWords = englishReportWords): ResolvedReport {
  if (!isObject(raw)) throw badRequest("a report is an object: { table, groupBy, measures, filter?, sort?, limit?, currency? }");
  const table = typeof raw.table === "string" ? compiled.tablesByKey.get(raw.table) : undefined;
  if (!table)
    throw badRequest(`table must name a table of the workspace${typeof raw.table === "string" ? `, not "${raw.table.slice(0, 64)}"` : ""}`);

  const rawGroups = raw.groupBy ?? [];
  if (!Array.isArray(rawGroups) || rawGroups.length > MAX_GROUPS)
    throw badRequest(`groupBy is a list of at most ${MAX_GROUPS} groupings: [{ "field": "issued_on", "bucket": "month" }]`);
  const groups = rawGroups.map((g): ResolvedGroup => {
    if (!isObject(g)) throw badRequest('each groupBy is { "field": …, "bucket"?: … }');
    const resolved = resolvePath(compiled, table, g.field);
    const { field } = resolved;
    if (!isGroupable(field.def)) throw badRequest(`${field.label} cannot be grouped by: its values are not categories`);
    let bucket: DateBucket | null = null;
    if (g.bucket !== undefined && g.bucket !== null) {
      if (!DATE_BUCKETS.includes(g.bucket as DateBucket)) throw badRequest(`bucket must be one of ${DATE_BUCKETS.join(", ")}`);
      if (!isDated(field.def)) throw badRequest(`${field.label} is not a date: only dates are grouped by ${String(g.bucket)}`);
      bucket = g.bucket as DateBucket;
      if (bucket === "aging" && hasTimeOfDay(field.def))
        throw badRequest(`aging needs a date field (a due date), and ${field.label} has a time of day`);
    } else if (isDated(field.def)) bucket = hasTimeOfDay(field.def) ? "day" : null;
    const key = bucket ? `${resolved.path}:${bucket}` : resolved.path;
    const name = resolved.via ? `${resolved.via.label} › ${field.label}` : field.label;
    return { ...resolved, key, bucket, label: bucket ? groupedLabel(name, bucket, t) : name };
  });
  if (new Set(groups.map((g) => g.key)).size !== groups.length) throw badRequest("groupBy names the same grouping twice");

  const rawMeasures = raw.measures ?? [{ op: "count" }];
  if (!Array.isArray(rawMeasures) || rawMeasures.length === 0 || rawMeasures.length > MAX_MEASURES)
    throw badRequest(`measures is a list of 1 to ${MAX_MEASURES} measures: [{ "op": "count" }, { "op": "sum", "field": "total" }]`);
  const measures = rawMeasures.map((m): ResolvedMeasure => {
    if (!isObject(m) || !MEASURE_OPS.includes(m.op as MeasureOp))
      throw badRequest(`each measure is { "op": ${MEASURE_OPS.map((o) => `"${o}"`).join(" | ")}, "field"?: … }`);
    const op = m.op as MeasureOp;
    if (op === "count") return { key: "count", label: measureLabel(op, null, t), op, field: null, currency: null };
    const field = typeof m.field === "string" ? table.fieldsByKey.get(m.field) : undefined;
    if (!field || !isNumeric(field.def)) throw badRequest(`${op} needs "field": a number or money field of ${table.pluralLabel}`);
    const currencyKey = isMoney(field.def) ? field.def["x-currency-field"] : undefined;
    const currency = typeof currencyKey === "string" ? (table.fieldsByKey.get(currencyKey) ?? null) : null;
    return { key: `${op}:${field.key}`, label: measureLabel(op, field.label, t), op, field, currency };
  });
  if (new Set(measures.map((m) => m.key)).size !== measures.length) throw badRequest("measures names the same measure twice");
  const currencies: CompiledField[] = [];
  for (const m of measures) if (m.currency && !currencies.some((c) => c.key === m.currency!.key)) currencies.push(m.currency);

  let inCurrency: string | null = null;
  if (raw.currency !== undefined && raw.currency !== null) {
    if (typeof raw.currency !== "string" || !/^[A-Z]{3}$/.test(raw.currency))
      throw badRequest('currency is the three-letter code the money measures are converted into, e.g. "EUR"');
    inCurrency = raw.currency;
  }
  const columnKeys = new Set([
    ...groups.map((g) => g.key),
    ...(inCurrency ? [] : currencies.map((c) => `currency:${c.key}`)),
    ...measures.map((m) => m.key),
  ]);
  const rawSort = raw.sort === undefined || raw.sort === null ? [] : typeof raw.sort === "string" ? [raw.sort] : raw.sort;
  if (!Array.isArray(rawSort) || rawSort.some((s) => typeof s !== "string"))
    throw badRequest('sort is a column key or a list of them, "-" first for descending: ["-sum:total"]');
  const sort = (rawSort as string[]).map((s) => {
    const desc = s.startsWith("-");
    const key = desc ? s.slice(1) : s;
    if (!columnKeys.has(key))
      throw badRequest(`sort: "${key.slice(0, 80)}" is not a column of this report (${[...columnKeys].join(", ")})`);
    return { key, desc };
  });

  const limit = raw.limit === undefined || raw.limit === null ? DEFAULT_LIMIT : Number(raw.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw badRequest(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
  return { table, groups, measures, currencies, filter: raw.filter ?? null, sort, limit, inCurrency };
}
