import { AdminTable } from "~/components/admin-table";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "../components/csrf-field";
import { WebFormEditorPanel } from "../components/public-forms/web-form-editor";
import { webFormsAction, webFormsScreen } from "../services/public-forms-admin.server";
import publicFormStyles from "../styles/public-form.css";

export const meta: MetaFunction = () => [{ title: "Web forms · Tessera" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: publicFormStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  return json(await webFormsScreen(request));
}

export async function action({ request }: ActionFunctionArgs) {
  return webFormsAction(request);
}

export default function AdminWebForms() {
  const { forms, tables, editing, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="admin-page" aria-labelledby="web-forms-title">
      <h1 id="web-forms-title">Web forms</h1>
      <p className="muted web-forms__intro">
        Publish a card as a form anyone can fill in on your website, e.g. to take leads. Each post becomes a record, created by Tessera
        itself so your rules run (a new lead is assigned to a salesperson). Visitors only fill the fields you choose.
      </p>
      <AdminTable
        testId="web-forms-table"
        columns={["Form", "Adds to", "Public link", "Status"]}
        isEmpty={forms.length === 0}
        empty="No web forms yet."
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
            <td>{f.enabled ? <span className="pill pill--ok">open</span> : <span className="pill">closed</span>}</td>
            <td className="admin-table__actions">
              <Link className="button button--small" to={`?edit=${f.id}`} aria-label={`Edit ${f.title}`}>
                Edit
              </Link>
              <Form method="post" className="web-forms__toggle">
                <CsrfField />
                <input type="hidden" name="_intent" value="toggle" />
                <input type="hidden" name="id" value={f.id} />
                <input type="hidden" name="enabled" value={f.enabled ? "false" : "true"} />
                <button
                  type="submit"
                  className="button button--small button--ghost"
                  aria-label={`${f.enabled ? "Close" : "Open"} ${f.title}`}
                >
                  {f.enabled ? "Close" : "Open"}
                </button>
              </Form>
            </td>
          </tr>
        ))}
      </AdminTable>
      <Form method="get" className="inline-form web-forms__new">
        <label>
          New form for
          <select name="new" defaultValue={editing?.id === null ? editing.table : "leads"}>
            {tables.map((t) => (
              <option key={t.key} value={t.key}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--small">
          New web form
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
