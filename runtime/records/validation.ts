import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { fieldKinds } from "../fields/registry";
import { addValueKeywords, MAX_DECIMALS_KEYWORD } from "../fields/value-keywords";
import type { CompiledSchema, CompiledTable } from "../schema/compile";

/**
 * Record validation with ajv: one compiled validator per table, mode and schema version, cached.
 * Pure (no server imports), so the browser checks a card with exactly what the server checks.
 * Null means "no value": nulls are dropped before validation, so `required` catches them.
 */
export type ValidationMode = "create" | "update" | "child";

/** Field key → what is wrong with it, in words a user can act on. Nested lists use `items.0.price`. */
export type FieldErrors = Record<string, string>;

export function recordJsonSchema(table: CompiledTable, mode: ValidationMode, parentField?: string): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const f of table.fields) {
    if (fieldKinds[f.kind].readOnly) continue;
    properties[f.key] = fieldKinds[f.kind].valueSchema(f.def);
  }
  const required = table.fields.filter((f) => f.required && !fieldKinds[f.kind].readOnly && f.key !== parentField).map((f) => f.key);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    properties,
    ...(mode !== "update" || required.length ? { required } : {}),
    additionalProperties: false,
  };
}

const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: false });
addFormats(ajv);
addValueKeywords(ajv);

// Keyed by the compiled table object: a compiled schema is made once per stored version and
// never changes, so this is "one validator per table per schema version" — and two databases in
// one process (or a database reset under a running process) can never share a stale validator.
const cache = new WeakMap<CompiledTable, Map<string, ValidateFunction>>();

export function getRecordValidator(
  schema: CompiledSchema,
  table: CompiledTable,
  mode: ValidationMode,
  parentField?: string,
): ValidateFunction {
  void schema;
  let byMode = cache.get(table);
  if (!byMode) {
    byMode = new Map();
    cache.set(table, byMode);
  }
  const key = `${mode}:${parentField ?? ""}`;
  let v = byMode.get(key);
  if (!v) {
    v = ajv.compile(recordJsonSchema(table, mode, parentField));
    byMode.set(key, v);
  }
  return v;
}

export function withoutNulls(values: Record<string, unknown>): Record<string, unknown> {
  let clean = true;
  for (const k in values) {
    const v = values[k];
    if (v === null || v === undefined || v === "") {
      clean = false;
      break;
    }
  }
  // Nothing to drop: the values themselves (ajv only reads them), no copy for each of a bulk write's records.
  if (clean) return values;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(values)) {
    const v = values[k];
    if (v !== null && v !== undefined && v !== "") out[k] = v;
  }
  return out;
}

export function validateValues(
  schema: CompiledSchema,
  table: CompiledTable,
  values: Record<string, unknown>,
  mode: ValidationMode,
  parentField?: string,
): FieldErrors {
  const validate = getRecordValidator(schema, table, mode, parentField);
  if (validate(withoutNulls(values))) return {};
  return describeErrors(table, validate.errors ?? []);
}

export function describeErrors(table: CompiledTable, errors: ErrorObject[]): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) {
    // At the top level `required` and `additionalProperties` name the field in their params;
    // deeper down (inside a file object) the field is the first segment of the path.
    const top = e.instancePath === "";
    const field =
      top && e.keyword === "required"
        ? String((e.params as { missingProperty: string }).missingProperty)
        : top && e.keyword === "additionalProperties"
          ? String((e.params as { additionalProperty: string }).additionalProperty)
          : decodePointer(e.instancePath.split("/")[1] ?? "");
    if (out[field]) continue;
    out[field] = messageFor(table, field, e);
  }
  return out;
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

function messageFor(table: CompiledTable, field: string, e: ErrorObject): string {
  const f = table.fieldsByKey.get(field);
  const label = f?.label ?? field;
  const p = e.params as Record<string, unknown>;
  if (e.instancePath.split("/").length > 2) {
    // Inside a structured value (a file): say what the value lacks, not which sub-key.
    if (e.keyword === "required") return `${label} is incomplete: it needs "${String(p.missingProperty)}"`;
    if (e.keyword === "additionalProperties") return `${label} has an unexpected part "${String(p.additionalProperty)}"`;
    return `${label} is not valid: ${e.instancePath.split("/").slice(2).join(".")} ${e.message ?? "is invalid"}`;
  }
  switch (e.keyword) {
    case "required":
      return `${label} is required`;
    case "additionalProperties":
      return `"${field}" is not a field of ${table.pluralLabel}`;
    case "type":
      return `${label} must be ${article(String(p.type))}`;
    case "enum": {
      const values = (p.allowedValues as string[] | undefined) ?? f?.def.enum ?? [];
      return `${label} must be one of: ${values.join(", ")}`;
    }
    case "format":
      return `${label} must be a valid ${formatName(String(p.format))}`;
    case "maxLength":
      return `${label} is too long: at most ${p.limit} characters`;
    case "minLength":
      return `${label} is too short: at least ${p.limit} characters`;
    case "maximum":
      return `${label} must be at most ${p.limit}`;
    case "minimum":
      return `${label} must be at least ${p.limit}`;
    case "pattern": {
      const hint = f && fieldKinds[f.kind].patternHint;
      return `${label} has the wrong format${hint ? ` (${hint})` : ""}`;
    }
    case MAX_DECIMALS_KEYWORD: {
      const places = f ? Number(fieldKinds[f.kind].valueSchema(f.def)[MAX_DECIMALS_KEYWORD]) : 0;
      return places === 0
        ? `${label} must be a whole number here: it keeps no decimals`
        : `${label} has more decimals than it keeps (${places}): round it to ${places} decimal${places === 1 ? "" : "s"}`;
    }
    case "uniqueItems":
      return `${label} lists a value twice`;
    default:
      return `${label} ${e.message ?? "is invalid"}`;
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    string: "text",
    integer: "a whole number",
    number: "a number",
    boolean: "true or false",
    array: "a list",
    object: "an object",
  };
  return type
    .split(",")
    .map((t) => names[t] ?? t)
    .join(" or ");
}

function formatName(format: string): string {
  const names: Record<string, string> = {
    email: "email address",
    uri: "web address (https://…)",
    date: "date (YYYY-MM-DD)",
    "date-time": "date and time",
  };
  return names[format] ?? format;
}
