import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CALENDAR_SPANS, stepAnchor } from "@runtime/views/calendar-range";
import type { CalendarPageData } from "@runtime/views/list-page-data";
import type { ListParams } from "@runtime/views/list-params";
import { listHref } from "../list/list-link";

/** The calendar's title, previous / today / next, and month, week or agenda: all of it in the address. */
export function CalendarNav(props: { tableKey: string; params: ListParams; calendar: CalendarPageData; title: string }) {
  const { calendar } = props;
  const { t } = useTranslation();
  const href = (changes: Partial<ListParams>) =>
    listHref(props.tableKey, { ...props.params, layout: "calendar", date: calendar.field.key, page: 1, cursors: [], ...changes });
  const unit = calendar.span === "week" ? "week" : "month";
  return (
    <div className="calendar-nav">
      <div className="calendar-nav__steps">
        <Link
          className="button button--ghost calendar-nav__step"
          to={href({ at: stepAnchor(calendar.span, calendar.at, -1) })}
          aria-label={t(unit === "week" ? "calendar.previousWeek" : "calendar.previousMonth")}
        >
          ‹
        </Link>
        <Link className="button button--ghost" to={href({ at: undefined })}>
          {t("calendar.today")}
        </Link>
        <Link
          className="button button--ghost calendar-nav__step"
          to={href({ at: stepAnchor(calendar.span, calendar.at, 1) })}
          aria-label={t(unit === "week" ? "calendar.nextWeek" : "calendar.nextMonth")}
        >
          ›
        </Link>
      </div>
      <h2 className="calendar-nav__title" aria-live="polite">
        {props.title}
      </h2>
      {calendar.fields.length > 1 ? (
        <nav className="layout-switch__group calendar-nav__fields" aria-label={t("calendar.dateField")}>
          <span>{t("list.by")}</span>
          {calendar.fields.map((f) => (
            <Link
              key={f.key}
              className={f.key === calendar.field.key ? "chip chip--on" : "chip"}
              aria-current={f.key === calendar.field.key ? "true" : undefined}
              to={href({ date: f.key })}
            >
              {f.label}
            </Link>
          ))}
        </nav>
      ) : null}
      <nav className="segmented" aria-label={t("calendar.span")}>
        {CALENDAR_SPANS.map((span) => (
          <Link
            key={span}
            className={span === calendar.span ? "segmented__item segmented__item--on" : "segmented__item"}
            aria-current={span === calendar.span ? "page" : undefined}
            to={href({ span: span === "month" ? undefined : span, at: calendar.at === calendar.today ? undefined : calendar.at })}
          >
            {t(`calendar.spans.${span}`)}
          </Link>
        ))}
      </nav>
    </div>
  );
}
