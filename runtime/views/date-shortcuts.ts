import { daysInMonth, isoDate } from "../fields/dates";

export const DATE_SHORTCUTS = ["thisMonth", "lastMonth", "thisYear", "lastYear"] as const;
export type DateShortcut = (typeof DATE_SHORTCUTS)[number];

/**
 * A shortcut as concrete first and last days, so a saved or shared filter means the same dates
 * tomorrow as today. `today` is `YYYY-MM-DD`.
 */
export function dateShortcutRange(shortcut: DateShortcut, today: string): [string, string] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (shortcut) {
    case "thisMonth":
      return [isoDate(year, month, 1), isoDate(year, month, daysInMonth(year, month))];
    case "lastMonth": {
      const y = month === 1 ? year - 1 : year;
      const m = month === 1 ? 12 : month - 1;
      return [isoDate(y, m, 1), isoDate(y, m, daysInMonth(y, m))];
    }
    case "thisYear":
      return [isoDate(year, 1, 1), isoDate(year, 12, 31)];
    case "lastYear":
      return [isoDate(year - 1, 1, 1), isoDate(year - 1, 12, 31)];
  }
}
