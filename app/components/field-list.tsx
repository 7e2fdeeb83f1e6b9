import { useTranslation } from "react-i18next";
import type { FieldSummary } from "../utils/workspace-overview";

/** A table's fields as a dense three-column table: what staff see, what the API uses, what it is. */
export function FieldList({ fields }: { fields: FieldSummary[] }) {
  const { t } = useTranslation();
  if (fields.length === 0) return <p className="field-list__empty">{t("overview.noFields")}</p>;
  return (
    <table className="field-list">
      <thead>
        <tr>
          <th scope="col">{t("overview.field")}</th>
          <th scope="col">{t("overview.key")}</th>
          <th scope="col">{t("overview.kind")}</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <FieldRows key={field.key} field={field} />
        ))}
      </tbody>
    </table>
  );
}

// A formula or a pattern gets a full-width row of its own: squeezed into the kind column it would
// be cut off exactly where it gets interesting.
function FieldRows({ field }: { field: FieldSummary }) {
  const { t } = useTranslation();
  return (
    <>
      <tr className={field.expression ? "field-list__row field-list__row--has-detail" : "field-list__row"}>
        <td className="field-list__label">
          {field.label}
          {field.required ? (
            <span className="field-list__required" title={t("overview.required")}>
              *
            </span>
          ) : null}
        </td>
        <td>
          <code className="field-list__key">{field.key}</code>
        </td>
        <td className="field-list__kind">
          <span className={`kind kind--${field.kind}`}>{t(`fieldKinds.${field.kind}`, { defaultValue: field.kind })}</span>
          {field.target ? <RelationTarget target={field.target} /> : null}
        </td>
      </tr>
      {field.expression ? (
        <tr className="field-list__detail">
          <td colSpan={3}>
            <code className="field-list__expression">{field.expression}</code>
          </td>
        </tr>
      ) : null}
    </>
  );
}

function RelationTarget({ target }: { target: NonNullable<FieldSummary["target"]> }) {
  const { t } = useTranslation();
  return (
    <span className="field-list__target">
      <span aria-hidden="true">→ </span>
      <span className="visually-hidden">{t("overview.to")} </span>
      {target.onOverview ? <a href={`/admin/overview#${target.key}`}>{target.label}</a> : target.label}
    </span>
  );
}
