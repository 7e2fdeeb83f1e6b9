import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { say } from "@runtime/i18n/words";
import { nameIn } from "@runtime/i18n/item-names";
import { ApiError } from "@runtime/errors";
import { BackToMailings } from "../components/mail/back-to-mailings";
import { CsrfField } from "../components/csrf-field";
import { listName, skipReason } from "../components/mail/mailing-words";
import { translatorFor, errorIn } from "../services/i18n.server";
import { actorFor } from "../services/actor.server";
import { getMailings, requestOrigin, tableLabelsFor, type MailingPreview } from "../services/mailings.server";
import mailingsStyles from "../styles/mailings.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "New mailing"} · Tessera` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: mailingsStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await actorFor(request);
  const mailings = await getMailings();
  const labelOf = await tableLabelsFor(request);
  const offered = await mailings.options(actor);
  const options = { ...offered, tables: offered.tables.map((t) => ({ ...t, label: labelOf(t.key, t.label) })) };
  const url = new URL(request.url);
  // An unknown or missing template (a stale bookmark) starts from the first one the user may use.
  const asked = url.searchParams.get("template");
  const template = options.templates.some((t) => t.id === asked) ? asked! : (options.templates[0]?.id ?? "");
  const chosen = options.templates.find((t) => t.id === template);
  const views = options.tables.find((t) => t.key === chosen?.table)?.views ?? [];
  const view = views.some((v) => v.id === url.searchParams.get("view")) ? url.searchParams.get("view")! : (views[0]?.id ?? "all");
  let preview: MailingPreview | null = null;
  let problem: string | null = null;
  if (chosen)
    try {
      preview = await mailings.preview(
        actor,
        { template, view, record: url.searchParams.get("record") || undefined },
        requestOrigin(request),
      );
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problem = await errorIn(request, error);
    }
  const title = (await translatorFor(request)).t("mailings.newTitle");
  return json({ options, template, view, views, preview, problem, title });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await actorFor(request);
  const form = await request.formData();
  try {
    const { id } = await (
      await getMailings()
    ).create(actor, { template: form.get("template"), view: form.get("view") }, requestOrigin(request));
    return redirect(`/mailings/${id}`);
  } catch (error) {
    if (error instanceof ApiError) return json({ error: await errorIn(request, error) }, { status: error.status });
    throw error;
  }
}

export default function NewMailing() {
  const { options, template, view, views, preview, problem } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const failed = useActionData<typeof action>();
  const submit = useSubmit();
  const sending = useNavigation().state === "submitting";
  const byTable = options.tables.map((t) => ({ ...t, templates: options.templates.filter((m) => m.table === t.key) }));
  const message = preview?.message;
  const count = preview ? `${preview.total}${preview.totalExact ? "" : "+"}` : "0";
  const chosenTable = options.templates.find((m) => m.id === template)?.table;
  const tableLabel = options.tables.find((x) => x.key === chosenTable)?.label ?? "";
  const viewName = (id: string, name: string) => listName(t, id, name, tableLabel);
  return (
    <section className="admin-page mailings-new" aria-labelledby="new-mailing-title">
      <BackToMailings />
      <h1 id="new-mailing-title">{t("mailings.newTitle")}</h1>
      {!options.enabled ? (
        <p className="notice notice--warning">{options.reasonWords ? say(options.reasonWords, t) : options.reason}</p>
      ) : null}
      {options.templates.length === 0 ? (
        <p className="notice notice--warning">{t("mailings.noTemplates")}</p>
      ) : (
        <>
          {/* A GET form: choosing shows the preview, with or without JavaScript. */}
          <Form
            method="get"
            className="mailing-form"
            onChange={(e) => {
              // Another template or list: its first recipient, not one of the old list.
              const data = new FormData(e.currentTarget);
              const changed = (e.target as HTMLSelectElement).name;
              if (changed !== "record") data.delete("record");
              if (changed === "template") data.delete("view");
              submit(data, { method: "get", replace: true });
            }}
            data-testid="mailing-choice"
          >
            <label>
              {t("mailings.messageTemplate")}
              <select name="template" defaultValue={template} key={`t-${template}`}>
                {byTable.map((t) => (
                  <optgroup key={t.key} label={t.label}>
                    {t.templates.map((m) => (
                      <option key={m.id} value={m.id}>
                        {nameIn(m, i18n.language)}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </label>
            <label>
              {t("mailings.list")}
              <select name="view" defaultValue={view} key={`v-${template}-${view}`}>
                {views.map((v) => (
                  <option key={v.id} value={v.id}>
                    {viewName(v.id, nameIn(v, i18n.language))}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("mailings.previewFor")}
              <select name="record" defaultValue={message?.record ?? ""} key={`r-${template}-${view}-${message?.record ?? ""}`}>
                {(preview?.recipients ?? []).map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.label}
                  </option>
                ))}
              </select>
            </label>
            <noscript>
              <button className="button" type="submit">
                {t("mailings.show")}
              </button>
            </noscript>
          </Form>
          {problem ? (
            <p className="form-error" role="alert">
              {problem}
            </p>
          ) : null}
          {message ? (
            // Which message it shows: a new preview is told from the last one by these, not by its looks.
            <article
              className="mailing-preview"
              aria-label={t("mailings.preview")}
              data-testid="mailing-preview"
              data-template={template}
              data-record={message.record}
            >
              <dl className="mailing-preview__head">
                <dt>{t("mailUi.to")}</dt>
                <dd>{message.to || <span className="muted">{t("mailings.noAddressYet")}</span>}</dd>
                <dt>{t("mailUi.subject")}</dt>
                <dd>{message.subject}</dd>
              </dl>
              {message.skipped ? (
                <p className="notice notice--warning mailing-preview__skip">
                  {t("mailings.willSkip", { reason: skipReason(t, message.skipped) })}
                </p>
              ) : null}
              <pre className="mailing-preview__body">{message.body}</pre>
            </article>
          ) : preview ? (
            <p className="muted">{t("mailings.listEmpty", { view: viewName(view, preview.view) })}</p>
          ) : null}
          {failed?.error ? (
            <p className="form-error" role="alert">
              {failed.error}
            </p>
          ) : null}
          {preview && message ? (
            <Form method="post" className="mailing-send">
              <CsrfField />
              <input type="hidden" name="template" value={template} />
              <input type="hidden" name="view" value={view} />
              <button className="button button--primary" type="submit" disabled={!options.enabled || sending}>
                {sending ? t("mailings.starting") : t("mailings.sendTo", { count: preview.total, n: count })}
              </button>
              <span className="muted">{t("mailings.sendHint")}</span>
            </Form>
          ) : null}
        </>
      )}
    </section>
  );
}
