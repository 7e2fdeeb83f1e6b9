import Decimal from "decimal.js";
import type { FieldSchema } from "../schema/types";
import type { FieldKindDef, ParseResult } from "./types";
import { isNullish, ok, quote } from "./common";
import { refuse } from "./value-words";
import { numberFormat } from "./intl-formats";

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
/** Groups of exactly three digits with one consistent separator (backreference \3). */
const GROUPED_NUMBER = /^([+-]?)(\d{1,3})((?:([ ,'\u00a0\u202f])\d{3})(?:\4\d{3})*)(\.\d+)?$/;

/**
 * Reads a number written with a dot decimal separator, optionally grouped by spaces, commas or
 * apostrophes. A single comma group without a dot ("1,234") is refused: it reads as 1.234 in
 * half of Europe and as 1234 elsewhere, and guessing would corrupt data silently.
 */
export function parseNumberText(text: string): ParseResult<number> {
  const trimmed = text.trim();
  let digits: string | undefined;
  if (PLAIN_NUMBER.test(trimmed)) {
    digits = trimmed;
  } else {
    const grouped = GROUPED_NUMBER.exec(trimmed);
    if (grouped) {
      const [, sign, head, groups, separator, fraction] = grouped;
      const groupCount = groups.length / 4;
      if (separator === "," && groupCount === 1 && fraction === undefined) {
        const plain = `${head}${groups.slice(1)}`;
        return refuse("ambiguousNumber", { value: quote(trimmed), plain, dotted: `${head}.${groups.slice(1)}` });
      }
      digits = `${sign}${head}${groups.split(separator).join("")}${fraction ?? ""}`;
    }
  }
  if (digits === undefined) return explainBadNumber(trimmed);
  const value = Number(digits);
  if (!Number.isFinite(value)) return refuse("tooLargeNumber", { value: quote(trimmed) });
  return ok(value === 0 ? 0 : value);
}

function explainBadNumber(text: string): ReturnType<typeof refuse> {
  if (/^[+-]?[\d .'\u00a0\u202f]*,\d+$/.test(text) && /\d/.test(text)) {
    const suggestion = text.replace(/[ .'\u00a0\u202f]/g, "").replace(",", ".");
    return refuse("decimalComma", { value: quote(text), suggestion });
  }
  if (/^[+-]?\d+(\.\d+)?e[+-]?\d+$/i.test(text)) {
    return refuse("exponent", { value: quote(text) });
  }
  return refuse("notNumber", { value: quote(text) });
}

export function parseIntegerText(text: string): ParseResult<number> {
  const parsed = parseNumberText(text);
  if (!parsed.ok) return parsed;
  if (!Number.isInteger(parsed.value)) {
    return refuse("notWhole", { value: quote(text.trim()) });
  }
  if (!Number.isSafeInteger(parsed.value)) {
    return refuse("tooLargeWhole", { value: quote(text.trim()) });
  }
  return parsed;
}

/** Plain digits, never an exponent, so `parseNumberText` reads it back to the same number. */
export function formatNumberText(value: unknown): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return isNullish(value) ? "" : String(value);
  // Without an exponent a number's own text is what decimal.js, which reads it from that text, gives
  // back (-0 is "0" in both): an export formats millions of them.
  const text = String(value);
  return text.includes("e") ? new Decimal(value).toFixed() : text;
}

/** Exact decimal text with `scale` digits; decimal.js avoids binary artefacts (1.005 → "1.01"). */
export function decimalToDb(value: unknown, scale: number): string | null {
  if (isNullish(value)) return null;
  // A number JSON writes without an exponent and with at most `scale` decimals needs no rounding:
  // its text, padded, is what decimal.js gives (which reads a number from that same text). A bulk
  // import stores hundreds of thousands of these.
  if (typeof value === "number") {
    const text = String(value);
    const places = plainPlaces(text);
    if (places >= 0 && places <= scale) return scale === 0 ? text : `${text}${places === 0 ? "." : ""}${"0".repeat(scale - places)}`;
  }
  const fixed = new Decimal(value as Decimal.Value).toFixed(scale, Decimal.ROUND_HALF_UP);
  return /^-0(?:\.0*)?$/.test(fixed) ? fixed.slice(1) : fixed;
}

/** better-sqlite3 gives numbers, mysql2 (decimalNumbers: false) gives strings. */
export function numberFromDb(raw: unknown): number | null {
  if (isNullish(raw)) return null;
  const value = typeof raw === "number" ? raw : Number(String(raw));
  return value === 0 ? 0 : value;
}

/** Decimal's default 20 significant digits would round 10^30 - 1 up to 10^30. */
const ExactDecimal = Decimal.clone({ precision: 80 });

/** Digits after the point of a number as JSON writes it (10.12 → 2, 1e-9 → 9). */
export function fractionDigits(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const places = plainPlaces(String(value));
  return places >= 0 ? places : new ExactDecimal(value).decimalPlaces();
}

/** Digits after the point of a number's text ("12.5" → 1, "12" → 0), or -1 when it has an exponent. */
function plainPlaces(text: string): number {
  if (text.includes("e")) return -1;
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

export interface MagnitudeBounds {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/**
 * Largest magnitude a decimal(precision, scale) column holds after rounding to `scale`.
 * When that limit is not a representable double, the column's power of ten is used exclusively.
 */
export function decimalBounds(precision: number, scale: number, field: FieldSchema): MagnitudeBounds {
  const power = new ExactDecimal(10).pow(precision - scale);
  const limit = power.minus(new ExactDecimal(10).pow(-scale));
  const asNumber = limit.toNumber();
  const bounds: MagnitudeBounds = new ExactDecimal(asNumber).lte(limit)
    ? { minimum: -asNumber, maximum: asNumber }
    : { exclusiveMinimum: -power.toNumber(), exclusiveMaximum: power.toNumber() };
  return tightenBounds(bounds, field);
}

/** Adds the field's own minimum / maximum where they are tighter than the column's limits. */
export function tightenBounds(bounds: MagnitudeBounds, field: FieldSchema): MagnitudeBounds {
  const result = { ...bounds };
  if (typeof field.minimum === "number" && field.minimum > (result.minimum ?? result.exclusiveMinimum ?? -Infinity)) {
    result.minimum = field.minimum;
    delete result.exclusiveMinimum;
  }
  if (typeof field.maximum === "number" && field.maximum < (result.maximum ?? result.exclusiveMaximum ?? Infinity)) {
    result.maximum = field.maximum;
    delete result.exclusiveMaximum;
  }
  return result;
}

export function formatNumberDisplay(value: unknown, locale: string, options: Intl.NumberFormatOptions): string {
  if (isNullish(value)) return "";
  if (typeof value !== "number") return String(value);
  return numberFormat(locale, options).format(value);
}

/** Whether a kind's values are whole numbers: a formula yielding one rounds to no decimals. */
export function holdsWholeNumbers(kind: Pick<FieldKindDef, "jsonType">): boolean {
  return kind.jsonType === "integer";
}

const separators = new Map<string, string>();

/** The locale's decimal separator: "," in Swedish and Armenian, "." in English and Chinese. */
export function decimalSeparator(locale: string | undefined): string {
  const key = locale ?? "";
  let sep = separators.get(key);
  if (sep === undefined) {
    sep =
      numberFormat(locale)
        .formatToParts(1.5)
        .find((p) => p.type === "decimal")?.value ?? ".";
    separators.set(key, sep);
  }
  return sep;
}

/** A number's canonical text ("1234.56") as the reader types it: "1234,56" where the decimal is a comma. */
export function toLocalNumberText(text: string, locale: string | undefined): string {
  return decimalSeparator(locale) === "," ? text.replace(".", ",") : text;
}

/**
 * What the reader typed, as canonical text for `parseNumberText`: where the decimal is a comma,
 * "1 234,56" and "1234,56" read as 1234.56 (spaces and dots group digits). A text with no comma
 * is left alone, so "1234.56" still reads as typed.
 */
export function fromLocalNumberText(text: string, locale: string | undefined): string {
  if (decimalSeparator(locale) !== "," || !text.includes(",")) return text;
  return text.replace(/[\s\u00a0\u202f.]/g, "").replace(",", ".");
}
