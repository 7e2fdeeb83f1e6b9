import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { fieldKinds } from "@runtime/fields/registry";
import { kindSamples } from "@runtime/fields/samples";
import { createTestAjv } from "@runtime/fields/test-ajv";
import type { FieldSchema } from "@runtime/schema/types";
import type { FieldModel, TableModel } from "./workspace-model";

const ajv = createTestAjv();

/** Whole numbers as text, the only values a text field that may become an integer ever holds. */
export const integerLikeTextArb = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.maxSafeInteger()).map(String);

/**
 * The valid values every sample case of the kind declares (hostile strings, extremes, leap days)
 * that `def` takes and stores unchanged: a decimal sample with four places does not fit a column
 * of two, a 255-character text does not fit a field of 80.
 */
export function sampleValues(def: FieldSchema): unknown[] {
  const kind = fieldKinds[def["x-kind"]];
  const accepts = ajv.compile(kind.valueSchema(def));
  const keeps = (value: unknown) => isDeepStrictEqual(kind.fromDb(kind.toDb(value, def), def), value);
  const values = kindSamples[def["x-kind"]].cases.flatMap((c) => c.valid).filter((value) => accepts(value) && keeps(value));
  if (values.length === 0) throw new Error(`no sample value of ${def["x-kind"]} fits ${JSON.stringify(def)}`);
  return values;
}

const valuesOf = new Map<string, unknown[]>();

/** Valid JSON values of one field, the ones its kind declares in its samples. */
export function valueArb(field: FieldModel): fc.Arbitrary<unknown> {
  if (field.integerLikeText) return integerLikeTextArb;
  const cacheKey = JSON.stringify({ ...field.def, "x-id": "" });
  let values = valuesOf.get(cacheKey);
  if (!values) valuesOf.set(cacheKey, (values = sampleValues(field.def)));
  return fc.constantFrom(...values);
}

/** One record's values: every field either holds a value or is left out. */
export function recordArb(table: TableModel): fc.Arbitrary<Record<string, unknown>> {
  const parts: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of table.fields) parts[f.key] = valueArb(f);
  return fc.record(parts, { requiredKeys: [] });
}

export function recordsArb(table: TableModel): fc.Arbitrary<Record<string, unknown>[]> {
  return fc.array(recordArb(table), { minLength: 0, maxLength: 4 });
}
