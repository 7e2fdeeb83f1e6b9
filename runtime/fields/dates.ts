import type { ParseResult } from "./types";
import { isNullish, ok, quote } from "./common";
import { monthPhrase, refuse } from "./value-words";
import { dateTimeFormat } from "./intl-formats";

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear does not. */
function utcTime(year: number, month: number, day: number, hours = 0, minutes = 0, seconds = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hours, minutes, seconds, ms);
  return date.getTime();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcTime(year, month + 1, 0)).getUTCDate();
}

export function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function checkedDate(text: string, year: number, month: number, day: number): ParseResult<string> {
  if (month < 1 || month > 12) return refuse("noMonth", { value: quote(text), month });
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return refuse("noDay", { value: quote(text), month: monthPhrase(month), year, days });
  }
  return ok(isoDate(year, month, day));
}

/** `YYYY-MM-DD` or `DD.MM.YYYY`; other orders (11/24/2026) are refused as ambiguous. */
export function parseDateText(text: string): ParseResult<string> {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (iso) return checkedDate(trimmed, Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(trimmed);
  if (dotted) return checkedDate(trimmed, Number(dotted[3]), Number(dotted[2]), Number(dotted[1]));
  return refuse("notDate", { value: quote(trimmed) });
}

/** mysql2 without `dateStrings` returns local-midnight Dates; everything else returns text. */
export function dateFromDb(raw: unknown): string | null {
  if (isNullish(raw)) return null;
  if (raw instanceof Date) return isoDate(raw.getFullYear(), raw.getMonth() + 1, raw.getDate());
  return String(raw).slice(0, 10);
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
  ms: number;
  /** Minutes east of UTC, or null when the text names no zone. */
  offset: number | null;
}

function dateTimeParts(text: string): DateTimeParts | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const offset = m[8] ? 0 : m[9] ? (m[9] === "-" ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11] ?? 0)) : null;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hours: Number(m[4]),
    minutes: Number(m[5]),
    seconds: Number(m[6] ?? 0),
    // Milliseconds are what both databases keep; finer digits are cut, not rounded into the next second.
    ms: Number((m[7] ?? "").padEnd(3, "0").slice(0, 3)),
    offset,
  };
}

function toUtcMillis(parts: DateTimeParts): number {
  const local = utcTime(parts.year, parts.month, parts.day, parts.hours, parts.minutes, parts.seconds, parts.ms);
  return local - (parts.offset ?? 0) * 60_000;
}

function dbDateTime(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}

/** Any ISO date-time with an offset → UTC `YYYY-MM-DD HH:MM:SS.sss`, which sorts as text on both dialects. */
export function dateTimeToDb(value: unknown): string | null {
  if (isNullish(value)) return null;
  const parts = dateTimeParts(String(value));
  if (!parts) throw new Error(`${quote(String(value))} is not an ISO date-time`);
  return dbDateTime(toUtcMillis(parts));
}

/** Stored UTC text (or a Date, or epoch milliseconds from knex's SQLite binding) → ISO with `Z`. */
export function dateTimeFromDb(raw: unknown): string | null {
  if (isNullish(raw)) return null;
  if (raw instanceof Date) return raw.toISOString();
  if (typeof raw === "number" || typeof raw === "bigint") return new Date(Number(raw)).toISOString();
  const parts = dateTimeParts(String(raw).trim());
  if (!parts) throw new Error(`${quote(String(raw))} read from the database is not a date-time`);
  return new Date(toUtcMillis(parts)).toISOString();
}

export function parseDateTimeText(text: string): ParseResult<string> {
  const trimmed = text.trim();
  const parts = dateTimeParts(trimmed);
  if (!parts) {
    return refuse("notDateTime", { value: quote(trimmed) });
  }
  if (parts.offset === null) {
    return refuse("noTimeZone", { value: quote(trimmed) });
  }
  const date = checkedDate(trimmed, parts.year, parts.month, parts.day);
  if (!date.ok) return date;
  if (parts.hours > 23 || parts.minutes > 59 || parts.seconds > 59 || Math.abs(parts.offset) > 23 * 60 + 59) {
    return refuse("notTime", { value: quote(trimmed) });
  }
  return ok(new Date(toUtcMillis(parts)).toISOString());
}

/** Dates carry no time zone, so they are shown as written, never shifted. */
export function formatDateDisplay(value: unknown, locale: string): string {
  if (isNullish(value)) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
  if (!m) return String(value);
  const time = utcTime(Number(m[1]), Number(m[2]), Number(m[3]));
  return dateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(time);
}

export function formatDateTimeDisplay(value: unknown, locale: string, timeZone: string | undefined): string {
  if (isNullish(value)) return "";
  const parts = dateTimeParts(String(value));
  if (!parts) return String(value);
  return dateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: timeZone ?? "UTC" }).format(toUtcMillis(parts));
}
