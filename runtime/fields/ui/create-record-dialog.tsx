import { useTranslation } from "react-i18next";
import { useEffect, useId, useRef } from "react";
import { createPortal } from "react-dom";
import type { CompiledTable } from "../../schema/compile";
import { fieldKinds } from "../registry";
import type { FormatOptions } from "../types";
import type { FieldUi } from "../ui-types";

export interface CreateRecordDialogProps {
  table: CompiledTable;
  /** The UI of each field's kind: the registry, handed down by the workspace, which the dialog cannot import (it is one of its widgets' parts). */
  fieldUi(kind: string): FieldUi;
  /** Values typed so far, keyed by field. */
  values: Record<string, unknown>;
  /** The server's messages by field, from a 422 answer's `details.fields`. */
  fieldErrors: Record<string, string>;
  message?: string;
  busy: boolean;
  format: FormatOptions;
  onChange(values: Record<string, unknown>): void;
  onSubmit(): void;
  onCancel(): void;
}

/** The fields a new record cannot do without: the title, the required ones, and any the server named. */
export function fieldsToAsk(table: CompiledTable, fieldErrors: Record<string, string>) {
  return table.fields.filter((f) => !fieldKinds[f.kind].readOnly && (f.key === table.titleField || f.required || f.key in fieldErrors));
}

/**
 * Rendered into document.body, outside the card's <form>: its inputs must never post with the card,
 * and Enter in them must not submit it.
 */
export function CreateRecordDialog(props: CreateRecordDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const baseId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || dialog.open) return;
    if (typeof dialog.showModal === "function") {
      try {
        dialog.showModal();
        return;
      } catch {
        // Not connected yet or unsupported: fall back to a non-modal dialog.
      }
    }
    dialog.setAttribute("open", "");
  }, []);

  const fields = fieldsToAsk(props.table, props.fieldErrors);
  const content = (
    <dialog
      ref={ref}
      className="tf-dialog"
      aria-labelledby={`${baseId}-title`}
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id={`${baseId}-title`} className="tf-dialog__title">
        New {props.table.label.toLowerCase()}
      </h2>
      {props.message ? (
        <p className="tf-dialog__message" role="alert">
          {props.message}
        </p>
      ) : null}
      <div className="tf-dialog__fields">
        {fields.map((field) => {
          const { Widget } = props.fieldUi(field.kind);
          const id = `${baseId}-${field.key}`;
          const error = props.fieldErrors[field.key];
          return (
            <div key={field.key} className="tf-dialog__field">
              <label htmlFor={id} id={`${id}-label`} className="tf-label">
                {field.label}
                {field.required ? <span aria-hidden="true"> *</span> : null}
              </label>
              <Widget
                field={field}
                name={field.key}
                id={id}
                value={props.values[field.key] ?? null}
                onChange={(value) => props.onChange({ ...props.values, [field.key]: value })}
                error={error}
                errorId={`${id}-error`}
                required={field.required}
                record={props.values}
                format={props.format}
              />
              {error ? (
                <p id={`${id}-error`} className="tf-field-error">
                  {error}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      <div className="tf-dialog__actions">
        <button type="button" className="tf-button tf-button--primary" onClick={props.onSubmit} disabled={props.busy}>
          {props.busy ? t("fields.creating") : t("fields.create")}
        </button>
        <button type="button" className="tf-button" onClick={props.onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </dialog>
  );
  return typeof document === "undefined" ? content : createPortal(content, document.body);
}
