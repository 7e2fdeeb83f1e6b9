import { useTranslation } from "react-i18next";
import { useNavigate } from "@remix-run/react";
import { useRef, type KeyboardEvent, type MouseEvent } from "react";
import type { RecordJson } from "@runtime/records/rows";
import type { ListField } from "@runtime/views/list-page-data";
import type { ListParams } from "@runtime/views/list-params";
import { LIST_FORMAT, RecordCell, useListFormat } from "./field-cell";
import { SortableHeader } from "./sortable-header";

export { LIST_FORMAT };

export interface DataGridProps {
  tableKey: string;
  tableLabel: string;
  titleField: string | null;
  columns: ListField[];
  rows: RecordJson[];
  sort: string;
  params: ListParams;
  selected: ReadonlySet<number>;
  onSelect(ids: number[], selected: boolean): void;
  overdueIds: ReadonlySet<number>;
}

const INTERACTIVE = "a, button, input, select, textarea, label";
/** Fields a row shows besides its title on a phone: the first of the list's chosen columns. */
const PHONE_FIELDS = 3;

/**
 * The rows of a list. A row opens its card on click or Enter; arrow keys move between rows. The
 * title cell is also a real link, so opening works without JavaScript and with a middle click.
 */
export function DataGrid(props: DataGridProps) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const format = useListFormat();
  const body = useRef<HTMLTableSectionElement>(null);
  const recordHref = (id: number) => `/t/${encodeURIComponent(props.tableKey)}/${id}`;
  const linkColumn = props.columns.find((c) => c.key === props.titleField)?.key ?? props.columns[0]?.key;
  // On a phone a row is a small card: its title and the first few other columns (list.css).
  const compact = new Set(
    props.columns
      .filter((c) => c.key !== linkColumn)
      .slice(0, PHONE_FIELDS)
      .map((c) => c.key),
  );
  const allSelected = props.rows.length > 0 && props.rows.every((r) => props.selected.has(r.id));
  const someSelected = props.rows.some((r) => props.selected.has(r.id));

  function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, id: number) {
    if (event.target !== event.currentTarget) return;
    const row = event.currentTarget;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const sibling = (event.key === "ArrowDown" ? row.nextElementSibling : row.previousElementSibling) as HTMLElement | null;
      sibling?.focus();
    } else if (event.key === "Enter") {
      navigate(recordHref(id));
    } else if (event.key === " ") {
      event.preventDefault();
      props.onSelect([id], !props.selected.has(id));
    }
  }

  function onRowClick(event: MouseEvent<HTMLTableRowElement>, id: number) {
    if (event.button !== 0 || event.defaultPrevented) return;
    const target = event.target as HTMLElement;
    // The title's plain link, followed in the app as a Link would be (one handler per row instead
    // of a Link per row: a list page renders fifty); with a modifier key the browser opens a tab.
    if (target.closest("a.data-grid__open")) {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
    } else if (target.closest(INTERACTIVE)) return;
    navigate(recordHref(id));
  }

  return (
    <table className="data-grid" aria-label={props.tableLabel} aria-rowcount={props.rows.length + 1}>
      <thead>
        <tr>
          <th scope="col" className="data-grid__select">
            <input
              type="checkbox"
              aria-label={t("grid.selectAll")}
              checked={allSelected}
              ref={(el) => {
                if (el) el.indeterminate = someSelected && !allSelected;
              }}
              onChange={(e) =>
                props.onSelect(
                  props.rows.map((r) => r.id),
                  e.target.checked,
                )
              }
            />
          </th>
          {props.columns.map((field) => (
            <SortableHeader key={field.key} field={field} sort={props.sort} params={props.params} tableKey={props.tableKey} />
          ))}
        </tr>
      </thead>
      <tbody ref={body}>
        {props.rows.map((row, index) => {
          const isSelected = props.selected.has(row.id);
          return (
            <tr
              key={row.id}
              className={isSelected ? "data-grid__row data-grid__row--selected" : "data-grid__row"}
              tabIndex={0}
              aria-selected={isSelected}
              data-id={row.id}
              onKeyDown={(e) => onRowKey(e, row.id)}
              onClick={(e) => onRowClick(e, row.id)}
              aria-rowindex={index + 2}
            >
              <td className="data-grid__select">
                <input
                  type="checkbox"
                  name="ids"
                  value={row.id}
                  form="bulk-form"
                  checked={isSelected}
                  aria-label={t("grid.selectRow", { n: index + 1 })}
                  onChange={(e) => props.onSelect([row.id], e.target.checked)}
                  tabIndex={-1}
                />
              </td>
              {props.columns.map((field) => (
                <td
                  key={field.key}
                  className={
                    field.key === linkColumn
                      ? "data-grid__cell data-grid__cell--title"
                      : compact.has(field.key)
                        ? "data-grid__cell"
                        : "data-grid__cell data-grid__cell--wide-only"
                  }
                  data-label={field.label}
                >
                  {field.key === linkColumn ? (
                    <a className="data-grid__open" href={recordHref(row.id)} tabIndex={-1}>
                      <RecordCell field={field} record={row} format={format} highlight={props.params.q} />
                      {row[field.key] === null || row[field.key] === undefined || row[field.key] === "" ? (
                        <span className="data-grid__untitled">#{row.id}</span>
                      ) : null}
                    </a>
                  ) : (
                    <RecordCell field={field} record={row} format={format} highlight={props.params.q} />
                  )}
                  {field.key === "status" && props.overdueIds.has(row.id) ? (
                    <span className="badge badge--danger">{t("card.overdue")}</span>
                  ) : null}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
