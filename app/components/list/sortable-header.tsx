import { Link } from "@remix-run/react";
import { isNumeric } from "@runtime/fields/registry";
import type { ListField } from "@runtime/views/list-page-data";
import { withChanges, type ListParams } from "@runtime/views/list-params";
import { listHref } from "./list-link";

/** The first sort key's direction on this field, if it is the one sorted by. */
export function sortDirection(sort: string, key: string): "ascending" | "descending" | undefined {
  const first = sort.split(",")[0] ?? "";
  if (first === key) return "ascending";
  if (first === `-${key}`) return "descending";
  return undefined;
}

/** A column header; sortable ones are links (asc, then desc), so sorting works without JavaScript. */
export function SortableHeader({
  field,
  sort,
  params,
  tableKey,
}: {
  field: ListField;
  sort: string;
  params: ListParams;
  tableKey: string;
}) {
  const direction = sortDirection(sort, field.key);
  const numeric = isNumeric(field.def);
  const className = numeric ? "data-grid__th data-grid__th--number" : "data-grid__th";
  if (!field.sortable) {
    return (
      <th scope="col" className={className}>
        {field.label}
      </th>
    );
  }
  const next = direction === "ascending" ? `-${field.key}` : field.key;
  return (
    <th scope="col" className={className} aria-sort={direction ?? "none"}>
      <Link
        className="data-grid__sort"
        to={listHref(tableKey, withChanges(params, { sort: next }))}
        title={`Sort by ${field.label}${direction === "ascending" ? ", descending" : ""}`}
      >
        {field.label}
        <span className={`data-grid__sort-icon data-grid__sort-icon--${direction ?? "none"}`} aria-hidden="true">
          {direction === "descending" ? "▼" : direction === "ascending" ? "▲" : "↕"}
        </span>
      </Link>
    </th>
  );
}
