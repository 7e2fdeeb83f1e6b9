import { Form } from "@remix-run/react";
import { useState } from "react";
import type { WebFormEditor } from "../../services/public-forms-admin.server";
import { CsrfField } from "../csrf-field";

type Result = { error: string; fields: Record<string, string>; posted: Record<string, string[]> } | undefined;

/** One web form's settings: where it lives, what it says, which card fields it shows, who may embed it. */
export function WebFormEditorPanel({ editor, saved, result }: { editor: WebFormEditor; saved: boolean; result: Result }) {
  const posted = result?.posted;
  const value = (name: string, fallback: string) => posted?.[name]?.[0] ?? fallback;
  const checked = (key: string, fallback: boolean) => (posted ? (posted.fields ?? []).includes(key) : fallback);
  const errors = result?.fields ?? {};
  const error = (name: string) =>
    errors[name] ? (
      <span className="web-forms__field-error" role="alert">
        {errors[name]}
      </span>
    ) : null;
  return (
    <section className="web-forms__editor" aria-labelledby="web-form-editor-title">
      <h2 id="web-form-editor-title">{editor.id ? `Edit “${editor.title}”` : `New web form for ${editor.tableLabel}`}</h2>
      {saved && editor.url ? (
        <p className="web-forms__saved" role="status">
          Saved.
        </p>
      ) : null}
      {result?.error ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      {editor.url && editor.embed ? (
        <div className="web-forms__share">
          <label htmlFor="web-form-link">Public link</label>
          <div className="web-forms__link">
            <input id="web-form-link" readOnly value={editor.url} />
            <a className="button button--small button--ghost" href={editor.url} target="_blank" rel="noreferrer">
              Open
            </a>
          </div>
          <label htmlFor="web-form-embed">Embed on your website (paste into the page’s HTML)</label>
          <textarea id="web-form-embed" readOnly rows={3} value={editor.embed} onFocus={(e) => e.currentTarget.select()} />
          <CopyButton text={editor.embed} />
          <p className="muted">Add ?utm_source=…&amp;utm_campaign=… to the link to record where visitors came from.</p>
        </div>
      ) : null}
      <Form method="post" className="inline-form web-forms__form">
        <CsrfField />
        <input type="hidden" name="id" value={editor.id ?? ""} />
        <input type="hidden" name="version" value={editor.version} />
        <input type="hidden" name="table" value={editor.table} />
        <label>
          Title
          <input name="title" defaultValue={value("title", editor.title)} maxLength={200} required />
          {error("title")}
        </label>
        <label>
          Address: /f/…
          <input name="slug" defaultValue={value("slug", editor.slug)} placeholder="contact-us" pattern="[a-z0-9][a-z0-9-]*" required />
          {error("slug")}
        </label>
        {(
          [
            ["thankYou", "Thank-you message", editor.thankYou, "Thank you! We will be in touch soon."],
            [
              "allowedOrigins",
              "Websites that may embed and send it (one per line; empty: any)",
              editor.allowedOrigins,
              "https://www.example.com",
            ],
          ] as const
        ).map(([name, label, current, placeholder]) => (
          <label key={name}>
            {label}
            <textarea name={name} rows={2} defaultValue={value(name, current)} placeholder={placeholder} />
            {error(name)}
          </label>
        ))}
        <fieldset className="web-forms__fields">
          <legend>Fields visitors fill in (from the {editor.tableLabel} card)</legend>
          {editor.choices.map((c) => (
            <label key={c.key} className="web-forms__choice">
              <input type="checkbox" name="fields" value={c.key} defaultChecked={checked(c.key, c.checked)} />
              {c.label}
              {c.required ? <span className="muted"> (required)</span> : null}
            </label>
          ))}
          {error("fields")}
        </fieldset>
        {editor.missingRequired.length ? (
          <p className="form-error">
            Required but not on the form: {editor.missingRequired.join(", ")}. Posts will fail until you add them or give them a default.
          </p>
        ) : null}
        <label className="web-forms__choice">
          <input type="checkbox" name="enabled" defaultChecked={posted ? posted.enabled?.[0] === "on" : editor.enabled} />
          Open: visitors can send it
        </label>
        <div>
          <button type="submit" className="button">
            {editor.id ? "Save changes" : "Publish form"}
          </button>
        </div>
      </Form>
    </section>
  );
}

/** Copies the snippet where the browser lets a page write the clipboard; the text stays selectable without it. */
function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button button--small button--ghost web-forms__copy"
      onClick={() =>
        navigator.clipboard
          ?.writeText(text)
          .then(() => setCopied(true))
          .catch(() => setCopied(false))
      }
    >
      {copied ? "Copied" : "Copy snippet"}
    </button>
  );
}
