import type { Phrase } from "../i18n/words";
/**
 * The workspace schema: one JSON Schema (draft 2020-12) document. Tables are object schemas under
 * `$defs`, fields are their properties. What JSON Schema cannot say lives in `x-` keywords.
 * Every table and field carries a stable `x-id` so that a rename is never read as drop + add.
 */
export const FIELD_KINDS = [
  "text",
  "longtext",
  "integer",
  "decimal",
  "money",
  "percent",
  "rating",
  "boolean",
  "date",
  "datetime",
  "email",
  "phone",
  "url",
  "select",
  "multiselect",
  "relation",
  "autonumber",
  "file",
  "image",
  "formula",
] as const;

export type FieldKind = (typeof FIELD_KINDS)[number];

/** A value kind a formula can produce; a subset of field kinds with a stored column. */
export type FormulaResultKind = "integer" | "decimal" | "money" | "percent" | "text" | "boolean" | "date";

/** Condition on a record's own fields, e.g. when an autonumber is first assigned. */
export interface FieldCondition {
  field: string;
  op: "eq" | "neq" | "in" | "notEmpty";
  value?: unknown;
}

/** Per language tag (`sv`, `zh`), the words of one schema node in that language (the meta-schema says which a node may have). */
export type Translations = Record<
  string,
  {
    title?: string;
    description?: string;
    "x-plural"?: string;
    "x-labels"?: Record<string, string>;
    /** A table's `x-lock.message`, which is said to whoever tries to change a locked record. */
    "x-lock-message"?: string;
  }
>;

export interface FieldSchema {
  type: "string" | "integer" | "number" | "boolean" | "array" | "object";
  /** Stable identity, e.g. `f_inv_no`. Never changes, never reused. */
  "x-id": string;
  "x-kind": FieldKind;
  /** The label staff see. */
  title?: string;
  /** Help text. */
  description?: string;
  /** The label, help text and option labels in other languages (ADR 035). */
  "x-translations"?: Translations;
  default?: unknown;

  // text-like
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  format?: string;

  // numbers
  minimum?: number;
  maximum?: number;
  /** Digits after the decimal point (decimal, money, percent, formula). */
  "x-scale"?: number;
  /** Total significant digits (decimal). */
  "x-precision"?: number;
  /** Fixed ISO 4217 currency of a money field, e.g. "EUR". */
  "x-currency"?: string;
  /** Key of a field of the same record holding the currency code (overrides `x-currency`). */
  "x-currency-field"?: string;

  // select / multiselect
  enum?: string[];
  items?: { type: "string"; enum?: string[] };
  uniqueItems?: boolean;
  /** Display labels of enum values: value → label. */
  "x-labels"?: Record<string, string>;
  /** Per select option: its win probability (0–1) as a pipeline stage. */
  "x-option-meta"?: Record<string, { probability?: number }>;

  // relation
  /** Key of the target table (`crm_users` for the built-in users table). */
  "x-target"?: string;
  /** Name of the related list on the target, e.g. `items` on invoices for invoice_items.invoice. */
  "x-inverse"?: string;
  /** The record is part of its target (an invoice line of its invoice): saved and deleted with it. */
  "x-composition"?: boolean;
  /**
   * Picking a record fills these fields of this table from the picked record's fields
   * (`{ "price": "price" }`: this table's field → the target's field, both of one kind).
   */
  "x-fill"?: Record<string, string>;
  /**
   * The value must equal a field of a linked record, `relation.field` (a payment's currency is its
   * invoice's currency, until exchange rates exist). Checked on every write.
   */
  "x-same-as"?: string;
  /**
   * Money converted from other fields of the record at the exchange rate of a date, into the
   * record's own currency (`x-currency-field`): what a payment received in dollars is worth in its
   * invoice's euros. Filled on every write (docs/decisions/032-exchange-rates.md).
   */
  "x-converted-from"?: { amount: string; currency: string; date: string };
  /** The value is at most a field of a linked record, `relation.field`, unless the admin allows credit. */
  "x-at-most"?: string;

