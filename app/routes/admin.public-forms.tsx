import { AdminTable } from "~/components/admin-table";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "../components/csrf-field";
import { WebFormEditorPanel } from "../components/public-forms/web-form-editor";
import { webFormsAction, webFormsScreen } from "../services/public-forms-admin.server";
import { translatorFor } from "../services/i18n.server";
import publicFormStyles from "../styles/public-form.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Web forms"} · Tessera` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: publicFormStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ ...(await webFormsScreen(request)), title: (await translatorFor(request)).t("nav.admin.publicForms") });
}

export async function action({ request }: ActionFunctionArgs) {
  return webFormsAction(request);
}

export default function AdminWebForms() {
  const { forms, tables, editing, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="admin-page" aria-labelledby="web-forms-title">
      <h1 id="web-forms-title">{t("nav.admin.publicForms")}</h1>
      <p className="muted web-forms__intro">{t("publicForms.intro")}</p>
      <AdminTable
        testId="web-forms-table"
        columns={[t("publicForms.form"), t("publicForms.addsTo"), t("publicForms.publicLink"), t("publicForms.status")]}
        isEmpty={forms.length === 0}
        empty={t("publicForms.empty")}
      >
        {forms.map((f) => (
          <tr key={f.id} className={f.enabled ? undefined : "is-inactive"}>
            <td>{f.title}</td>
            <td>{f.tableLabel}</td>
            <td>
              <a href={f.url} target="_blank" rel="noreferrer">
                /f/{f.slug}
              </a>
            </td>
            <td>
              {f.enabled ? (
                <span className="pill pill--ok">{t("publicForms.open")}</span>
              ) : (
                <span className="pill">{t("publicForms.closed")}</span>
              )}
            </td>
            <td className="admin-table__actions">
              <Link className="button button--small" to={`?edit=${f.id}`} aria-label={t("publicForms.editOf", { title: f.title })}>
                {t("publicForms.edit")}
              </Link>
              <Form method="post" className="web-forms__toggle">
                <CsrfField />
                <input type="hidden" name="_intent" value="toggle" />
                <input type="hidden" name="id" value={f.id} />
                <input type="hidden" name="enabled" value={f.enabled ? "false" : "true"} />
                <button
                  type="submit"
                  className="button button--small button--ghost"
                  aria-label={t(f.enabled ? "publicForms.closeOf" : "publicForms.openOf", { title: f.title })}
                >
                  {f.enabled ? t("publicForms.close") : t("publicForms.reopen")}
                </button>
              </Form>
            </td>
          </tr>
        ))}
      </AdminTable>
      <Form method="get" className="inline-form web-forms__new">
        <label>
          {t("publicForms.newFor")}
          <select name="new" defaultValue={editing?.id === null ? editing.table : "leads"}>
            {tables.map((t) => (
              <option key={t.key} value={t.key}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--small">
          {t("publicForms.new")}
        </button>
      </Form>
      {editing ? (
        <WebFormEditorPanel
          key={`${editing.id ?? "new"}:${editing.table}:${editing.version}`}
          editor={editing}
          saved={saved}
          result={result}
        />
      ) : null}
    </section>
  );
}
