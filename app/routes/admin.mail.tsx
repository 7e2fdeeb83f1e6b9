import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import { useTranslation } from "react-i18next";
import { saidError } from "~/i18n/said-error";
import { AdminTable } from "~/components/admin-table";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CsrfField } from "../components/csrf-field";
import { MailServerForm } from "../components/mail/mail-server-form";
import { getMail, mailAdminData, saveMailingRateAs, saveMailServer } from "../services/mail.server";
import { adminActorFor, formResult } from "../services/people.server";
import mailStyles from "../styles/mail.css";
import { languageOf } from "../services/i18n.server";
import { translationsFromForm } from "../services/item-names.server";
import { NameTranslations } from "../components/name-translations";
import { TableOptions } from "../components/table-options";

export const meta = titledMeta;
export const handle: TitledHandle = { title: (t) => t("titles.email") };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: mailStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  return json(await mailAdminData(await adminActorFor(request), await languageOf(request)));
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await adminActorFor(request);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? "");
  const mail = await getMail();
  const answer = await formResult(async () => {
    const intent = text("intent");
    if (intent === "server") await saveMailServer(actor, { smtpUrl: text("smtpUrl"), from: text("from") });
    else if (intent === "rate") await saveMailingRateAs(actor, text("rate"));
    else if (intent === "delete") await mail.templates.remove(actor, text("id"));
    else
      await mail.templates.save(actor, {
        id: text("id") || undefined,
        table: text("table"),
        name: text("name"),
        translations: translationsFromForm(form),
        subject: text("subject"),
        body: text("body"),
      });
    return { saved: intent || "template" };
  });
  // Saved: back to an empty form (an edit ends), so a reload cannot post it twice.
  return answer.status === 200 ? redirect("/admin/mail") : answer;
}

/** Liquid's own braces: passed as a value, so i18next leaves them alone. */
const EXAMPLES = "{{ record.number }}, {{ record.client.name }}, {{ record.total | money }}, {{ company.name }}, {{ today | date }}";

export default function AdminMail() {
  const { tables, templates, server, mailingRate, languages } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const editing = templates.find((template) => template.id === params.get("edit"));
  const label = new Map(tables.map((table) => [table.key, table.label]));
  const { t } = useTranslation();
  return (
    <section className="admin-page mail-admin" aria-labelledby="mail-title">
      <h1 id="mail-title">{t("mailAdmin.title")}</h1>
      {result?.error ? (
        <p className="form-error" role="alert">
          {saidError(result, t)}
        </p>
      ) : null}
      <MailServerForm server={server} />
      <Form method="post" className="inline-form mailing-rate" data-testid="mailing-rate">
        <CsrfField />
        <label>
          {t("mailAdmin.rateBefore")}
          <span className="mailing-rate__field">
            <input name="rate" type="number" min={1} max={6000} required defaultValue={mailingRate} /> {t("mailAdmin.rateAfter")}
          </span>
        </label>
        <button className="button button--small" name="intent" value="rate" type="submit">
          {t("common.save")}
        </button>
      </Form>

      <h2>{t("mailAdmin.templates")}</h2>
      <AdminTable
        testId="mail-templates"
        columns={[t("mailAdmin.name"), t("mailAdmin.table"), t("mailAdmin.subject")]}
        isEmpty={templates.length === 0}
        empty={t("mailAdmin.noTemplates")}
      >
        {templates.map((template) => (
          <tr key={template.id}>
            <td>{template.shownName}</td>
            <td>{label.get(template.table) ?? template.table}</td>
            <td className="mail-admin__subject">{template.subject}</td>
            <td className="admin-table__actions">
              <div className="mail-admin__actions">
                <a className="button button--small" href={`?edit=${encodeURIComponent(template.id)}`}>
                  {t("common.edit")}
                </a>
                <Form method="post" className="row-form">
                  <CsrfField />
                  <input type="hidden" name="id" value={template.id} />
                  <button className="button button--small button--danger" name="intent" value="delete" type="submit">
                    {t("common.delete")}
                  </button>
                </Form>
              </div>
            </td>
          </tr>
        ))}
      </AdminTable>

      <h2>{editing ? t("mailAdmin.editTitle", { name: editing.name }) : t("mailAdmin.newTitle")}</h2>
      <Form method="post" className="mail-template-form" key={editing?.id ?? `new-${templates.length}`} data-testid="mail-template-form">
        <CsrfField />
        {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
        <div className="mail-template-form__row">
          <label>
            {t("mailAdmin.table")}
            <select name="table" defaultValue={editing?.table ?? tables[0]?.key}>
              <TableOptions tables={tables} />
            </select>
          </label>
          <label>
            {t("mailAdmin.name")}
            <input name="name" required maxLength={200} defaultValue={editing?.name} />
          </label>
        </div>
        <NameTranslations languages={languages} translations={editing?.translations} itemKey={editing?.id ?? "new"} />
        <label>
          {t("mailAdmin.subject")}
          <input name="subject" required maxLength={1000} defaultValue={editing?.subject} />
        </label>
        <label>
          {t("mailAdmin.body")}
          <textarea name="body" required rows={10} defaultValue={editing?.body} />
        </label>
        <p className="muted mail-template-form__help">{t("mailAdmin.help", { examples: EXAMPLES })}</p>
        <div className="mail-template-form__actions">
          <button className="button button--primary" name="intent" value="template" type="submit">
            {editing ? t("mailAdmin.saveTemplate") : t("mailAdmin.addTemplate")}
          </button>
          {editing ? (
            <a className="button button--secondary" href="?">
              {t("common.cancel")}
            </a>
          ) : null}
        </div>
      </Form>
    </section>
  );
}
