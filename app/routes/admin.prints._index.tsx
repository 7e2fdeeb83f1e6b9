import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfField } from "../components/csrf-field";
import { FormResultNotice } from "../components/form-result-notice";
import { ReferenceProblems } from "../components/reference-problems";
import { WordTemplates } from "../components/word-templates";
import { getDocxService, uploadDocxAs, wordTemplatesForAdmin } from "../services/docx.server";
import { translatorFor } from "../services/i18n.server";
import { adminActorFor, formResult } from "../services/people.server";
import {
  createStarterTemplateAs,
  duplicateTemplateAs,
  listTemplatesAs,
  printableTablesAs,
  removeTemplateAs,
  renameTemplateAs,
  type TemplateListEntry,
} from "../services/print-templates.server";
import printStyles from "../styles/print-designer.css";

export const meta: MetaFunction = () => [{ title: "Print templates · Tessera" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: printStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await adminActorFor(request);
  return json({
    templates: await listTemplatesAs(actor, (await translatorFor(request)).t),
    tables: await printableTablesAs(actor),
    wordTemplates: await wordTemplatesForAdmin(actor),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await adminActorFor(request);
  // Only the Word upload is multipart; it is read within its own size limit.
  if ((request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data"))
    return formResult(async () => ({ message: `Added the Word template "${(await uploadDocxAs(actor, request)).name}".` }));
  const form = await request.formData();
  const id = String(form.get("id") ?? "");
  switch (form.get("intent")) {
    case "create": {
      const result = await formResult(async () => ({ created: await createStarterTemplateAs(actor, form.get("table"), form.get("name")) }));
      const body = (await result.clone().json()) as { ok: boolean; created?: { id: string } };
      return body.ok && body.created ? redirect(`/admin/prints/${encodeURIComponent(body.created.id)}`) : result;
    }
    case "duplicate":
      return formResult(async () => ({ message: `Added "${(await duplicateTemplateAs(actor, id)).name}".` }));
    case "rename":
      return formResult(async () => ({ message: `Renamed to "${(await renameTemplateAs(actor, id, form.get("name"))).name}".` }));
    case "delete":
      return formResult(async () => {
        await removeTemplateAs(actor, id);
        return { message: `Deleted "${String(form.get("name") ?? id)}".` };
      });
    case "delete-word":
      return formResult(async () => {
        await (await getDocxService()).remove(actor, id);
        return { message: `Deleted "${String(form.get("name") ?? id)}".` };
      });
    default:
      return json({ ok: false as const, error: "unknown action" }, { status: 400 });
  }
}

function TemplateRow({ t }: { t: TemplateListEntry }) {
  return (
    <tr data-testid={`template-${t.id}`}>
      <td>
        <Link to={`/admin/prints/${encodeURIComponent(t.id)}`} className="print-list__name">
          {t.name}
        </Link>
        <ReferenceProblems name={t.name} pill="removed field" problems={t.problems} />
      </td>
      <td className="print-list__condition">{t.condition}</td>
      <td>
        <div className="print-list__actions">
          <Form method="post" className="row-form">
            <CsrfField />
            <input type="hidden" name="id" value={t.id} />
            <label className="visually-hidden" htmlFor={`rename-${t.id}`}>
              New name of {t.name}
            </label>
            <input id={`rename-${t.id}`} name="name" defaultValue={t.name} required maxLength={120} />
            <button className="button button--small" name="intent" value="rename" type="submit">
              Rename
            </button>
          </Form>
          <Form method="post" className="row-form">
            <CsrfField />
            <input type="hidden" name="id" value={t.id} />
            <button className="button button--small" name="intent" value="duplicate" type="submit">
              Duplicate
            </button>
          </Form>
          <details className="print-list__delete">
            <summary className="button button--small button--danger">Delete…</summary>
            <Form method="post" className="print-list__confirm">
              <CsrfField />
              <input type="hidden" name="id" value={t.id} />
              <input type="hidden" name="name" value={t.name} />
              <span>Delete “{t.name}”? Cards no longer offer it.</span>
              <button className="button button--small button--danger" name="intent" value="delete" type="submit">
                Yes, delete
              </button>
            </Form>
          </details>
        </div>
      </td>
    </tr>
  );
}

export default function AdminPrints() {
  const { templates, tables, wordTemplates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const byTable = new Map<string, TemplateListEntry[]>();
  for (const t of templates) byTable.set(t.table, [...(byTable.get(t.table) ?? []), t]);
  const label = new Map(tables.map((t) => [t.key, t.label]));
  return (
    <section className="admin-page print-list" aria-labelledby="prints-title" aria-busy={busy}>
      <h1 id="prints-title">Print templates</h1>
      <p className="print-list__intro">
        Templates turn a record into a PDF. Each table can have several; a condition decides for which records a template is offered.
      </p>
      <FormResultNotice result={result} />
      {[...byTable.entries()].map(([table, list]) => (
        <section key={table} aria-labelledby={`table-${table}`} className="print-list__group">
          <h2 id={`table-${table}`}>{label.get(table) ?? list[0].tableLabel}</h2>
          <table className="admin-table print-list__table" data-testid={`templates-of-${table}`}>
            <thead>
              <tr>
                <th className="print-list__col-name">Template</th>
                <th className="print-list__col-offered">Offered</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((t) => (
                <TemplateRow key={t.id} t={t} />
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {templates.length === 0 ? <p>No print templates yet.</p> : null}

      <h2>Add a template</h2>
      <Form method="post" className="inline-form inline-form--wrap" data-testid="add-template">
        <CsrfField />
        <label>
          Prints
          <select name="table" defaultValue={tables.find((t) => t.key === "invoices")?.key ?? tables[0]?.key}>
            {tables.map((t) => (
              <option key={t.key} value={t.key}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Name
          <input name="name" required maxLength={120} placeholder="e.g. Invoice (short)" />
        </label>
        <button className="button" name="intent" value="create" type="submit">
          Add and open the designer
        </button>
      </Form>

      <WordTemplates templates={wordTemplates} tables={tables} />
    </section>
  );
}
