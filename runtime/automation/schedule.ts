import type { TimeUnit, Trigger } from "./types";

/**
 * When date and schedule triggers are due, in the firm's time zone (TESSERA_TIME_ZONE, default
 * UTC). Pure: the clock is an argument, so tests move it.
 */

type ScheduleTrigger = Extract<Trigger, { type: "schedule" }>;

const UNIT_MS: Record<TimeUnit, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 1 Monday … 7 Sunday. */
  weekday: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** Throws a clear error for a time zone Intl does not know. */
export function checkTimeZone(timeZone: string): string {
  try {
    format(timeZone);
    return timeZone;
  } catch {
    throw new Error(`TESSERA_TIME_ZONE "${timeZone}" is not a time zone: use an IANA name such as Europe/Berlin, or UTC`);
  }
}

let last: { time: number; timeZone: string; parts: LocalParts } | null = null;

export function localParts(at: Date, timeZone: string): LocalParts {
  // A batch asks for the same instant hundreds of times, and formatToParts is not cheap.
  if (last && last.time === at.getTime() && last.timeZone === timeZone) return { ...last.parts };
  const parts = Object.fromEntries(
    format(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const local: LocalParts = {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday] ?? 1,
  };
  last = { time: at.getTime(), timeZone, parts: local };
  return { ...local };
}

/** The instant a local wall-clock time names (the later one in a DST gap, the earlier in an overlap). */
export function localToUtc(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wanted;
  for (let i = 0; i < 3; i++) {
    const p = localParts(new Date(guess), timeZone);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    if (seen === wanted) break;
    guess += wanted - seen;
  }
  return new Date(guess);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const slotKey = (y: number, m: number, d: number, h: number, mi: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(mi)}`;

/** A local calendar day moved by `days`. */
function shiftDay(y: number, m: number, d: number, days: number): [number, number, number] {
  const t = new Date(Date.UTC(y, m - 1, d) + days * UTC_DAY);
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}
const UTC_DAY = 86_400_000;

export interface Slot {
  /** When the slot began. */
  at: Date;
  /** Its local wall-clock time, the occurrence of every run in it: "2026-12-04T07:00". */
  key: string;
}

/** The latest slot of a schedule at or before `now`. */
export function latestSlot(trigger: ScheduleTrigger, now: Date, timeZone = "UTC"): Slot {
  const [hour, minute] = (trigger.at ?? "00:00").split(":").map(Number);
  const p = localParts(now, timeZone);
  const slot = (y: number, m: number, d: number, h: number, mi: number): Slot => ({
    at: localToUtc(y, m, d, h, mi, timeZone),
    key: slotKey(y, m, d, h, mi),
  });
  switch (trigger.every) {
    case "hour": {
      const s = slot(p.year, p.month, p.day, p.hour, minute);
      if (s.at <= now) return s;
      const back = localParts(new Date(now.getTime() - 3_600_000), timeZone);
      return slot(back.year, back.month, back.day, back.hour, minute);
    }
    case "day": {
      const s = slot(p.year, p.month, p.day, hour, minute);
      if (s.at <= now) return s;
      const [y, m, d] = shiftDay(p.year, p.month, p.day, -1);
      return slot(y, m, d, hour, minute);
    }
    case "week": {
      const back = (p.weekday - (trigger.weekday ?? 1) + 7) % 7;
      let [y, m, d] = shiftDay(p.year, p.month, p.day, -back);
      let s = slot(y, m, d, hour, minute);
      if (s.at > now) {
        [y, m, d] = shiftDay(y, m, d, -7);
        s = slot(y, m, d, hour, minute);
      }
      return s;
    }
    case "month": {
      const day = trigger.day ?? 1;
      const s = slot(p.year, p.month, day, hour, minute);
      if (s.at <= now) return s;
      const [y, m] = p.month === 1 ? [p.year - 1, 12] : [p.year, p.month - 1];
      return slot(y, m, day, hour, minute);
    }
  }
}

/** A local date as text: "2026-12-04". */
export function localDate(at: Date, timeZone = "UTC"): string {
  const p = localParts(at, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * The latest field value that is due at `now`: a record is due when `value + offset <= now`, i.e.
 * `value <= now - offset`. A date counts from its local midnight, so for a date field the answer is
 * a date ("2026-12-03"); days move by the calendar. For a date-time field it is an instant.
 */
export function dueThreshold(withTime: boolean, offset: { amount: number; unit: TimeUnit }, now: Date, timeZone = "UTC"): string | Date {
  if (withTime) return new Date(now.getTime() - offset.amount * UNIT_MS[offset.unit]);
  if (offset.unit === "days") {
    const p = localParts(now, timeZone);
    const [y, m, d] = shiftDay(p.year, p.month, p.day, -offset.amount);
    return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  }
  return localDate(new Date(now.getTime() - offset.amount * UNIT_MS[offset.unit]), timeZone);
}
