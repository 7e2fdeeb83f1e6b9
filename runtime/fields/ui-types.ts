import type { ComponentType } from "react";
import type { CompiledField } from "../schema/compile";
import type { FormatOptions } from "./types";

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

export interface FieldUi {
  Widget: ComponentType<FieldWidgetProps>;
  /** A list cell: compact, read-only. */
  Cell: ComponentType<FieldCellProps>;
  /**
   * Form data (every value posted under the field's name, as strings) → JSON value or an error.
   * Used by card actions, so a card saved without JavaScript means exactly what the widget showed.
   */
  fromFormData(values: string[], field: CompiledField): { ok: true; value: unknown } | { ok: false; error: string };
}
