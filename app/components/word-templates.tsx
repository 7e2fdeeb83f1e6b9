import { Form } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { useLocale } from "../i18n/use-locale";
import { numberFormat } from "@runtime/fields/intl-formats";
import { DeleteConfirm } from "./print-designer/delete-confirm";
import { CsrfField } from "./csrf-field";
import { ReferenceProblems } from "./reference-problems";

export interface WordTemplatesProps {
  /** `problems`: fields a template names that the schema lacks (removed, or a rename it could not follow). */
  templates: { id: string; name: string; table: string; size: number; problems: { path: string; message: string }[] }[];
  tables: { key: string; label: string }[];
}

/** "12 KB", "1.5 MB" with the reader's digits. */
const size = (bytes: number, locale: string) =>
  bytes < 1024 * 1024
    ? `${numberFormat(locale, { maximumFractionDigits: 0, useGrouping: false }).format(Math.max(1, Math.round(bytes / 1024)))} KB`
    : `${numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }).format(bytes / 1024 / 1024)} MB`;

/** The admin prints page's Word templates: the list, delete with a confirmation, and the upload form. */
export function WordTemplates({ templates, tables }: WordTemplatesProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const label = new Map(tables.map((table) => [table.key, table.label]));
  return (
    <section aria-labelledby="word-templates-title" className="print-list__group" data-testid="word-templates">
      <h2 id="word-templates-title">{t("printDesigner.word.title")}</h2>
      <p className="print-list__intro">
        <Trans
          i18nKey="printDesigner.word.intro"
          values={{
            a: "{record.number}",
            b: "{record.client.name}",
            c: "{record.total | money}",
            d: '{record.date | date: "long"}',
            e: "{#record.items}",
            f: "{/record.items}",
          }}
          components={[<code key="a" />, <code key="b" />, <code key="c" />, <code key="d" />, <code key="e" />, <code key="f" />]}
        />
      </p>
      {templates.length ? (
        <table className="admin-table print-list__table">
          <thead>
            <tr>
              <th className="print-list__col-name">{t("printDesigner.list.template")}</th>
              <th>{t("printDesigner.word.fills")}</th>
              <th>{t("printDesigner.word.size")}</th>
              <th>
                <span className="visually-hidden">{t("printDesigner.list.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {templates.map((template) => (
              <tr key={template.id} data-testid={`word-template-${template.id}`}>
                <td>
                  {template.name}
                  <ReferenceProblems name={template.name} pill={t("printDesigner.word.missingField")} problems={template.problems}>
                    {t("printDesigner.word.fillEmpty")}
                  </ReferenceProblems>
                </td>
                <td>{label.get(template.table) ?? template.table}</td>
                <td>{size(template.size, locale)}</td>
                <td>
                  <DeleteConfirm id={template.id} name={template.name} intent="delete-word" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("printDesigner.word.none")}</p>
      )}
      <h3 className="print-list__upload-title">{t("printDesigner.word.upload")}</h3>
      <Form method="post" encType="multipart/form-data" className="inline-form inline-form--wrap" data-testid="upload-word-template">
        <CsrfField />
        <label>
          {t("printDesigner.word.fills")}
          <select name="table" defaultValue={tables.find((table) => table.key === "invoices")?.key ?? tables[0]?.key}>
            {tables.map((table) => (
              <option key={table.key} value={table.key}>
                {table.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("printDesigner.list.name")}
          <input name="name" required maxLength={120} placeholder={t("printDesigner.word.nameExample")} />
        </label>
        <label>
          {t("printDesigner.word.file")}
          <input name="file" type="file" required accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" />
        </label>
        <button className="button" type="submit">
          {t("printDesigner.word.uploadButton")}
        </button>
      </Form>
    </section>
  );
}
