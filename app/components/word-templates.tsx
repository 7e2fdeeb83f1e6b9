import { Form } from "@remix-run/react";
import { CsrfField } from "./csrf-field";
import { ReferenceProblems } from "./reference-problems";

export interface WordTemplatesProps {
  /** `problems`: fields a template names that the schema lacks (removed, or a rename it could not follow). */
  templates: { id: string; name: string; table: string; size: number; problems: { path: string; message: string }[] }[];
  tables: { key: string; label: string }[];
}

const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The admin prints page's Word templates: the list, delete with a confirmation, and the upload form. */
export function WordTemplates({ templates, tables }: WordTemplatesProps) {
  const label = new Map(tables.map((t) => [t.key, t.label]));
  return (
    <section aria-labelledby="word-templates-title" className="print-list__group" data-testid="word-templates">
      <h2 id="word-templates-title">Word templates</h2>
      <p className="print-list__intro">
        A .docx whose placeholders use the print variables: <code>{"{record.number}"}</code>, <code>{"{record.client.name}"}</code>,{" "}
        <code>{"{record.total | money}"}</code>, <code>{'{record.date | date: "long"}'}</code>, and lines between{" "}
        <code>{"{#record.items}"}</code> and <code>{"{/record.items}"}</code>. Staff download it filled from the card’s Print menu.
      </p>
      {templates.length ? (
        <table className="admin-table print-list__table">
          <thead>
            <tr>
              <th className="print-list__col-name">Template</th>
              <th>Fills</th>
              <th>Size</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {templates.map((t) => (
              <tr key={t.id} data-testid={`word-template-${t.id}`}>
                <td>
                  {t.name}
                  <ReferenceProblems name={t.name} pill="missing field" problems={t.problems}>
                    These fill as empty: upload a corrected copy.
                  </ReferenceProblems>
                </td>
                <td>{label.get(t.table) ?? t.table}</td>
                <td>{size(t.size)}</td>
                <td>
                  <details className="print-list__delete">
                    <summary className="button button--small button--danger">Delete…</summary>
                    <Form method="post" className="print-list__confirm">
                      <CsrfField />
                      <input type="hidden" name="id" value={t.id} />
                      <input type="hidden" name="name" value={t.name} />
                      <span>Delete “{t.name}”? Cards no longer offer it.</span>
                      <button className="button button--small button--danger" name="intent" value="delete-word" type="submit">
                        Yes, delete
                      </button>
                    </Form>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No Word templates yet.</p>
      )}
      <h3 className="print-list__upload-title">Upload a Word template</h3>
      <Form method="post" encType="multipart/form-data" className="inline-form inline-form--wrap" data-testid="upload-word-template">
        <CsrfField />
        <label>
          Fills
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
          <input name="name" required maxLength={120} placeholder="e.g. Contract" />
        </label>
        <label>
          File (.docx, at most 10 MB)
          <input name="file" type="file" required accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" />
        </label>
        <button className="button" type="submit">
          Upload
        </button>
      </Form>
    </section>
  );
}
