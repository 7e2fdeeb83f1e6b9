import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "../components/csrf-field";
import { FormResultNotice } from "../components/form-result-notice";
import { ReferenceProblems } from "../components/reference-problems";
import { DeleteConfirm } from "../components/print-designer/delete-confirm";
import { WordTemplates } from "../components/word-templates";
import { getDocxService, uploadDocxAs, wordTemplatesForAdmin } from "../services/docx.server";
import { languageOf, translatorFor } from "../services/i18n.server";
import { otherLanguages, translationsFromForm } from "../services/item-names.server";
import { NameTranslations } from "../components/name-translations";
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
import { TableOptions } from "../components/table-options";

export const meta = titledMeta;
export const handle: TitledHandle = { title: (t) => t("nav.admin.prints") };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: printStyles }];

/** The request's translator as a plain words function: what the page's loader and action say. */
async function wordsFor(request: Request) {
  const { t } = await translatorFor(request);
  return (key: string, values?: Record<string, unknown>) => t(key, values ?? {});
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await adminActorFor(request);
  const language = await languageOf(request);
  return json({
    templates: await listTemplatesAs(actor, (await translatorFor(request)).t, undefined, language),
    languages: otherLanguages(),
    tables: await printableTablesAs(actor, language),
    wordTemplates: await wordTemplatesForAdmin(actor),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await adminActorFor(request);
  const t = await wordsFor(request);
  // Only the Word upload is multipart; it is read within its own size limit.
  if ((request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data"))
    return formResult(async () => ({ message: t("printDesigner.list.addedWord", { name: (await uploadDocxAs(actor, request)).name }) }));
  const form = await request.formData();
  const id = String(form.get("id") ?? "");
  switch (form.get("intent")) {
    case "create": {
      const result = await formResult(async () => ({ created: await createStarterTemplateAs(actor, form.get("table"), form.get("name")) }));
      const body = (await result.clone().json()) as { ok: boolean; created?: { id: string } };
      return body.ok && body.created ? redirect(`/admin/prints/${encodeURIComponent(body.created.id)}`) : result;
    }
    case "duplicate":
      return formResult(async () => ({ message: t("printDesigner.list.added", { name: (await duplicateTemplateAs(actor, id)).name }) }));
    case "rename":
      return formResult(async () => ({
        message: t("printDesigner.list.renamed", {
          name: (await renameTemplateAs(actor, id, form.get("name"), translationsFromForm(form))).name,
        }),
      }));
    case "delete":
      return formResult(async () => {
        await removeTemplateAs(actor, id);
        return { message: t("printDesigner.list.deleted", { name: String(form.get("name") ?? id) }) };
      });
    case "delete-word":
      return formResult(async () => {
        await (await getDocxService()).remove(actor, id);
        return { message: t("printDesigner.list.deleted", { name: String(form.get("name") ?? id) }) };
      });
    default:
      return json({ ok: false as const, error: "unknown action" }, { status: 400 });
  }
}

function TemplateRow({ template, languages }: { template: TemplateListEntry; languages: { language: string; name: string }[] }) {
  const { t } = useTranslation();
  return (
    <tr data-testid={`template-${template.id}`}>
      <td>
        <Link to={`/admin/prints/${encodeURIComponent(template.id)}`} className="print-list__name">
          {template.shownName}
        </Link>
        <ReferenceProblems name={template.name} pill={t("printDesigner.list.removedField")} problems={template.problems} />
      </td>
      <td className="print-list__condition">{template.condition}</td>
      <td>
        <div className="print-list__actions">
          <Form method="post" className="row-form">
            <CsrfField />
            <input type="hidden" name="id" value={template.id} />
            <label className="visually-hidden" htmlFor={`rename-${template.id}`}>
              {t("printDesigner.list.newName", { name: template.name })}
            </label>
            <input id={`rename-${template.id}`} name="name" defaultValue={template.name} required maxLength={120} />
            {languages.length ? (
              <details className="print-list__names">
                <summary>{t("itemNames.legend")}</summary>
                <NameTranslations languages={languages} translations={template.translations} itemKey={template.id} />
              </details>
            ) : null}
            <button className="button button--small" name="intent" value="rename" type="submit">
              {t("schemaDesigner.table.rename")}
            </button>
          </Form>
          <Form method="post" className="row-form">
            <CsrfField />
            <input type="hidden" name="id" value={template.id} />
            <button className="button button--small" name="intent" value="duplicate" type="submit">
              {t("printDesigner.list.duplicate")}
            </button>
          </Form>
          <DeleteConfirm id={template.id} name={template.name} intent="delete" />
        </div>
      </td>
    </tr>
  );
}

export default function AdminPrints() {
  const { templates, tables, wordTemplates, languages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const byTable = new Map<string, TemplateListEntry[]>();
  for (const template of templates) byTable.set(template.table, [...(byTable.get(template.table) ?? []), template]);
  const label = new Map(tables.map((table) => [table.key, table.label]));
  return (
    <section className="admin-page print-list" aria-labelledby="prints-title" aria-busy={busy}>
      <h1 id="prints-title">{t("nav.admin.prints")}</h1>
      <p className="print-list__intro">{t("printDesigner.list.intro")}</p>
      <FormResultNotice result={result} />
      {[...byTable.entries()].map(([table, list]) => (
        <section key={table} aria-labelledby={`table-${table}`} className="print-list__group">
          <h2 id={`table-${table}`}>{label.get(table) ?? list[0].tableLabel}</h2>
          <table className="admin-table print-list__table" data-testid={`templates-of-${table}`}>
            <thead>
              <tr>
                <th className="print-list__col-name">{t("printDesigner.list.template")}</th>
                <th className="print-list__col-offered">{t("printDesigner.list.offered")}</th>
                <th>
                  <span className="visually-hidden">{t("printDesigner.list.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((template) => (
                <TemplateRow key={template.id} template={template} languages={languages} />
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {templates.length === 0 ? <p>{t("printDesigner.list.none")}</p> : null}

      <h2>{t("printDesigner.list.addTitle")}</h2>
      <Form method="post" className="inline-form inline-form--wrap" data-testid="add-template">
        <CsrfField />
        <label>
          {t("printDesigner.list.printsTable")}
          <select name="table" defaultValue={tables.find((table) => table.key === "invoices")?.key ?? tables[0]?.key}>
            <TableOptions tables={tables} />
          </select>
        </label>
        <label>
          {t("printDesigner.list.name")}
          <input name="name" required maxLength={120} placeholder={t("printDesigner.list.nameExample")} />
        </label>
        <button className="button" name="intent" value="create" type="submit">
          {t("printDesigner.list.create")}
        </button>
      </Form>

      <WordTemplates templates={wordTemplates} tables={tables} />
    </section>
  );
}
