import type { Dialect } from "../db/connection.server";
import { localDate, localParts } from "../automation/schedule";
import { AGING_BUCKETS } from "../home/aging";
import { shiftDate } from "../home/tokens";
import { addDays, weekdayOf } from "../views/calendar-range";
import type { DateBucket } from "./spec";

/**
 * Calendar buckets of a report's date groupings, in SQL and in plain TypeScript. A date (no time
 * of day) is its own day and SQL buckets it directly. A date and time falls on a day of the
 * firm's time zone, whose offset moves with summer time, which no portable SQL expression knows:
 * outside UTC the database groups by UTC hour (quarter hour where the zone's offset is not whole
 * hours) and the slots are folded into local buckets here, which count, sum, min and max allow.
 */

type CalendarBucket = Exclude<DateBucket, "aging">;

/** The bucket's key of a day `YYYY-MM-DD`: the day, the Monday of its week, `YYYY-MM`, `YYYY-Qn`, `YYYY`. */
export function bucketOfDay(day: string, bucket: CalendarBucket): string {
  switch (bucket) {
    case "day":
      return day;
    case "week":
      return addDays(day, 1 - weekdayOf(day));
    case "month":
      return day.slice(0, 7);
    case "quarter":
      return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) + 2) / 3)}`;
    case "year":
      return day.slice(0, 4);
  }
}

/** The aging bucket of a due date on `today`: "current" until it is past, then by days overdue. */
export function agingOf(day: string, today: string): string {
  if (day >= today) return "current";
  if (day >= shiftDate(today, -30)) return "1-30";
  if (day >= shiftDate(today, -60)) return "31-60";
  if (day >= shiftDate(today, -90)) return "61-90";
  return "90+";
}

/** Where an aging key sorts: by how overdue, not by its text. */
export function agingRank(key: unknown): number {
  return AGING_BUCKETS.findIndex((b) => b.key === key);
}

/** The first and last day (both included) of a calendar bucket's key. */
export function bucketDays(key: string, bucket: CalendarBucket): { first: string; last: string } {
  switch (bucket) {
    case "day":
      return { first: key, last: key };
    case "week":
      return { first: key, last: addDays(key, 6) };
    case "month": {
      const [y, m] = key.split("-").map(Number);
      return { first: `${key}-01`, last: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
    }
    case "quarter": {
      const [y, q] = [Number(key.slice(0, 4)), Number(key.slice(6))];
      const first = `${y}-${String(q * 3 - 2).padStart(2, "0")}-01`;
      return { first, last: new Date(Date.UTC(y, q * 3, 0)).toISOString().slice(0, 10) };
    }
    case "year":
      return { first: `${key}-01-01`, last: `${key}-12-31` };
  }
}

/** Whether the zone's offset is whole hours all year, so hour slots fold into its days exactly. */
export function wholeHourZone(timeZone: string, year = new Date().getUTCFullYear()): boolean {
  return [0, 3, 6, 9].every((month) => {
    const at = new Date(Date.UTC(year, month, 15, 12));
    return localParts(at, timeZone).minute === at.getUTCMinutes();
  });
}

/** A UTC slot as the database gives it (`YYYY-MM-DD HH` or `YYYY-MM-DD HH:MM`) → the local day in the zone. */
export function dayOfSlot(slot: string, timeZone: string): string {
  const iso = slot.length <= 13 ? `${slot.slice(0, 10)}T${slot.slice(11, 13)}:00:00Z` : `${slot.slice(0, 10)}T${slot.slice(11, 16)}:00Z`;
  return localDate(new Date(iso), timeZone);
}

/** SQL for a calendar bucket key of a date or UTC date-time column, in the dialect. */
export function bucketSql(dialect: Dialect, column: string, bucket: CalendarBucket): string {
  const c = column;
  if (dialect === "mysql") {
    switch (bucket) {
      case "day":
        return `date_format(${c}, '%Y-%m-%d')`;
      case "week":
        return `date_format(date_sub(${c}, interval weekday(${c}) day), '%Y-%m-%d')`;
      case "month":
        return `date_format(${c}, '%Y-%m')`;
      case "quarter":
        return `concat(year(${c}), '-Q', quarter(${c}))`;
      case "year":
        return `date_format(${c}, '%Y')`;
    }
  }
  switch (bucket) {
    case "day":
      return `substr(${c}, 1, 10)`;
    case "week":
      return `date(substr(${c}, 1, 10), '-' || ((cast(strftime('%w', substr(${c}, 1, 10)) as integer) + 6) % 7) || ' days')`;
    case "month":
      return `substr(${c}, 1, 7)`;
    case "quarter":
      return `substr(${c}, 1, 4) || '-Q' || ((cast(substr(${c}, 6, 2) as integer) + 2) / 3)`;
    case "year":
      return `substr(${c}, 1, 4)`;
  }
}

/** SQL for the UTC slot of a date-time column: its hour, or its quarter hour. */
export function slotSql(dialect: Dialect, column: string, quarterHours: boolean): string {
  const c = column;
  if (dialect === "mysql")
    return quarterHours
      ? `concat(date_format(${c}, '%Y-%m-%d %H:'), lpad(floor(minute(${c}) / 15) * 15, 2, '0'))`
      : `date_format(${c}, '%Y-%m-%d %H')`;
  return quarterHours ? `substr(${c}, 1, 14) || printf('%02d', (cast(substr(${c}, 15, 2) as integer) / 15) * 15)` : `substr(${c}, 1, 13)`;
}

/** Today in the zone: the day aging counts from. */
export function todayInZone(timeZone: string, now: Date): string {
  return localDate(now, timeZone);
}
