import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { ApiError } from "@runtime/errors";
import { BackToMailings } from "../components/mail/back-to-mailings";
import { CsrfField } from "../components/csrf-field";
import { actorFor } from "../services/actor.server";
import { getMailings, requestOrigin, type MailingPreview } from "../services/mailings.server";
import mailingsStyles from "../styles/mailings.css";

export const meta: MetaFunction = () => [{ title: "New mailing · Tessera" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: mailingsStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await actorFor(request);
  const mailings = await getMailings();
  const options = await mailings.options(actor);
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
      problem = error.message;
    }
  return json({ options, template, view, views, preview, problem });
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
    if (error instanceof ApiError) return json({ error: error.message }, { status: error.status });
    throw error;
  }
}

export default function NewMailing() {
  const { options, template, view, views, preview, problem } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const submit = useSubmit();
  const sending = useNavigation().state === "submitting";
  const byTable = options.tables.map((t) => ({ ...t, templates: options.templates.filter((m) => m.table === t.key) }));
  const message = preview?.message;
  const count = preview ? `${preview.total}${preview.totalExact ? "" : "+"}` : "0";
  return (
    <section className="admin-page mailings-new" aria-labelledby="new-mailing-title">
      <BackToMailings />
      <h1 id="new-mailing-title">New mailing</h1>
      {!options.enabled ? <p className="notice notice--warning">{options.reason}</p> : null}
      {options.templates.length === 0 ? (
        <p className="notice notice--warning">
          There is no message template for a table you may read. An administrator adds them under Admin → Email.
        </p>
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
              Message template
              <select name="template" defaultValue={template} key={`t-${template}`}>
                {byTable.map((t) => (
                  <optgroup key={t.key} label={t.label}>
                    {t.templates.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </label>
            <label>
              List
              <select name="view" defaultValue={view} key={`v-${template}-${view}`}>
                {views.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Preview for
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
                Show
              </button>
            </noscript>
          </Form>
          {problem ? (
            <p className="form-error" role="alert">
              {problem}
            </p>
          ) : null}
          {message ? (
            <article className="mailing-preview" aria-label="Preview" data-testid="mailing-preview">
              <dl className="mailing-preview__head">
                <dt>To</dt>
                <dd>{message.to || <span className="muted">no address</span>}</dd>
                <dt>Subject</dt>
                <dd>{message.subject}</dd>
              </dl>
              {message.skipped ? (
                <p className="notice notice--warning mailing-preview__skip">This recipient will be skipped: {message.skipped}.</p>
              ) : null}
              <pre className="mailing-preview__body">{message.body}</pre>
            </article>
          ) : preview ? (
            <p className="muted">The list “{preview.view}” has no records.</p>
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
                {sending ? "Starting…" : `Send to ${count} ${preview.total === 1 ? "recipient" : "recipients"}`}
              </button>
              <span className="muted">
                Records without an address or that unsubscribed are skipped; each message carries an unsubscribe link.
              </span>
            </Form>
          ) : null}
        </>
      )}
    </section>
  );
}
