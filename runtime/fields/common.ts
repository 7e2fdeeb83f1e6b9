import type { FieldKind, FieldSchema } from "../schema/types";
import type { DefinitionProblem, FieldKindDef, FieldKindDefaults, FieldKindSpec, FilterOperator, ParseResult } from "./types";
import { DESCRIPTION_TEXT, LABEL_TEXT, OPTION_LABELS, translationsSchema } from "../i18n/translations-schema";

/** A kind whose definition has no rules beyond its JSON Schema. */
export const noDefinitionRules = (): DefinitionProblem[] => [];

const DEFAULTS: FieldKindDefaults = {
  checkDefinition: noDefinitionRules,
  fullWidth: false,
  shortValue: true,
  listTier: null,
  blankValue: null,
  storedEmpty: [],
};

/**
 * Fills in what a kind leaves at its default, and keeps the kind's literal type, so the registry
 * can check that the money kind's `kind` is "money".
 */
export function defineFieldKind<K extends FieldKind>(spec: FieldKindSpec & { kind: K }): FieldKindDef & { kind: K } {
  return { ...DEFAULTS, parseFilterText: spec.parseText, ...spec };
}

/** Keys of fields and tables, and stable ids: what SQL identifiers and URLs can carry unquoted. */
export const KEY_PATTERN = "^[a-z][a-z0-9_]{0,62}$";

export const keySchema = { type: "string", pattern: KEY_PATTERN } as const;

/** Options of select and multiselect; surrounding spaces would not survive an import's trimming. */
export const optionValueSchema = {
  type: "string",
  minLength: 1,
  maxLength: 100,
  pattern: "^\\S(?:[\\s\\S]*\\S)?$",
} as const;

export function enumSchema(itemSchema: Record<string, unknown> = optionValueSchema): Record<string, unknown> {
  return { type: "array", minItems: 1, maxItems: 500, uniqueItems: true, items: itemSchema };
}

export const labelsSchema = {
  type: "object",
  propertyNames: { type: "string", minLength: 1, maxLength: 100 },
  additionalProperties: { type: "string", maxLength: 200 },
} as const;

/** `x-option-meta`: per option, its win probability (a stage of a pipeline), keyed by option value. */
export const optionMetaSchema = {
  type: "object",
  propertyNames: { type: "string", minLength: 1, maxLength: 100 },
  additionalProperties: {
    type: "object",
    properties: { probability: { type: "number", minimum: 0, maximum: 1 } },
    additionalProperties: false,
  },
} as const;

export const scaleSchema = { type: "integer", minimum: 0, maximum: 8 } as const;
export const precisionSchema = { type: "integer", minimum: 1, maximum: 30 } as const;
export const currencySchema = { type: "string", pattern: "^[A-Z]{3}$" } as const;
export const regexSourceSchema = { type: "string", maxLength: 500 } as const;

export interface DefinitionOptions {
  /** The JSON Schema `type` (or, for formula, the allowed types). */
  type: FieldSchema["type"] | readonly FieldSchema["type"][];
  /** Kind-specific keywords and their shapes. */
  properties?: Record<string, unknown>;
  required?: readonly string[];
  /** Shape of `default`; omit when a default makes no sense for the kind. */
  defaultSchema?: Record<string, unknown>;
  /** `x-unique` / `x-indexed`: off for kinds whose column cannot carry a plain index. */
  indexable?: boolean;
  /** Unique makes no sense for some indexable kinds (boolean). */
  uniqueable?: boolean;
  searchable?: boolean;
}

/** The JSON Schema a field definition of one kind must satisfy; shared keywords plus the kind's own. */
export function fieldDefinitionSchema(kind: FieldKind, options: DefinitionOptions): Record<string, unknown> {
  const indexable = options.indexable ?? true;
  const uniqueable = options.uniqueable ?? indexable;
  const properties: Record<string, unknown> = {
    type: Array.isArray(options.type) ? { enum: [...options.type] } : { const: options.type },
    "x-id": { type: "string", pattern: KEY_PATTERN },
    "x-kind": { const: kind },
    title: { type: "string", maxLength: 200 },
    description: { type: "string", maxLength: 2000 },
    "x-translations": translationsSchema({ title: LABEL_TEXT, description: DESCRIPTION_TEXT, "x-labels": OPTION_LABELS }),
    ...(options.defaultSchema ? { default: options.defaultSchema } : {}),
    ...(uniqueable ? { "x-unique": { type: "boolean" } } : {}),
    ...(indexable ? { "x-indexed": { type: "boolean" } } : {}),
    ...(options.searchable ? { "x-searchable": { type: "boolean" } } : {}),
    "x-same-as": { type: "string", pattern: "^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$" },
    "x-at-most": { type: "string", pattern: "^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$" },
    "x-converted-from": {
      type: "object",
      required: ["amount", "currency", "date"],
      properties: { amount: { type: "string" }, currency: { type: "string" }, date: { type: "string" } },
      additionalProperties: false,
    },
    ...options.properties,
  };
  return {
    type: "object",
    required: ["type", "x-id", "x-kind", ...(options.required ?? [])],
    properties,
    additionalProperties: false,
  };
}

export const TEXT_OPERATORS = [
  "eq",
  "neq",
  "contains",
  "startsWith",
  "in",
  "isEmpty",
  "notEmpty",
] as const satisfies readonly FilterOperator[];
export const ORDERED_OPERATORS = [
  "eq",
  "neq",
  "lt",
  "lte",
  "gt",
  "gte",
  "between",
  "isEmpty",
  "notEmpty",
] as const satisfies readonly FilterOperator[];
export const BOOLEAN_OPERATORS = ["eq", "isEmpty", "notEmpty"] as const satisfies readonly FilterOperator[];
export const SELECT_OPERATORS = ["eq", "neq", "in", "notIn", "isEmpty", "notEmpty"] as const satisfies readonly FilterOperator[];
export const MULTISELECT_OPERATORS = ["anyOf", "allOf", "isEmpty", "notEmpty"] as const satisfies readonly FilterOperator[];
export const RELATION_OPERATORS = ["eq", "neq", "in", "isEmpty", "notEmpty"] as const satisfies readonly FilterOperator[];
export const PRESENCE_OPERATORS = ["isEmpty", "notEmpty"] as const satisfies readonly FilterOperator[];

export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

/** Quotes user input for an error message, cut short so a pasted essay does not flood the message. */
export function quote(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `"${shown}"`;
}

/** A JSON object (not an array): what a guarded read of an unchecked definition needs. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isNullish(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** Applies `convert` to a present value; null and undefined become null. */
export function mapPresent<T>(value: unknown, convert: (present: unknown) => T): T | null {
  return isNullish(value) ? null : convert(value);
}

/** JSON columns: mysql2 may hand back parsed values, SQLite gives text. */
export function jsonFromDb(raw: unknown): unknown {
  if (isNullish(raw)) return null;
  if (typeof raw === "string") return JSON.parse(raw);
  if (raw instanceof Uint8Array) return JSON.parse(new TextDecoder().decode(raw));
  return raw;
}

export function jsonToDb(value: unknown): string | null {
  return isNullish(value) ? null : JSON.stringify(value);
}

export function stringFromDb(raw: unknown): string | null {
  if (isNullish(raw)) return null;
  if (raw instanceof Uint8Array) return new TextDecoder().decode(raw);
  return String(raw);
}
