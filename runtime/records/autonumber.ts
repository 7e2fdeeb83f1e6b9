import type { FieldCondition, FieldSchema } from "../schema/types";

/** Does a record meet an autonumber's `x-assign-when` condition. */
export function conditionHolds(cond: FieldCondition, record: Record<string, unknown>): boolean {
  const v = record[cond.field];
  switch (cond.op) {
    case "eq":
      return v === cond.value;
    case "neq":
      return v !== cond.value;
    case "in":
      return Array.isArray(cond.value) && cond.value.includes(v);
    case "notEmpty":
      return v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0);
  }
}

const COUNTER = /\{(0+)\}/;

/** The counter restarts in every period the pattern names: per month with {MM}, per year with {YYYY}/{YY}. */
export function autonumberPeriod(pattern: string, date: string): string {
  const year = date.slice(0, 4);
  if (pattern.includes("{MM}")) return `${year}-${date.slice(5, 7)}`;
  if (pattern.includes("{YYYY}") || pattern.includes("{YY}")) return year;
  return "";
}

export function formatAutonumber(pattern: string, n: number, date: string): string {
  return autonumberFormat(pattern, date)(n);
}

/** `formatAutonumber` for one pattern and date: the text around the counter worked out once, for a batch's numbers. */
export function autonumberFormat(pattern: string, date: string): (n: number) => string {
  const dated = pattern.replace("{YYYY}", date.slice(0, 4)).replace("{YY}", date.slice(2, 4)).replace("{MM}", date.slice(5, 7));
  const counter = COUNTER.exec(dated);
  if (!counter) return () => dated;
  const before = dated.slice(0, counter.index);
  const after = dated.slice(counter.index + counter[0].length);
  const width = counter[1].length;
  return (n) => `${before}${String(n).padStart(width, "0")}${after}`;
}

/** The date whose year and month fill the pattern: the record's own date field, else today. */
export function autonumberDate(field: FieldSchema, record: Record<string, unknown>, today: string): string {
  const key = field["x-date-field"];
  const v = key ? record[key] : null;
  return typeof v === "string" && /^\d{4}-\d{2}/.test(v) ? v : today;
}
