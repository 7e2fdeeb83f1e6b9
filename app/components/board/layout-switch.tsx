import { useTranslation } from "react-i18next";
import { Link } from "@remix-run/react";
import type { ListParams } from "@runtime/views/list-params";
import { listHref } from "../list/list-link";

interface LayoutSwitchProps {
  tableKey: string;
  params: ListParams;
  boardFields: { key: string; label: string }[];
  /** The board's field when the board is shown. */
  groupBy: string | undefined;
  calendarFields: { key: string; label: string }[];
  /** Whether the calendar is shown (it chooses its date field itself, in its own bar). */
  onCalendar: boolean;
}

const BASE = { layout: undefined, groupBy: undefined, date: undefined, span: undefined, at: undefined, page: 1, cursors: [] };

/** List, board or calendar, and on a board the field its columns follow; shown only when a board or calendar is possible. */
export function LayoutSwitch({ tableKey, params, boardFields, groupBy, calendarFields, onCalendar }: LayoutSwitchProps) {
  const { t } = useTranslation();
  if (boardFields.length === 0 && calendarFields.length === 0) return null;
  const list = { ...params, ...BASE };
  const board = (key: string | undefined) => ({ ...params, ...BASE, layout: "board" as const, groupBy: key });
  const calendar = { ...params, ...BASE, layout: "calendar" as const, date: params.date, span: params.span, at: params.at };
  const onBoard = groupBy !== undefined;
  const shown = onBoard ? "board" : onCalendar ? "calendar" : "list";
  const item = (name: typeof shown, to: string, label: string) => (
    <Link
      className={shown === name ? "segmented__item segmented__item--on" : "segmented__item"}
      aria-current={shown === name ? "page" : undefined}
      to={to}
    >
      {label}
    </Link>
  );
  return (
    <nav className="layout-switch" aria-label={t("list.layout")}>
      <div className="segmented">
        {item("list", listHref(tableKey, list), t("list.list"))}
        {boardFields.length > 0 ? item("board", listHref(tableKey, board(params.groupBy)), t("list.board")) : null}
        {calendarFields.length > 0 ? item("calendar", listHref(tableKey, calendar), t("list.calendar")) : null}
      </div>
      {onBoard && boardFields.length > 1 ? (
        <div className="layout-switch__group">
          <span>{t("list.by")}</span>
          {boardFields.map((f) => (
            <Link
              key={f.key}
              className={f.key === groupBy ? "chip chip--on" : "chip"}
              aria-current={f.key === groupBy ? "true" : undefined}
              to={listHref(tableKey, board(f.key))}
            >
              {f.label}
            </Link>
          ))}
        </div>
      ) : null}
    </nav>
  );
}
