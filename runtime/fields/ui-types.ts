import type { FormDataResult } from "./ui/form-values";
import type { ComponentType, ReactNode } from "react";
import type { CompiledField } from "../schema/compile";
import type { FieldSchema, WorkspaceSchema } from "../schema/types";
import type { FormatOptions } from "./types";
import type { Words } from "../i18n/words";

/** A related record as lists and pickers show it. */
export interface RecordRefValue {
  id: number;
  title: string;
}

/**
 * The input of one field on a card. Widgets render native form controls carrying `name`, so a card
 * posts as a plain HTML form even without JavaScript; with JavaScript they are controlled through
 * `value`/`onChange` (JSON values, as the API speaks them).
 */
export interface FieldWidgetProps {
  field: CompiledField;
  /** The form control name, e.g. `email` or `items.2.price`. */
  name: string;
  /** The id of the main control, for `<label htmlFor>`. */
  id: string;
  value: unknown;
  onChange(value: unknown): void;
  /** An error to show next to the control; the widget sets aria-invalid and aria-describedby. */
  error?: string;
  errorId?: string;
  readOnly?: boolean;
  required?: boolean;
  /** The whole record being edited (a money field reads its currency field from it). */
  record: Record<string, unknown>;
  /** Titles of related records, for relation widgets: `record._expanded[field]`. */
  expanded?: RecordRefValue | null;
  format: FormatOptions;
  /** Compact rendering inside a grid of lines. */
  dense?: boolean;
}

export interface FieldCellProps {
  field: CompiledField;
  value: unknown;
  record: Record<string, unknown>;
  expanded?: RecordRefValue | null;
  format: FormatOptions;
}

/** The schema designer's text of a kind's own settings, as typed, by input name (`choices`, `target`). */
export type SettingsText = Record<string, string>;

/** Where a field being designed sits: the draft workspace and the field's table. */
export interface SettingsPlace {
  schema: WorkspaceSchema;
  table: string;
}

/** The designer's frame around one input: its label, hint and error, tied to the control for screen readers. */
export interface SettingsFrameProps {
  label: string;
  error?: string;
  hint?: ReactNode;
  children(control: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean }): ReactNode;
}

export interface SettingsInputsProps {
  text: SettingsText;
  set(name: string, value: string): void;
  /** Problems by input name, from `write`. */
  errors: Record<string, string>;
  place: SettingsPlace;
  /** The designer's input frame, so a kind's inputs look and read like the rest of the form. */
  Frame: ComponentType<SettingsFrameProps>;
}

/**
 * The schema designer's part of a kind, as Twenty gives each field type its own settings form:
 * only what no other kind asks. What every kind shares (label, help text, default, rules) and the
 * keywords a definition schema allows (x-scale, x-currency, maxLength) are the designer's own.
 */
export interface KindSettings {
  /** Input name → text, from a definition; a new field reads its kind's smallest one. */
  read(def: FieldSchema): SettingsText;
  /**
   * The definition keywords the text makes; what is wrong goes into `problems` under its input's
   * name, said with `t` (the designer's reader's words; English without it).
   */
  write(text: SettingsText, place: SettingsPlace, problems: Record<string, string>, t?: Words): Record<string, unknown>;
  Inputs: ComponentType<SettingsInputsProps>;
}

export interface FieldUi {
  Widget: ComponentType<FieldWidgetProps>;
  /** A list cell: compact, read-only. */
  Cell: ComponentType<FieldCellProps>;
  /**
   * Form data (every value posted under the field's name, as strings) → JSON value or an error.
   * Used by card actions, so a card saved without JavaScript means exactly what the widget showed.
   */
  fromFormData(values: string[], field: CompiledField): FormDataResult;
  /** Its settings in the schema designer. */
  settings: KindSettings;
  /**
   * For kinds whose values can be called (a phone number): the link that calls one, or null when
   * the value is none. A card with such a field offers *Log call*.
   */
  callHref?(value: unknown): string | null;
}
