import { useTranslation } from "react-i18next";
import type { ReactNode } from "react";

/**
 * The list on an admin page (templates, rates, forms, cards): a header row whose last column,
 * unlabelled on screen, holds each row's actions; or one line saying there is nothing yet.
 */
export function AdminTable(props: { testId: string; columns: string[]; empty?: ReactNode; isEmpty?: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  if (props.isEmpty) return <p className="muted">{props.empty}</p>;
  return (
    <table className="admin-table" data-testid={props.testId}>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th key={c}>{c}</th>
          ))}
          <th>
            <span className="visually-hidden">{t("common.actions")}</span>
          </th>
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}