  // autonumber
  /** e.g. `INV-{YYYY}-{0000}`; `{YYYY}` makes the counter restart every year. */
  "x-pattern"?: string;
  /** Assign the number only when this first holds (an invoice when issued); default: on create. */
  "x-assign-when"?: FieldCondition;
  /** Date field whose year fills `{YYYY}`; default: the creation time. */
  "x-date-field"?: string;

  // file / image
  /** Accepted MIME types, e.g. `image/*`. */
  "x-accept"?: string;
  "x-max-size"?: number;

  // formula
  "x-formula"?: string;
  "x-result"?: FormulaResultKind;

  // all kinds
  /** Values must be unique across the table (enforced by a unique index). */
  "x-unique"?: boolean;
  /** Create an index so filters and sorts on this field are fast. */
  "x-indexed"?: boolean;
  /** Included in the quick search. */
  "x-searchable"?: boolean;
}

export interface IndexSchema {
  /** Stable identity of the index. */
  "x-id": string;
  fields: string[];
  unique?: boolean;
}

export interface TableSchema {
  type: "object";
  "x-id": string;
  /** Singular label, e.g. "Invoice". */
  title?: string;
  /** Plural label for navigation, e.g. "Invoices". */
  "x-plural"?: string;
  description?: string;
  "x-translations"?: Translations;
  /** Navigation group key (see `x-groups` on the workspace). */
  "x-group"?: string;
  /** Order within the navigation group. */
  "x-order"?: number;
  /** Field shown as the record's title (in relation pickers, related lists, headings). */
  "x-title-field"?: string;
  /** A relation to `crm_users` naming whose record it is, for "only records I own" row scopes. */
  "x-owner-field"?: string;
  /**
   * Its records are about a record of any table (a task, a note): `table` names the text field
   * holding that table's key, `id` the integer field holding the record's id. Such records join
   * the timeline of the record they are about.
   */
  "x-about"?: { table: string; id: string };
  /** The table holds one record (the firm's own company card): its list opens that record's card. */
  "x-single"?: boolean;
  /**
   * Once a record matches `when` (list filter JSON: an issued invoice), the fields and line lists
   * in `fields` are locked for everyone, the record must keep matching `stays`, and it cannot be
   * deleted; `message` says how to correct one instead (cancel it, issue a credit note).
   */
  /**
   * Conditions (list filter JSON) every record keeps, each with what to tell the user when a
   * write would break it: an invoice's balance stays at or above zero (no payment beyond it).
   */
  "x-assert"?: { that: Record<string, unknown>; message: string }[];
  "x-lock"?: { when: Record<string, unknown>; fields: string[]; stays?: Record<string, unknown>; message?: string };
  /** Composite indexes beyond the per-field `x-indexed`. */
  "x-indexes"?: IndexSchema[];
  properties: Record<string, FieldSchema>;
  required?: string[];
  additionalProperties?: false;
}

export interface NavigationGroup {
  key: string;
  title: string;
  "x-translations"?: Translations;
}

export interface WorkspaceSchema {
  $schema: "https://json-schema.org/draft/2020-12/schema";
  $id?: string;
  title?: string;
  "x-translations"?: Translations;
  /** Set by the server when a version is stored. */
  "x-version"?: number;
  "x-groups"?: NavigationGroup[];
  $defs: Record<string, TableSchema>;
}

/** The built-in users table that relation fields may target. */
export const USERS_TABLE = "crm_users";

/** Columns every record table has; no field may use these keys. */
export const SYSTEM_COLUMNS = ["id", "version", "created_at", "updated_at", "created_by", "updated_by"] as const;
export type SystemColumn = (typeof SYSTEM_COLUMNS)[number];

/** A problem found in a document, located by a JSON path such as `/$defs/invoices/properties/client`. */
export interface SchemaProblem {
  path: string;
  message: string;
  /** The message as a phrase, for a screen to say in its reader's language. */
  words?: Phrase;
}
