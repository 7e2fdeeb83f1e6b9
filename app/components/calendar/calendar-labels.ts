import type { CalendarSpan } from "@runtime/views/calendar-range";

/**
 * Words for the days of a calendar. A day is a date without a zone, so it is formatted in UTC
 * and reads the same on the server and in any browser (no hydration mismatch at midnight).
 */
const LOCALE = "en-GB";
const formats = new Map<string, Intl.DateTimeFormat>();

function format(day: string, options: Intl.DateTimeFormatOptions): string {
  const key = JSON.stringify(options);
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone: "UTC" })));
  return f.format(new Date(`${day}T00:00:00Z`));
}

/** `December 2026`, `30 Nov – 6 Dec 2026`. */
export function spanTitle(span: CalendarSpan, at: string, days: string[]): string {
  if (span !== "week") return format(at, { month: "long", year: "numeric" });
  const first = days[0];
  const last = days[days.length - 1];
  const sameYear = first.slice(0, 4) === last.slice(0, 4);
  return `${format(first, sameYear ? { day: "numeric", month: "short" } : { day: "numeric", month: "short", year: "numeric" })} – ${format(last, { day: "numeric", month: "short", year: "numeric" })}`;
}

/** `Mon`, `Tue`, … for column headings. */
export function weekdayShort(day: string): string {
  return format(day, { weekday: "short" });
}

/**
 * `Thursday 3 December 2026`: a day named in full, for screen readers and notices. Built from its
 * parts, since ICU versions differ on the comma after the weekday and the server's Node and the
 * browser must render the same text.
 */
export function dayLong(day: string, withYear = true): string {
  const parts = [format(day, { weekday: "long" }), String(Number(day.slice(8))), format(day, { month: "long" })];
  if (withYear) parts.push(day.slice(0, 4));
  return parts.join(" ");
}

/** `3`, or `1 Dec` on the first of a month so a grid spanning two months says where one begins. */
export function dayNumber(day: string): string {
  return day.endsWith("-01") ? format(day, { day: "numeric", month: "short" }) : String(Number(day.slice(8)));
}
