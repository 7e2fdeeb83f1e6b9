import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { CalendarSpan } from "@runtime/views/calendar-range";
import { useLocale } from "../../i18n/use-locale";

/**
 * Words for the days of a calendar, in the reader's locale. A day is a date without a zone, so it
 * is formatted in UTC and reads the same on the server and in any browser (no hydration mismatch
 * at midnight). Month and weekday names come from Intl; where ICU versions differ on punctuation
 * (the comma after an English weekday), the catalog says how a full day is written and Intl only
 * names its parts, so the server's Node and the browser render the same text.
 */
export type CalendarWords = (key: string, values?: Record<string, unknown>) => string;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" })));
  return f;
}

const at = (day: string) => new Date(`${day}T00:00:00Z`);

export interface CalendarLabels {
  /** `December 2026`, `december 2026`, `2026年12月`; a week as its first and last day. */
  spanTitle(span: CalendarSpan, at: string, days: string[]): string;
  /** `Mon`, `mån`, `周一`, for column headings. */
  weekdayShort(day: string): string;
  /** `Thursday 3 December 2026`, `torsdag 3 december 2026`, `2026年12月3日星期四`: for screen readers, notices, the agenda. */
  dayLong(day: string, withYear?: boolean): string;
  /** `3`, or the month with the day on the first of a month, so a grid spanning two months says where one begins. */
  dayNumber(day: string): string;
}

export function calendarLabels(locale: string, t: CalendarWords): CalendarLabels {
  const format = (day: string, options: Intl.DateTimeFormatOptions) => formatter(locale, options).format(at(day));
  return {
    spanTitle(span, anchor, days) {
      if (span !== "week") return format(anchor, { month: "long", year: "numeric" });
      const first = days[0];
      const last = days[days.length - 1];
      const sameYear = first.slice(0, 4) === last.slice(0, 4);
      return t("calendar.weekTitle", {
        first: format(first, sameYear ? { day: "numeric", month: "short" } : { day: "numeric", month: "short", year: "numeric" }),
        last: format(last, { day: "numeric", month: "short", year: "numeric" }),
      });
    },
    weekdayShort: (day) => format(day, { weekday: "short" }),
    dayLong(day, withYear = true) {
      // The names as the locale writes them in a full date (Armenian and Swedish months take their dated form there).
      const parts = formatter(locale, { weekday: "long", day: "numeric", month: "long", year: "numeric" }).formatToParts(at(day));
      const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
      const names = { weekday: part("weekday"), day: part("day"), month: part("month"), year: part("year") };
      return t(withYear ? "calendar.dayLong" : "calendar.dayLongNoYear", names);
    },
    dayNumber: (day) => (day.endsWith("-01") ? format(day, { day: "numeric", month: "short" }) : String(Number(day.slice(8)))),
  };
}

/** The calendar's labels in the reader's locale and words. */
export function useCalendarLabels(): CalendarLabels {
  const { t } = useTranslation();
  const locale = useLocale();
  return useMemo(() => calendarLabels(locale, (key, values) => t(key, values)), [locale, t]);
}
