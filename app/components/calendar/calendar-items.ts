import { dayOfValue, timeOfValue } from "@runtime/views/calendar-range";
import type { CalendarItem, CalendarPageData } from "@runtime/views/list-page-data";

/** The item as the saved record now has it: its value, version and so its day and time; null when it has no date now. */
export function updated(item: CalendarItem, record: Record<string, unknown>, calendar: CalendarPageData): CalendarItem | null {
  const value = record[calendar.field.key];
  const day = dayOfValue(value, calendar.withTime, calendar.timeZone);
  if (typeof value !== "string" || !day) return null;
  return {
    ...item,
    version: typeof record.version === "number" ? record.version : item.version,
    value,
    day,
    time: calendar.withTime ? timeOfValue(value, calendar.timeZone) : null,
  };
}

/** The items with one replaced (or removed, for null), kept in order of their date. */
export function replaced(items: CalendarItem[], id: number, next: CalendarItem | null): CalendarItem[] {
  const others = items.filter((i) => i.id !== id);
  return next ? [...others, next].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : a.id - b.id)) : others;
}
