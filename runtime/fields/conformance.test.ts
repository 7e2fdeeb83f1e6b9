import { describe, expect, it } from "vitest";
import { FIELD_KINDS, type FieldSchema } from "../schema/types";
import type { ColumnSpec, FieldKindDef } from "./types";
import { fieldKinds } from "./registry";
import { kindSamples } from "./samples";
import { createTestAjv } from "./test-ajv";

const ajv = createTestAjv();

/** What each driver hands back for a value written to a column of this type. */
const driverReadBack: { [T in ColumnSpec["type"]]: (stored: unknown, column: Extract<ColumnSpec, { type: T }>) => [string, unknown][] } = {
  string: (stored, column) => {
    expect(typeof stored).toBe("string");
    expect([...(stored as string)].length).toBeLessThanOrEqual(column.length);
    return [["both", stored]];
  },
  text: (stored) => {
    expect(typeof stored).toBe("string");
    return [["both", stored]];
  },
  integer: (stored) => {
    expect(Number.isSafeInteger(stored)).toBe(true);
    return [
      ["both", stored],
      ["bigint", BigInt(stored as number)],
    ];
  },
  bigint: (stored) => {
    expect(Number.isSafeInteger(stored)).toBe(true);
    return [
      ["both", stored],
      ["mysql2 bigNumberStrings", String(stored)],
      ["bigint", BigInt(stored as number)],
    ];
  },
  decimal: (stored, column) => {
    const fraction = column.scale === 0 ? "" : `\\.\\d{${column.scale}}`;
    expect(stored).toMatch(new RegExp(`^-?\\d{1,${column.precision - column.scale}}${fraction}$`));
    return [
      ["sqlite", Number(stored)],
      ["mysql2", stored],
    ];
  },
  boolean: (stored) => {
    expect([0, 1]).toContain(stored);
    return [
      ["both", stored],
      ["mysql2 text", String(stored)],
    ];
  },
  date: (stored) => {
    expect(stored).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    return [["both", stored]];
  },
  datetime: (stored) => {
    expect(stored).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
    return [["both", stored]];
  },
  json: (stored) => {
    expect(typeof stored).toBe("string");
    return [
      ["sqlite", stored],
      ["mysql2 text", stored],
      ["mysql2 parsed", JSON.parse(stored as string)],
    ];
  },
};

function readBackVariants(stored: unknown, column: ColumnSpec): [string, unknown][] {
  const simulate = driverReadBack[column.type] as (stored: unknown, column: ColumnSpec) => [string, unknown][];
  return simulate(stored, column);
}

function withDef(kind: (typeof FIELD_KINDS)[number]): FieldKindDef {
  return fieldKinds[kind];
}

describe.each(FIELD_KINDS.map((kind) => [kind]))("field kind %s", (kind) => {
  const def = withDef(kind);
  const samples = kindSamples[kind];
  const validateDefinition = ajv.compile(def.definitionSchema);

  it("is registered under its own name", () => {
    expect(def.kind).toBe(kind);
    expect(def.label.length).toBeGreaterThan(0);
  });

  it("accepts a minimal definition and refuses an unknown keyword", () => {
    expect(validateDefinition(samples.minimal), JSON.stringify(validateDefinition.errors)).toBe(true);
    expect(validateDefinition({ ...samples.minimal, "x-bogus": true })).toBe(false);
    expect(validateDefinition({ ...samples.minimal, "x-kind": kind === "text" ? "longtext" : "text" })).toBe(false);
    expect(validateDefinition({ ...samples.minimal, "x-id": "Not an id" })).toBe(false);
    expect(validateDefinition({ ...samples.minimal, type: "array" === samples.minimal.type ? "object" : "array" })).toBe(false);
    const { "x-id": _id, ...withoutId } = samples.minimal;
    expect(validateDefinition(withoutId)).toBe(false);
  });

  it("declares the contract's required shape", () => {
    expect(def.definitionSchema.additionalProperties).toBe(false);
    expect(def.definitionSchema.required).toEqual(expect.arrayContaining(["type", "x-id", "x-kind"]));
    const properties = def.definitionSchema.properties as Record<string, { const?: unknown }>;
    expect(properties["x-kind"].const).toBe(kind);
    if (kind !== "formula") expect(samples.minimal.type).toBe(def.jsonType);
    expect(validateDefinition({ ...samples.minimal, title: "t".repeat(201) })).toBe(false);
    expect(validateDefinition({ ...samples.minimal, description: "d".repeat(2001) })).toBe(false);
  });

  describe.each(samples.cases.map((sample) => [sample.field["x-id"], sample]))("with field %s", (_id, sample) => {
    const field: FieldSchema = sample.field;
    const validateValue = ajv.compile(def.valueSchema(field));

    it("is a valid definition", () => {
      expect(validateDefinition(field), JSON.stringify(validateDefinition.errors)).toBe(true);
    });

    it.each(sample.valid.map((value) => [JSON.stringify(value).slice(0, 60), value]))(
      "round-trips %s through validation, both drivers and text",
      (_label, value) => {
        expect(validateValue(value), JSON.stringify(validateValue.errors)).toBe(true);
        const stored = def.toDb(value, field);
        for (const [driver, raw] of readBackVariants(stored, def.column(field))) {
          expect(def.fromDb(raw, field), `read back from ${driver}`).toEqual(value);
        }
        const text = def.formatText(value, field);
        expect(typeof text).toBe("string");
        if (sample.textRoundTrip === false) {
          expect(def.parseText(text, field).ok).toBe(false);
        } else {
          expect(def.parseText(text, field)).toEqual({ ok: true, value });
        }
        expect(typeof def.formatDisplay(value, field, { locale: "en-US", currency: "USD", timeZone: "UTC" }, {})).toBe("string");
      },
    );

    it.each(sample.invalid.map((value) => [JSON.stringify(value)?.slice(0, 60) ?? String(value), value]))("refuses %s", (_label, value) => {
      expect(validateValue(value)).toBe(false);
    });

    it("maps null and undefined to null and formats them as empty", () => {
      expect(def.toDb(null, field)).toBeNull();
      expect(def.toDb(undefined, field)).toBeNull();
      expect(def.fromDb(null, field)).toBeNull();
      expect(def.fromDb(undefined, field)).toBeNull();
      expect(def.formatDisplay(null, field, { locale: "en-US" })).toBe("");
      expect(def.formatText(null, field)).toBe("");
    });
  });
});

describe("the registry", () => {
  it("has exactly the kinds of FIELD_KINDS", () => {
    expect(Object.keys(fieldKinds).sort()).toEqual([...FIELD_KINDS].sort());
  });
});
