import { localDate, localParts, localToUtc } from "../automation/schedule";

/**
 * The days a calendar shows and how its items move between them. Pure and browser-safe: the
 * loader asks for the range, the calendar in the browser moves an item with the same functions.
 * Days are ISO `YYYY-MM-DD`; weeks start on Monday; date-times fall on the day they have in the
 * firm's time zone (TESSERA_TIME_ZONE), as schedules and due dates do.
 */

export const CALENDAR_SPANS = ["month", "week", "agenda"] as const;
export type CalendarSpan = (typeof CALENDAR_SPANS)[number];

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function dayParts(day: string): [number, number, number] {
  const m = ISO_DAY.exec(day);
  if (!m) throw new Error(`"${day}" is not a day: write it as YYYY-MM-DD`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function utcDay(day: string): number {
  const [y, m, d] = dayParts(day);
  return Date.UTC(y, m - 1, d);
}

function fromUtc(time: number): string {
  const t = new Date(time);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** The day as written when it is a real one (no 31 June), else null. */
export function parseDay(text: string | null | undefined): string | null {
  if (!text || !ISO_DAY.test(text)) return null;
  const [y, m, d] = dayParts(text);
  if (y < 1000 || y > 9999) return null;
  const real = fromUtc(Date.UTC(y, m - 1, d));
  return real === text ? text : null;
}

export function addDays(day: string, days: number): string {
  return fromUtc(utcDay(day) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDay(to) - utcDay(from)) / DAY_MS);
}

/** 1 Monday … 7 Sunday. */
export function weekdayOf(day: string): number {
  return ((new Date(utcDay(day)).getUTCDay() + 6) % 7) + 1;
}

function firstOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

function lastOfMonth(day: string): string {
  const [y, m] = dayParts(day);
  return fromUtc(Date.UTC(y, m, 0));
}

function addMonths(day: string, months: number): string {
  const [y, m] = dayParts(day);
  return fromUtc(Date.UTC(y, m - 1 + months, 1));
}

export interface CalendarRange {
  /** The first and last day shown, both included. */
  first: string;
  last: string;
  /** Every day shown, in order; a month grid is whole weeks, so it starts and ends in the neighbours. */
  days: string[];
}

/**
 * The days a span around `at` shows: a month as whole weeks (Monday to Sunday) covering it, a
 * week from its Monday, an agenda the month's own days.
 */
export function calendarRange(span: CalendarSpan, at: string): CalendarRange {
  let first: string;
  let last: string;
  if (span === "week") {
    first = addDays(at, 1 - weekdayOf(at));
    last = addDays(first, 6);
  } else if (span === "agenda") {
    first = firstOfMonth(at);
    last = lastOfMonth(at);
  } else {
    const start = firstOfMonth(at);
    const end = lastOfMonth(at);
    first = addDays(start, 1 - weekdayOf(start));
    last = addDays(end, 7 - weekdayOf(end));
  }
  const days: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) days.push(d);
  return { first, last, days };
}

/** The anchor one span earlier (-1) or later (1): a week, or the first of a month. */
export function stepAnchor(span: CalendarSpan, at: string, direction: -1 | 1): string {
  return span === "week" ? addDays(at, 7 * direction) : addMonths(at, direction);
}

/** The instants a date-time must lie in, `[from, to)`, to fall on the days first…last in the time zone. */
export function instantRange(range: { first: string; last: string }, timeZone: string): { from: string; to: string } {
  const [fy, fm, fd] = dayParts(range.first);
  const [ty, tm, td] = dayParts(addDays(range.last, 1));
  return { from: localToUtc(fy, fm, fd, 0, 0, timeZone).toISOString(), to: localToUtc(ty, tm, td, 0, 0, timeZone).toISOString() };
}

/** The day a value falls on: a date is its own day; a date-time the day it has in the time zone. */
export function dayOfValue(value: unknown, withTime: boolean, timeZone: string): string | null {
  if (typeof value !== "string" || value === "") return null;
  if (!withTime) return parseDay(value.slice(0, 10));
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : localDate(at, timeZone);
}

/** A date-time's wall-clock time in the time zone, `14:00`. */
export function timeOfValue(value: string, timeZone: string): string {
  const p = localParts(new Date(value), timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * A value moved to another day. A date simply becomes that day. A date-time keeps its wall-clock
 * time in the time zone, so a 14:00 meeting moved across a change to summer time is still at
 * 14:00, not at 15:00; seconds and milliseconds are kept as they were.
 */
export function moveValueToDay(value: string, day: string, withTime: boolean, timeZone: string): string {
  if (!withTime) return day;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new Error(`"${value}" is not a date and time`);
  const p = localParts(at, timeZone);
  const [y, m, d] = dayParts(day);
  const withinMinute = ((at.getTime() % 60_000) + 60_000) % 60_000;
  return new Date(localToUtc(y, m, d, p.hour, p.minute, timeZone).getTime() + withinMinute).toISOString();
}

/** Today in the time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return localDate(now, timeZone);
}
