import Decimal from "decimal.js";

/** True or false: what a comparison or `not` yields. */
export const isBoolean = (value: unknown): value is boolean => value === true || value === false;

/**
 * The decimal type formulas compute with. Instances share decimal.js's prototype, so they are
 * `instanceof Decimal` for callers. 34 significant digits (IEEE decimal128) keep divisions such as
 * `1 / 3 * 3` far below any stored scale; no exponent notation so text output is plain digits.
 */
export const FormulaDecimal = Decimal.clone({
  precision: 34,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

/** What evaluation works with: dates are 'YYYY-MM-DD' strings. */
export type EvalValue = Decimal | string | boolean | null;

const DECIMAL_TEXT = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;

/**
 * The text a number had in the record ("007", "12.50"): record strings that look like numbers
 * compute as numbers but print as they were typed, so a code "007" concatenates as "007".
 */
const sourceText = new WeakMap<Decimal, string>();

export function isDecimal(value: unknown): value is Decimal {
  return value instanceof Decimal;
}

/** A record value as the evaluator sees it; objects and arrays are opaque (null). */
export function fromRecordValue(raw: unknown): EvalValue {
  if (raw === null || raw === undefined) return null;
  if (isBoolean(raw)) return raw;
  if (typeof raw === "number") return Number.isFinite(raw) ? new FormulaDecimal(raw) : null;
  if (typeof raw === "bigint") return new FormulaDecimal(raw.toString());
  if (typeof raw === "string") {
    if (!DECIMAL_TEXT.test(raw)) return raw;
    const number = new FormulaDecimal(raw);
    sourceText.set(number, raw);
    return number;
  }
  if (raw instanceof Decimal) return raw.isFinite() ? new FormulaDecimal(raw) : null;
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw.toISOString().slice(0, 10);
  return null;
}

/** A number for arithmetic: Decimals as they are, strings only when they are plain decimals. */
export function toNumber(value: EvalValue): Decimal | null {
  if (value instanceof Decimal) return value;
  if (typeof value === "string" && DECIMAL_TEXT.test(value)) return new FormulaDecimal(value);
  return null;
}

/** Text of a value for concatenation; null is empty, as in a spreadsheet. */
export function toText(value: EvalValue): string {
  if (value === null) return "";
  if (value instanceof Decimal) return sourceText.get(value) ?? value.toFixed();
  return String(value);
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' (or ISO date-time) string, or null if it is not a real date. */
export function toDayNumber(value: EvalValue): number | null {
  if (typeof value !== "string") return null;
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.getTime() / 86_400_000;
}

export function fromDayNumber(days: number): string | null {
  const date = new Date(days * 86_400_000);
  if (Number.isNaN(date.getTime())) return null;
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) return null;
  return date.toISOString().slice(0, 10);
}
