import { useTranslation } from "react-i18next";
import { useCounting } from "~/i18n/use-counting";
import type { TableSummary } from "../utils/workspace-overview";
import { FieldList } from "./field-list";

/** One table on the overview; its id is the anchor the navigation links to. */
export function TableCard({ table }: { table: TableSummary }) {
  const headingId = `table-${table.key}-title`;
  const { t } = useTranslation();
  const { integer } = useCounting();
  const count = table.recordCount;
  return (
    <article className="table-card" id={table.key} data-table={table.key} aria-labelledby={headingId} tabIndex={-1}>
      <header className="table-card__header">
        <h3 className="table-card__title" id={headingId}>
          {table.label}
        </h3>
        <span className="table-card__count" data-record-count={table.recordCount ?? ""}>
          {count === null ? "—" : t("overview.records", { count, n: integer(count) })}
        </span>
      </header>
      {table.description ? <p className="table-card__description">{table.description}</p> : null}
      <FieldList fields={table.fields} />
    </article>
  );
}
