import { useTranslation } from "react-i18next";
import type { FormatOptions } from "@runtime/fields/types";
import { fieldKinds } from "@runtime/fields/registry";
import type { CompiledTable } from "@runtime/schema/compile";
import { FORM_KEYS, type FieldDifference } from "./card-values";

export interface ConflictPanelProps {
  table: CompiledTable;
  differences: FieldDifference[];
  theirVersion: number;
  reloadHref: string;
  format: FormatOptions;
  /** Called before "Reload their version" leaves the page, so the unsaved-changes guard lets it go. */
  onReload?(): void;
}

function show(difference: FieldDifference, value: unknown, format: FormatOptions, empty: string, title?: string): string {
  const field = difference.field;
  if (value === null || value === undefined || value === "") return empty;
  if (title) return title;
  if (!field) return String(value);
  return fieldKinds[field.kind].formatDisplay(value, field.def, format) || String(value);
}

/**
 * Someone saved first. The user's input stays in the form below; this says what differs and lets
 * them take the other version or overwrite it knowingly (the button posts their version number).
 */
export function ConflictPanel(props: ConflictPanelProps) {
  const { t } = useTranslation();
  const empty = t("history.empty");
  return (
    <section className="card-conflict" role="alert" aria-labelledby="card-conflict-title" id="card-conflict" tabIndex={-1}>
      <h2 id="card-conflict-title">{t("conflict.title")}</h2>
      <p>{t("conflict.lead", { noun: props.table.label.toLowerCase(), version: props.theirVersion })}</p>
      {props.differences.length ? (
        <table className="card-conflict__table">
          <thead>
            <tr>
              <th scope="col">{t("conflict.field")}</th>
              <th scope="col">{t("conflict.theirs")}</th>
              <th scope="col">{t("conflict.yours")}</th>
            </tr>
          </thead>
          <tbody>
            {props.differences.map((d) => (
              <tr key={d.key}>
                <th scope="row">{d.label}</th>
                <td>{show(d, d.theirs, props.format, empty, d.theirsTitle)}</td>
                <td>{show(d, d.yours, props.format, empty, d.yoursTitle)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("conflict.noDifference")}</p>
      )}
      <div className="card-conflict__actions">
        <a className="button button--secondary" href={props.reloadHref} onClick={() => props.onReload?.()}>
          {t("conflict.reload")}
        </a>
        <input type="hidden" name={FORM_KEYS.theirVersion} value={props.theirVersion} />
        <button type="submit" className="button button--danger" name={FORM_KEYS.intent} value="overwrite">
          {t("conflict.overwrite")}
        </button>
      </div>
    </section>
  );
}
