import { Form, Link, useLocation, useNavigate, useNavigation } from "@remix-run/react";
import { Suspense, useCallback, useEffect, useState } from "react";
import type { ListPageData } from "@runtime/views/list-page-data";
import { withChanges } from "@runtime/views/list-params";
import { toFilter } from "@runtime/views/conditions";
import { useTranslation } from "react-i18next";
import { say } from "@runtime/i18n/words";
import { useCounting } from "../../i18n/use-counting";
import { LayoutSwitch } from "../board/layout-switch";
import { usePrintTemplates } from "./batch-print";
import { BulkBar } from "./bulk-bar";
import { ColumnChooser } from "./column-chooser";
import { DataGrid } from "./data-grid";
import { FilterBuilder } from "./filter-builder";
import { FilterChips } from "./filter-chips";
import { viewNameIn } from "@runtime/views/view-name";
import { boardView, calendarView } from "./lazy-views";
import { hiddenEntries, listHref } from "./list-link";
import { Pagination } from "./pagination";
import { ViewsMenu } from "./views-menu";

// dnd-kit stays out of the list's bundle: only a board loads it.
const BoardView = boardView.View;
const CalendarView = calendarView.View;

/** The generated list of one table: toolbar, filters, grid, pagination, bulk actions. */
/** `actions`: the route's own buttons for the list (import and export), shown in its header. */
export function ListScreen({ data, message, actions }: { data: ListPageData; message?: string; actions?: React.ReactNode }) {
  const { table, params, state } = data;
  const navigate = useNavigate();
  const location = useLocation();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const counting = useCounting();
  const loading = navigation.state === "loading" && navigation.location?.pathname === location.pathname;
  const [selected, setSelected] = useState<Set<number>>(() => new Set());
  const [filtersOpen, setFiltersOpen] = useState(false);
  const printTemplates = usePrintTemplates(table.key);
  const base = `/t/${encodeURIComponent(table.key)}`;
  const columns = state.columns.map((k) => data.fields.find((f) => f.key === k)!).filter(Boolean);
  const noun = table.pluralLabel.toLowerCase();
  const filtered = state.conditions.length > 0 || state.q !== "";

  // Every record the list finds, across pages (for printing); any change of selection ends it.
  const [allMatching, setAllMatching] = useState(false);

  // A new result set (other filter, page, table) starts with nothing selected. Nothing selected
  // already (as on the first render) is left as it is: an update while the lazily loaded board
  // is still hydrating would make React throw its server HTML away (React error 421).
  useEffect(() => {
    setSelected((s) => (s.size === 0 ? s : new Set()));
    setAllMatching(false);
  }, [location.pathname, location.search]);
  const onSelect = (ids: number[], on: boolean) => {
    setAllMatching(false);
    setSelected((s) => {
      const next = new Set(s);
      ids.forEach((id) => (on ? next.add(id) : next.delete(id)));
      return next;
    });
  };
  const pageSelected = data.rows.length > 0 && data.rows.every((r) => selected.has(r.id));
  const matching =
    data.total > data.rows.length && (pageSelected || allMatching)
      ? {
          count: data.total,
          countLabel: counting.total(data.total, data.totalExact),
          query: { q: state.q || undefined, filter: toFilter(state.conditions, state.mode), sort: state.sort || undefined },
          selected: allMatching,
          onSelect: () => setAllMatching(true),
        }
      : undefined;
  const onDeleted = useCallback((ids: number[]) => setSelected((s) => new Set([...s].filter((id) => !ids.includes(id)))), []);
  const titleOf = (id: number) => {
    const row = data.rows.find((r) => r.id === id);
    return row && table.titleField ? String(row[table.titleField] ?? `#${id}`) : `#${id}`;
  };

  return (
    <div className={loading ? "list-screen list-screen--loading" : "list-screen"} aria-busy={loading}>
      <header className="list-header">
        <div>
          <h1>{table.pluralLabel}</h1>
          <p className="list-header__summary">
            {counting.total(data.total, data.totalExact)} {filtered ? t("list.matching") : t("list.records", { count: data.total })}
            {data.activeView ? <> · {t("list.view", { name: viewNameIn(data.activeView, i18n.language, t) })}</> : null}
          </p>
        </div>
        <LayoutSwitch
          tableKey={table.key}
          params={params}
          boardFields={data.boardFields}
          groupBy={data.board?.groupBy}
          calendarFields={data.calendarFields}
          onCalendar={data.calendar !== null}
        />
        {actions}
        {data.rights.create ? (
          <Link className="button" to={`${base}/new`}>
            {t("list.new", { label: table.label })}
          </Link>
        ) : null}
      </header>

      {message ? (
        <p className="notice notice--success" role="status">
          {message}
        </p>
      ) : null}
      {data.notices.length > 0 ? (
        <div className="notice notice--warning" role="status">
          {data.notices.map((n, i) => (
            <p key={i}>{typeof n === "string" ? n : say(n, t)}</p>
          ))}
        </div>
      ) : null}

      <div className="list-toolbar">
        <Form method="get" action={base} className="list-search" role="search">
          {hiddenEntries(params, ["q", "page", "cur"]).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <label className="visually-hidden" htmlFor="list-q">
            {t("list.searchLabel", { noun })}
          </label>
          <input
            id="list-q"
            className="input list-search__input"
            type="search"
            name="q"
            defaultValue={state.q}
            key={state.q}
            placeholder={t("list.searchPlaceholder", { noun })}
          />
          <button className="button button--ghost">{t("list.search")}</button>
        </Form>
        <button
          type="button"
          className={filtersOpen ? "button button--ghost button--pressed" : "button button--ghost"}
          aria-expanded={filtersOpen}
          aria-controls="filter-panel"
          onClick={() => setFiltersOpen((o) => !o)}
        >
          {t("list.filter")}
          {state.conditions.length ? ` (${state.conditions.length})` : ""}
        </button>
        <details className="popover">
          <summary className="button button--ghost">{t("list.columns")}</summary>
          <div className="popover__panel">
            <ColumnChooser key={state.columns.join(",")} fields={data.fields} columns={state.columns} params={params} action={base} />
          </div>
        </details>
        <details className="popover">
          <summary className="button button--ghost">
            {t("list.views")}
            {data.activeView ? `: ${viewNameIn(data.activeView, i18n.language, t)}` : ""}
          </summary>
          <div className="popover__panel popover__panel--right">
            <ViewsMenu
              tableKey={table.key}
              views={data.views}
              active={data.activeView}
              search={location.search}
              languages={data.languages}
            />
          </div>
        </details>
      </div>

      {filtersOpen ? (
        <div id="filter-panel" className="filter-panel">
          <FilterBuilder
            fields={data.fields}
            conditions={state.conditions}
            mode={state.mode}
            refTitles={data.refTitles}
            today={data.today}
            onCancel={() => setFiltersOpen(false)}
            onApply={(conditions, mode) => {
              setFiltersOpen(false);
              navigate(listHref(table.key, withChanges(params, { conditions, mode })));
            }}
          />
        </div>
      ) : null}
      <FilterChips
        tableKey={table.key}
        fields={data.fields}
        conditions={state.conditions}
        mode={state.mode}
        params={params}
        refTitles={data.refTitles}
      />

      <BulkBar
        tableKey={table.key}
        selected={[...selected]}
        matching={matching}
        printTemplates={printTemplates}
        label={table.label}
        pluralLabel={table.pluralLabel}
        titleOf={titleOf}
        onClear={() => {
          setSelected(new Set());
          setAllMatching(false);
        }}
        onDeleted={onDeleted}
        mayDelete={data.rights.delete}
      />

      {data.board ? (
        <Suspense fallback={<p className="list-empty">{t("list.loadingBoard")}</p>}>
          <BoardView key={location.search} table={table} fields={data.fields} board={data.board} q={state.q || undefined} />
        </Suspense>
      ) : data.calendar ? (
        <Suspense fallback={<p className="list-empty">{t("list.loadingCalendar")}</p>}>
          <CalendarView key={location.search} tableKey={table.key} params={params} calendar={data.calendar} />
        </Suspense>
      ) : (
        <div className="list-panel">
          {data.rows.length === 0 ? (
            <div className="list-empty">
              {filtered ? (
                <p>
                  {t("list.noMatch", { noun })}{" "}
                  <Link to={listHref(table.key, withChanges(params, { conditions: [], q: undefined }))}>{t("list.clearFilters")}</Link>
                </p>
              ) : (
                <p>
                  {t("list.empty", { noun })}
                  {data.rights.create ? (
                    <>
                      {" "}
                      <Link to={`${base}/new`}>{t("list.createFirst", { label: table.label.toLowerCase() })}</Link>
                    </>
                  ) : null}
                </p>
              )}
            </div>
          ) : (
            <div className="list-scroll">
              <DataGrid
                tableKey={table.key}
                tableLabel={table.pluralLabel}
                titleField={table.titleField}
                columns={columns}
                rows={data.rows}
                sort={state.sort}
                params={params}
                selected={selected}
                onSelect={onSelect}
                overdueIds={new Set(data.overdueIds)}
              />
            </div>
          )}
          <Pagination
            tableKey={table.key}
            params={params}
            page={data.page}
            pageSize={data.pageSize}
            rowCount={data.rows.length}
            total={data.total}
            totalExact={data.totalExact}
            nextCursor={data.nextCursor}
          />
        </div>
      )}
    </div>
  );
}
