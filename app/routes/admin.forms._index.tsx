import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import { AdminTable } from "~/components/admin-table";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { designerTables } from "../services/form-designer.server";
import { adminActorFor } from "../services/people.server";
import designerStyles from "../styles/form-designer.css";

export const meta = titledMeta;
export const handle: TitledHandle = { title: (t) => t("formDesigner.list.title") };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: designerStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await adminActorFor(request);
  return json({ tables: await designerTables(actor) });
}

export default function AdminForms() {
  const { t } = useTranslation();
  const { tables } = useLoaderData<typeof loader>();
  return (
    <section className="admin-page" aria-labelledby="forms-title">
      <h1 id="forms-title">{t("formDesigner.list.title")}</h1>
      <p className="muted">{t("formDesigner.list.intro")}</p>
      <AdminTable
        testId="forms-table"
        columns={[t("formDesigner.list.table"), t("schemaDesigner.table.fields"), t("formDesigner.list.card")]}
      >
        {tables.map((table) => (
          <tr key={table.key}>
            <td>
              {table.pluralLabel} <code className="fd-key">{table.key}</code>
              {table.line ? <span className="fd-muted"> · {t("formDesigner.list.lines")}</span> : null}
            </td>
            <td>{table.fields}</td>
            <td>
              {table.custom ? (
                <span className="pill pill--ok">{t("formDesigner.list.designed")}</span>
              ) : (
                <span className="pill">{t("formDesigner.list.default")}</span>
              )}
            </td>
            <td className="admin-table__actions">
              <Link
                className="button button--small"
                to={`/admin/forms/${table.key}`}
                aria-label={t("formDesigner.list.designThe", { table: table.label })}
              >
                {t("formDesigner.list.design")}
              </Link>
            </td>
          </tr>
        ))}
      </AdminTable>
    </section>
  );
}
