import { Form, useNavigation } from "@remix-run/react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { EMBED_PARAM, HONEYPOT_FIELD } from "@runtime/forms/public-form";
import { compileSchema } from "@runtime/schema/compile";
import { FieldControl } from "../card/field-control";
import { LayoutView } from "../card/layout-view";
import { useLocale } from "../../i18n/use-locale";
import type { PublicFormActionData, PublicFormPage } from "../../services/public-forms.server";

/**
 * A published web form: a plain HTML form that posts to its own address, so it works without
 * JavaScript; with it, Remix submits it without a reload. Values and errors come back by field.
 */
export function PublicFormView({ page, result }: { page: PublicFormPage; result: PublicFormActionData | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const table = useMemo(() => compileSchema(page.schema).tablesByKey.get(page.tableKey)!, [page.schema, page.tableKey]);
  const [values, setValues] = useState<Record<string, unknown>>(() => result?.values ?? defaults(table.fields));
  const sending = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  const utm = result?.utm ?? page.utm;

  if (page.sent && !result)
    return (
      <section className={`public-form public-form--message${page.embedded ? " public-form--embedded" : ""}`} aria-live="polite">
        <h1 className="public-form__title">{page.title}</h1>
        {/* Plain text: the admin's message shows as written, markup included. */}
        <p className="public-form__thanks">{page.thankYou}</p>
      </section>
    );

  return (
    <section className={`public-form${page.embedded ? " public-form--embedded" : ""}`}>
      <h1 className="public-form__title">{page.title}</h1>
      {result?.formError ? (
        <p className="public-form__error" role="alert">
          {result.formError}
        </p>
      ) : null}
      <Form method="post" action={`/f/${page.slug}`} className="public-form__form" noValidate>
        {page.embedded ? <input type="hidden" name={EMBED_PARAM} value="1" /> : null}
        {Object.entries(utm).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {/* The honeypot: off-screen and out of reach for people, there for bots to fill. */}
        <div className="public-form__trap" aria-hidden="true">
          <label htmlFor="public-form-homepage">{t("publicForms.visitor.homepage")}</label>
          <input id="public-form-homepage" type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <LayoutView
          layout={page.layout}
          tab={0}
          onTab={() => {}}
          hydrated
          render={{
            control: (control) => {
              const field = table.fields.find((f) => f.id === control["x-field"]);
              if (!field) return null;
              return (
                <FieldControl
                  key={field.key}
                  field={field}
                  name={field.key}
                  value={values[field.key] ?? null}
                  onChange={(value) => setValues((v) => ({ ...v, [field.key]: value }))}
                  record={values}
                  format={{ locale }}
                  error={errors[field.key]}
                  label={control.options?.label}
                  help={control.options?.help}
                  width={control.options?.width}
                />
              );
            },
            relatedList: () => null,
          }}
        />
        <div className="public-form__actions">
          <button type="submit" className="button" disabled={sending}>
            {sending ? t("publicForms.visitor.sending") : t("publicForms.visitor.send")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function defaults(fields: { key: string; def: { default?: unknown } }[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => f.def.default !== undefined).map((f) => [f.key, f.def.default]));
}
