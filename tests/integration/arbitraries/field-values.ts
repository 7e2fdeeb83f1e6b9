import fc from "fast-check";
import { kindSamples } from "@runtime/fields/samples";
import type { FieldSchema } from "@runtime/schema/types";
import { MULTISELECT_OPTIONS, SELECT_OPTIONS, type FieldModel, type ModelKind, type TableModel } from "./workspace-model";

const codePoints = (s: string) => [...s].length;

/** Valid sample values the kind declares itself (hostile strings, extremes), that fit `def`. */
function declaredSamples(kind: ModelKind, fits: (v: unknown) => boolean): unknown[] {
  return kindSamples[kind].cases.flatMap((c) => c.valid).filter(fits);
}

function withSamples<T>(kind: ModelKind, arb: fc.Arbitrary<T>, fits: (v: unknown) => boolean): fc.Arbitrary<unknown> {
  const samples = declaredSamples(kind, fits);
  return samples.length === 0 ? arb : fc.oneof({ arbitrary: arb, weight: 3 }, { arbitrary: fc.constantFrom(...samples), weight: 1 });
}

const dateArb = fc.date({ min: new Date("1000-01-01T00:00:00.000Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true });

/** Whole numbers as text, the only values a text field that may become an integer ever holds. */
export const integerLikeTextArb = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.maxSafeInteger()).map(String);

/** Valid JSON values of one field, by kind, including the kind's own declared samples. */
export function valueArb(field: FieldModel): fc.Arbitrary<unknown> {
  const def: FieldSchema = field.def;
  const kind = def["x-kind"] as ModelKind;
  switch (kind) {
    case "text": {
      if (field.integerLikeText) return integerLikeTextArb;
      const max = def.maxLength ?? 255;
      const fits = (v: unknown) => typeof v === "string" && codePoints(v) <= max;
      return withSamples(kind, fc.string({ unit: "grapheme", maxLength: 16 }).filter(fits), fits);
    }
    case "longtext":
      return withSamples(kind, fc.string({ unit: "grapheme", maxLength: 40 }), (v) => typeof v === "string" && v.length < 200);
    case "integer":
      return withSamples(kind, fc.integer(), () => true);
    case "decimal":
    case "money":
      // Exactly two decimals, within DECIMAL(18, 2) and MONEY's limits.
      return fc.integer({ min: -100_000_000_000, max: 100_000_000_000 }).map((cents) => cents / 100);
    case "boolean":
      return fc.boolean();
    case "date":
      return withSamples(
        kind,
        dateArb.map((d) => d.toISOString().slice(0, 10)),
        () => true,
      );
    case "datetime":
      return withSamples(
        kind,
        dateArb.map((d) => d.toISOString()),
        () => true,
      );
    case "email":
      return withSamples(
        kind,
        fc
          .tuple(fc.stringMatching(/^[a-z0-9][a-z0-9'+_-]{0,10}$/), fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/))
          .map(([local, domain]) => `${local}@${domain}.test`),
        () => true,
      );
    case "select":
      return fc.constantFrom(...SELECT_OPTIONS);
    case "multiselect":
      return fc.subarray(MULTISELECT_OPTIONS);
  }
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
