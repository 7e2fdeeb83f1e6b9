import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { fieldKinds } from "../fields/registry";
import { addValueKeywords, MAX_DECIMALS_KEYWORD } from "../fields/value-keywords";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import type { Words } from "../i18n/translator";

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

/** One table's validators, a slot per mode: reading a property costs less than a Map's lookup. */
interface TableValidators {
  create?: ValidateFunction;
  update?: ValidateFunction;
  child?: ValidateFunction;
  /** A list's rows, which leave out the field that points at their parent: keyed `mode:field`. */
  withParent?: Map<string, ValidateFunction>;
}

// Keyed by the compiled table object: a compiled schema is made once per stored version and
// never changes, so this is "one validator per table per schema version" — and two databases in
// one process (or a database reset under a running process) can never share a stale validator.
const cache = new WeakMap<CompiledTable, TableValidators>();
// A bulk write or an import validates one table's records one after another: the last table's
// slots answer without the WeakMap's lookup. It holds on to that one table until another is validated.
let lastTable: CompiledTable | undefined;
let lastValidators: TableValidators = {};

export function getRecordValidator(
  schema: CompiledSchema,
  table: CompiledTable,
  mode: ValidationMode,
  parentField?: string,
): ValidateFunction {
  void schema;
  let byMode: TableValidators | undefined;
  if (table === lastTable) byMode = lastValidators;
  else {
    byMode = cache.get(table);
    if (!byMode) {
      byMode = {};
      cache.set(table, byMode);
    }
    lastTable = table;
    lastValidators = byMode;
  }
  if (parentField === undefined) return byMode[mode] ?? (byMode[mode] = ajv.compile(recordJsonSchema(table, mode)));
  const key = `${mode}:${parentField}`;
  const withParent = (byMode.withParent ??= new Map());
  let v = withParent.get(key);
  if (!v) {
    v = ajv.compile(recordJsonSchema(table, mode, parentField));
    withParent.set(key, v);
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

/**
 * What a record's problems say, as the message catalogs word them (`validation.*`). The API and
 * the logs speak English (these); a screen passes its reader's `t` instead. `catalogs.test.ts`
 * checks they are the English catalog's messages, word for word.
 */
export const ENGLISH_VALIDATION: Record<string, string> = {
  "validation.incomplete": '{{label}} is incomplete: it needs "{{part}}"',
  "validation.unexpectedPart": '{{label}} has an unexpected part "{{part}}"',
  "validation.invalidPart": "{{label}} is not valid: {{path}} {{problem}}",
  "validation.required": "{{label}} is required",
  "validation.notAField": '"{{field}}" is not a field of {{plural}}',
  "validation.type": "{{label}} must be {{type}}",
  "validation.enum": "{{label}} must be one of: {{values}}",
  "validation.format": "{{label}} must be a valid {{format}}",
  "validation.maxLength": "{{label}} is too long: at most {{limit}} characters",
  "validation.minLength": "{{label}} is too short: at least {{limit}} characters",
  "validation.maximum": "{{label}} must be at most {{limit}}",
  "validation.minimum": "{{label}} must be at least {{limit}}",
  "validation.pattern": "{{label}} has the wrong format",
  "validation.patternWithHint": "{{label}} has the wrong format ({{hint}})",
  "validation.wholeNumber": "{{label}} must be a whole number here: it keeps no decimals",
  "validation.decimals_one": "{{label}} has more decimals than it keeps ({{count}}): round it to {{count}} decimal",
  "validation.decimals_other": "{{label}} has more decimals than it keeps ({{count}}): round it to {{count}} decimals",
  "validation.uniqueItems": "{{label}} lists a value twice",
  "validation.other": "{{label}} {{problem}}",
  "validation.invalid": "is invalid",
  "validation.line": "Line {{n}}: {{message}}",
  "validation.types.string": "text",
  "validation.types.integer": "a whole number",
  "validation.types.number": "a number",
  "validation.types.boolean": "true or false",
  "validation.types.array": "a list",
  "validation.types.object": "an object",
  "validation.types.or": " or ",
  "validation.formats.email": "email address",
  "validation.formats.uri": "web address (https://…)",
  "validation.formats.date": "date (YYYY-MM-DD)",
  "validation.formats.date-time": "date and time",
};

const englishValidation: Words = (key, values = {}) => {
  const plural = typeof values.count === "number" ? ENGLISH_VALIDATION[`${key}_${values.count === 1 ? "one" : "other"}`] : undefined;
  const text = plural ?? ENGLISH_VALIDATION[key] ?? (typeof values.defaultValue === "string" ? values.defaultValue : key);
  return text.replace(/{{([\w-]+)}}/g, (_, name: string) => String(values[name] ?? ""));
};

export function validateValues(
  schema: CompiledSchema,
  table: CompiledTable,
  values: Record<string, unknown>,
  mode: ValidationMode,
  parentField?: string,
  t: Words = englishValidation,
): FieldErrors {
  const validate = getRecordValidator(schema, table, mode, parentField);
  if (validate(withoutNulls(values))) return {};
  return describeErrors(table, validate.errors ?? [], t);
}

export function describeErrors(table: CompiledTable, errors: ErrorObject[], t: Words = englishValidation): FieldErrors {
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
    out[field] = messageFor(table, field, e, t);
  }
  return out;
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

function messageFor(table: CompiledTable, field: string, e: ErrorObject, t: Words): string {
  const f = table.fieldsByKey.get(field);
  const label = f?.label ?? field;
  const p = e.params as Record<string, unknown>;
  // ajv's own words are English; they are the last resort, for keywords no message here covers.
  const problem = e.message ?? t("validation.invalid");
  if (e.instancePath.split("/").length > 2) {
    // Inside a structured value (a file): say what the value lacks, not which sub-key.
    if (e.keyword === "required") return t("validation.incomplete", { label, part: String(p.missingProperty) });
    if (e.keyword === "additionalProperties") return t("validation.unexpectedPart", { label, part: String(p.additionalProperty) });
    return t("validation.invalidPart", { label, path: e.instancePath.split("/").slice(2).join("."), problem });
  }
  switch (e.keyword) {
    case "required":
      return t("validation.required", { label });
    case "additionalProperties":
      return t("validation.notAField", { field, plural: table.pluralLabel });
    case "type":
      return t("validation.type", { label, type: typeNames(String(p.type), t) });
    case "enum": {
      const values = (p.allowedValues as string[] | undefined) ?? f?.def.enum ?? [];
      return t("validation.enum", { label, values: values.join(", ") });
    }
    case "format": {
      const format = String(p.format);
      return t("validation.format", { label, format: t(`validation.formats.${format}`, { defaultValue: format }) });
    }
    case "maxLength":
      return t("validation.maxLength", { label, limit: p.limit });
    case "minLength":
      return t("validation.minLength", { label, limit: p.limit });
    case "maximum":
      return t("validation.maximum", { label, limit: p.limit });
    case "minimum":
      return t("validation.minimum", { label, limit: p.limit });
    case "pattern": {
      const hint = f && fieldKinds[f.kind].patternHint;
      return hint
        ? t("validation.patternWithHint", { label, hint: t(`validation.hints.${f.kind}`, { defaultValue: hint }) })
        : t("validation.pattern", { label });
    }
    case MAX_DECIMALS_KEYWORD: {
      const places = f ? Number(fieldKinds[f.kind].valueSchema(f.def)[MAX_DECIMALS_KEYWORD]) : 0;
      return places === 0 ? t("validation.wholeNumber", { label }) : t("validation.decimals", { label, count: places });
    }
    case "uniqueItems":
      return t("validation.uniqueItems", { label });
    default:
      return t("validation.other", { label, problem });
  }
}

function typeNames(types: string, t: Words): string {
  return types
    .split(",")
    .map((type) => t(`validation.types.${type}`, { defaultValue: type }))
    .join(t("validation.types.or"));
}
