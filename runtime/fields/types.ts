import type { FieldKind, FieldSchema } from "../schema/types";

/**
 * A database column as data, so migration plans stay serializable and comparable:
 * two fields need an ALTER exactly when their ColumnSpecs differ.
 */
export type ColumnSpec =
  | { type: "string"; length: number }
  | { type: "text"; size: "normal" | "long" }
  | { type: "integer" }
  | { type: "bigint" }
  | { type: "decimal"; precision: number; scale: number }
  | { type: "boolean" }
  | { type: "date" }
  | { type: "datetime" }
  | { type: "json" };

export const FILTER_OPERATORS = [
  "eq",
  "neq",
  "lt",
  "lte",
  "gt",
  "gte",
  "between",
  "contains",
  "startsWith",
  "in",
  "notIn",
  "anyOf",
  "allOf",
  "isEmpty",
  "notEmpty",
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export type ParseResult<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

/** Options for human-facing formatting (print, list cells). */
export interface FormatOptions {
  locale: string;
  /** Currency used when a money field has no fixed currency. */
  currency?: string;
  /** IANA time zone for datetimes. */
  timeZone?: string;
}

/**
 * Everything the engine knows about one field kind, declared once in `runtime/fields/<kind>/index.ts`.
 * Pure: no database, no DOM. The JSON value is what the API speaks; the DB value is what knex
 * reads and writes.
 */
export interface FieldKindDef {
  kind: FieldKind;
  /** Human name in the designers, e.g. "Money". */
  label: string;
  /**
   * JSON Schema of a field definition of this kind: which keywords it allows and their shapes.
   * The workspace meta-schema is assembled from these.
   */
  definitionSchema: Record<string, unknown>;
  /** JSON Schema `type` a field of this kind declares. */
  jsonType: FieldSchema["type"];
  /** JSON Schema that a value must satisfy (null is allowed separately by the validator). */
  valueSchema(field: FieldSchema): Record<string, unknown>;
  /** The column, or null when the kind has no column of its own. */
  column(field: FieldSchema): ColumnSpec;
  /** JSON value → database value. Input already passed validation. */
  toDb(value: unknown, field: FieldSchema): unknown;
  /** Database value (as either driver returns it) → JSON value. */
  fromDb(raw: unknown, field: FieldSchema): unknown;
  /** Filter operators offered for this kind; the records service refuses others. */
  filterOperators: readonly FilterOperator[];
  /** Can lists sort on it. */
  sortable: boolean;
  /** Text-like: included in the quick search by default. */
  searchable: boolean;
  /** Values are computed by the engine, never written by users (formula, autonumber). */
  readOnly: boolean;
  /** Text (an import cell, a filter value typed in a URL) → JSON value, or an error saying why. */
  parseText(text: string, field: FieldSchema): ParseResult;
  /** JSON value → text for export; `parseText(formatText(v))` gives back `v`. */
  formatText(value: unknown, field: FieldSchema): string;
  /** JSON value → text for people (print, list cells): locale-aware, with currency. */
  formatDisplay(value: unknown, field: FieldSchema, options: FormatOptions, record?: Record<string, unknown>): string;
}
