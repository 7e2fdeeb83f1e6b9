import { useTranslation } from "react-i18next";
import { getFieldUi } from "@runtime/fields/ui-registry";
import type { FormatOptions } from "@runtime/fields/types";
import type { RecordRefValue } from "@runtime/fields/ui-types";
import type { CompiledField } from "@runtime/schema/compile";
import { isComputed } from "./card-values";

export interface FieldControlProps {
  field: CompiledField;
  name: string;
  value: unknown;
  onChange(value: unknown): void;
  record: Record<string, unknown>;
  expanded?: RecordRefValue | null;
  format: FormatOptions;
  error?: string;
  label?: string;
  help?: string;
  readOnly?: boolean;
  width?: number;
}

/** Stable ids from the form name, so labels, errors and the conflict panel can point at a control. */
export function controlId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** One cell of the card: label (tied to the control), required mark, widget, help and error. */
export function FieldControl(props: FieldControlProps) {
  const { t } = useTranslation();
  const { field } = props;
  const id = controlId(props.name);
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  // An unknown kind throws, naming the kinds there are: a schema that passed validation has none.
  const { Widget } = getFieldUi(field.kind);
  // A converted amount (`x-converted-from`) is the engine's once an amount was received.
  const receivedFrom = field.def["x-converted-from"]?.amount;
  const converted = receivedFrom !== undefined && props.record[receivedFrom] !== null && props.record[receivedFrom] !== undefined;
  const computed = isComputed(field) || converted;
  const help = props.help ?? field.def.description;
  return (
    <div
      className={`card-field card-field--${field.kind}${props.error ? " card-field--invalid" : ""}`}
      style={{ gridColumn: `span ${props.width ?? 6}` }}
    >
      {/* The id names a group of controls (options, stars), which a label's htmlFor cannot reach. */}
      <label className="card-field__label" htmlFor={id} id={`${id}-label`}>
        {props.label ?? field.label}
        {field.required && !computed ? (
          <span className="card-field__required" aria-hidden="true">
            *
          </span>
        ) : null}
        {computed ? <span className="card-field__computed">{converted ? t("fields.converted") : t("fields.calculated")}</span> : null}
      </label>
      <Widget
        field={field}
        name={props.name}
        id={id}
        value={props.value}
        onChange={props.onChange}
        error={props.error}
        errorId={errorId}
        readOnly={props.readOnly || computed}
        required={field.required && !computed}
        record={props.record}
        expanded={props.expanded}
        format={props.format}
      />
      {help ? (
        <p className="card-field__help" id={helpId}>
          {help}
        </p>
      ) : null}
      {props.error ? (
        <p className="card-field__error" id={errorId} role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
