import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { WebFormEditor } from "../../services/public-forms-admin.server";
import { CsrfField } from "../csrf-field";

type Result = { error: string; fields: Record<string, string>; posted: Record<string, string[]> } | undefined;

/** One web form's settings: where it lives, what it says, which card fields it shows, who may embed it. */
export function WebFormEditorPanel({ editor, saved, result }: { editor: WebFormEditor; saved: boolean; result: Result }) {
  const { t } = useTranslation();
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
      <h2 id="web-form-editor-title">
        {editor.id ? t("publicForms.editTitle", { title: editor.title }) : t("publicForms.newTitle", { records: editor.tableLabel })}
      </h2>
      {saved && editor.url ? (
        <p className="web-forms__saved" role="status">
          {t("publicForms.saved")}
        </p>
      ) : null}
      {result?.error ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      {editor.url && editor.embed ? (
        <div className="web-forms__share">
          <label htmlFor="web-form-link">{t("publicForms.publicLink")}</label>
          <div className="web-forms__link">
            <input id="web-form-link" readOnly value={editor.url} />
            <a className="button button--small button--ghost" href={editor.url} target="_blank" rel="noreferrer">
              {t("publicForms.openLink")}
            </a>
          </div>
          <label htmlFor="web-form-embed">{t("publicForms.embed")}</label>
          <textarea id="web-form-embed" readOnly rows={3} value={editor.embed} onFocus={(e) => e.currentTarget.select()} />
          <CopyButton text={editor.embed} />
          <p className="muted">{t("publicForms.utm")}</p>
        </div>
      ) : null}
      <Form method="post" className="inline-form web-forms__form">
        <CsrfField />
        <input type="hidden" name="id" value={editor.id ?? ""} />
        <input type="hidden" name="version" value={editor.version} />
        <input type="hidden" name="table" value={editor.table} />
        <label>
          {t("publicForms.title")}
          <input name="title" defaultValue={value("title", editor.title)} maxLength={200} required />
          {error("title")}
        </label>
        <label>
          {t("publicForms.address")}
          <input name="slug" defaultValue={value("slug", editor.slug)} placeholder="contact-us" pattern="[a-z0-9][a-z0-9-]*" required />
          {error("slug")}
        </label>
        {(
          [
            ["thankYou", t("publicForms.thankYou"), editor.thankYou, t("publicForms.thankYouExample")],
            ["allowedOrigins", t("publicForms.origins"), editor.allowedOrigins, "https://www.example.com"],
          ] as const
        ).map(([name, label, current, placeholder]) => (
          <label key={name}>
            {label}
            <textarea name={name} rows={2} defaultValue={value(name, current)} placeholder={placeholder} />
            {error(name)}
          </label>
        ))}
        <fieldset className="web-forms__fields">
          <legend>{t("publicForms.fields", { records: editor.tableLabel })}</legend>
          {editor.choices.map((c) => (
            <label key={c.key} className="web-forms__choice">
              <input type="checkbox" name="fields" value={c.key} defaultChecked={checked(c.key, c.checked)} />
              {c.label}
              {c.required ? <span className="muted"> {t("publicForms.required")}</span> : null}
            </label>
          ))}
          {error("fields")}
        </fieldset>
        {editor.missingRequired.length ? (
          <p className="form-error">{t("publicForms.missingRequired", { fields: editor.missingRequired.join(", ") })}</p>
        ) : null}
        <label className="web-forms__choice">
          <input type="checkbox" name="enabled" defaultChecked={posted ? posted.enabled?.[0] === "on" : editor.enabled} />
          {t("publicForms.enabled")}
        </label>
        <div>
          <button type="submit" className="button">
            {editor.id ? t("publicForms.saveChanges") : t("publicForms.publish")}
          </button>
        </div>
      </Form>
    </section>
  );
}

/** Copies the snippet where the browser lets a page write the clipboard; the text stays selectable without it. */
function CopyButton({ text }: { text: string }) {
  const { t } = useTranslation();
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
      {copied ? t("publicForms.copied") : t("publicForms.copy")}
    </button>
  );
}
