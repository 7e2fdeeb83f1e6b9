import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { fieldKinds } from "../fields/registry";
import type { ParseResult } from "../fields/types";
import { refuse } from "../fields/value-words";
import type { FieldSchema } from "../schema/types";

/**
 * Converts one JSON value of a field to the field's new definition. Going through the kinds' own
 * text forms means every pair of kinds converts exactly when the text of the old value is a valid
 * value of the new kind ("12" text → 12 integer; "abc" → refused), with the new kind's message.
 */
export function convertValue(value: unknown, from: FieldSchema, to: FieldSchema): ParseResult {
  if (value === null || value === undefined) return { ok: true, value: null };
  const fromKind = fieldKinds[from["x-kind"]];
  const toKind = fieldKinds[to["x-kind"]];
  const text = fromKind.formatText(value, from);
  if (text === "") return { ok: true, value: null };
  const parsed = toKind.parseText(text, to);
  if (!parsed.ok) return parsed;
  const validate = valueValidator(to);
  if (!validate(parsed.value)) {
    const e = validate.errors?.[0];
    // Ajv's reason stays English: it is JSON Schema's wording, not Tessera's.
    return refuse("doesNotFit", { value: `"${text}"`, reason: e?.message ?? "invalid value" });
  }
  return parsed;
}

const ajv = new Ajv2020({ allErrors: false, strict: false });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();

function valueValidator(field: FieldSchema): ValidateFunction {
  const schema = fieldKinds[field["x-kind"]].valueSchema(field);
  const key = JSON.stringify(schema);
  let v = validators.get(key);
  if (!v) {
    v = ajv.compile(schema);
    validators.set(key, v);
  }
  return v;
}

/** Converts a raw database value of the old column into a raw value for the new column. */
export function convertDbValue(raw: unknown, from: FieldSchema, to: FieldSchema): ParseResult {
  const json = fieldKinds[from["x-kind"]].fromDb(raw, from);
  const converted = convertValue(json, from, to);
  if (!converted.ok) return converted;
  return { ok: true, value: converted.value === null ? null : fieldKinds[to["x-kind"]].toDb(converted.value, to) };
}
