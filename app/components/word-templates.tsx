import { Form } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { useLocale } from "../i18n/use-locale";
import { CsrfField } from "./csrf-field";
import { ReferenceProblems } from "./reference-problems";
import { TableOptions } from "./table-options";

export interface WordTemplatesProps {
  /** `problems`: fields a template names that the schema lacks (removed, or a rename it could not follow). */
  templates: { id: string; name: string; table: string; size: number; problems: { path: string; message: string }[] }[];
  tables: { key: string; label: string }[];
}

/** `12 KB`, `1.5 MB` (`1,5 MB` where the locale writes a decimal comma). */
const size = (bytes: number, locale: string) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;

/** The placeholders the intro shows, as a template writes them. */
const EXAMPLES = {
  number: "{record.number}",
  client: "{record.client.name}",
  money: "{record.total | money}",
  date: '{record.date | date: "long"}',
  start: "{#record.items}",
  end: "{/record.items}",
};

/** The admin prints page's Word templates: the list, delete with a confirmation, and the upload form. */
export function WordTemplates({ templates, tables }: WordTemplatesProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const label = new Map(tables.map((table) => [table.key, table.label]));
  return (
    <section aria-labelledby="word-templates-title" className="print-list__group" data-testid="word-templates">
      <h2 id="word-templates-title">{t("wordTemplates.title")}</h2>
      <p className="print-list__intro">
        <Trans i18nKey="wordTemplates.intro" values={EXAMPLES} components={{ code: <code /> }} />
      </p>
      {templates.length ? (
        <table className="admin-table print-list__table">
          <thead>
            <tr>
              <th className="print-list__col-name">{t("wordTemplates.template")}</th>
              <th>{t("wordTemplates.fills")}</th>
              <th>{t("wordTemplates.size")}</th>
              <th>
                <span className="visually-hidden">{t("wordTemplates.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {templates.map((template) => (
              <tr key={template.id} data-testid={`word-template-${template.id}`}>
                <td>
                  {template.name}
                  <ReferenceProblems name={template.name} pill={t("wordTemplates.missingField")} problems={template.problems}>
                    {t("wordTemplates.fillEmpty")}
                  </ReferenceProblems>
                </td>
                <td>{label.get(template.table) ?? template.table}</td>
                <td>{size(template.size, locale)}</td>
                <td>
                  <details className="print-list__delete">
                    <summary className="button button--small button--danger">{t("wordTemplates.delete")}</summary>
                    <Form method="post" className="print-list__confirm">
                      <CsrfField />
                      <input type="hidden" name="id" value={template.id} />
                      <input type="hidden" name="name" value={template.name} />
                      <span>{t("wordTemplates.confirmDelete", { name: template.name })}</span>
                      <button className="button button--small button--danger" name="intent" value="delete-word" type="submit">
                        {t("wordTemplates.yesDelete")}
                      </button>
                    </Form>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("wordTemplates.empty")}</p>
      )}
      <h3 className="print-list__upload-title">{t("wordTemplates.upload")}</h3>
      <Form method="post" encType="multipart/form-data" className="inline-form inline-form--wrap" data-testid="upload-word-template">
        <CsrfField />
        <label>
          {t("wordTemplates.fills")}
          <select name="table" defaultValue={tables.find((table) => table.key === "invoices")?.key ?? tables[0]?.key}>
            <TableOptions tables={tables} />
          </select>
        </label>
        <label>
          {t("wordTemplates.name")}
          <input name="name" required maxLength={120} placeholder={t("wordTemplates.nameExample")} />
        </label>
        <label>
          {t("wordTemplates.file")}
          <input name="file" type="file" required accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" />
        </label>
        <button className="button" type="submit">
          {t("wordTemplates.uploadButton")}
        </button>
      </Form>
    </section>
  );
}
