import type { Phrase } from "../i18n/words";
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

/** A refusal says why in English (`error`) and, when the kind words it, as a catalog phrase a screen says again (`words`). */
export type ParseResult<T = unknown> = { ok: true; value: T } | { ok: false; error: string; words?: Phrase };

/**
 * What a value is, as code outside the registry asks it: how a list condition reads and which
 * input takes its value, how a formula result is stored, what an aggregate can add up. One union
 * answers all of these, so no module keeps its own mapping of kind names. Money, percent and a
 * rating are numbers here; how they print is their print filter's business.
 */
export const VALUE_CLASSES = ["text", "number", "date", "datetime", "boolean", "option", "options", "reference", "file"] as const;
export type ValueClass = (typeof VALUE_CLASSES)[number];

/**
 * How a Field chip of the print designer prints a value: names the Liquid filter it exports with
 * (print-designer/field-paths.ts writes it, runtime/print/render-html.ts defines the filters).
 * Line-item columns of stored templates keep these names, so they never change. `text` prints the
 * value as stored; `display` prints it through the kind's own `formatDisplay`.
 */
export const PRINT_FILTERS = ["text", "money", "number", "percent", "date", "datetime", "boolean", "option", "image", "display"] as const;
export type PrintFilter = (typeof PRINT_FILTERS)[number];

/**
 * What a kind's definition check sees of a field and its surroundings. The definition is unchecked
 * JSON: the meta-schema may already have refused it, so every read must be guarded.
 */
export interface DefinitionContext {
  key: string;
  def: Record<string, unknown>;
  table: {
    key: string;
    /** Its JSON Pointer in the workspace (`/$defs/invoices`), for messages that point elsewhere in it. */
    path: string;
    /** The table's `required` list. */
    required: readonly string[];
    hasField(key: string): boolean;
    /** The kind of another field of the table; undefined when there is none or its kind is unknown. */
    kindOf(key: string): FieldKind | undefined;
  };
  /** Keys of the workspace's tables. */
  tables: readonly string[];
}

/** A rule of a definition broken: `at` is the path below the field (`["x-labels", "draft"]`). */
export interface DefinitionProblem {
  at: readonly string[];
  message: string;
  /** The message as a phrase, for a screen to say in its reader's language. */
  words?: Phrase;
}

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
  /** What its values are (see ValueClass); a formula's are its result's, so ask `valueKindOf(field)`. */
  valueClass: ValueClass;
  /** The Liquid filter a Field chip prints it with; null for what is no printable value of its own (a file). */
  printFilter: PrintFilter | null;
  /**
   * The rules of its definition that JSON Schema cannot say (the target table exists, a label names
   * an option); the workspace validator calls it for every field of the kind.
   */
  checkDefinition(field: DefinitionContext): DefinitionProblem[];
  /** One value of a list condition, when it reads unlike an import cell (a multiselect condition names one option). */
  parseFilterText(text: string, field: FieldSchema): ParseResult;
  /** Its input needs a card's whole width (long text): layouts place it alone on a row. */
  fullWidth: boolean;
  /** Its values fit a narrow column, so related lists show it by default (not long text or files). */
  shortValue: boolean;
  /**
   * How early a list nobody has set up shows it: 0 tells records apart at a glance (a number, a
   * state, a date, a relation), 1 reaches someone (email, phone), 2 is free text, often long;
   * null never by default.
   */
  listTier: 0 | 1 | 2 | null;
  /**
   * What an untouched input holds, when it always holds something (a checkbox: false); null where
   * an input can be empty. An input that always holds a value says nothing about whether a line of
   * a card was typed into.
   */
  blankValue: unknown;
  /** Stored values besides NULL that mean "no value" to the empty and not-empty filters (a multiselect's `[]`). */
  storedEmpty: readonly string[];
  /** What its value schema's pattern allows, in words, for an error message. */
  patternHint?: string;
  /**
   * How many characters of a value a list page sends (long text: a 900 KB note made each page of
   * clients 941 KB); the card loads it whole. Absent: the whole value.
   */
  listChars?: number;
}

/** What `defineFieldKind` fills in when a kind does not say otherwise. */
export type FieldKindDefaults = Pick<
  FieldKindDef,
  "checkDefinition" | "fullWidth" | "shortValue" | "listTier" | "blankValue" | "storedEmpty"
>;

/** A kind as its folder declares it: the defaults and the filter parser (its import parser) may be left out. */
export type FieldKindSpec = Omit<FieldKindDef, keyof FieldKindDefaults | "parseFilterText"> &
  Partial<FieldKindDefaults> &
  Partial<Pick<FieldKindDef, "parseFilterText">>;
