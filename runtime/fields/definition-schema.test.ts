import { describe, expect, it } from "vitest";
import type { FieldKind } from "../schema/types";
import { fieldKinds } from "./registry";
import { kindSamples } from "./samples";
import { createTestAjv } from "./test-ajv";

const ajv = createTestAjv();

function accepts(kind: FieldKind, extra: Record<string, unknown>): boolean {
  const validate = ajv.compile(fieldKinds[kind].definitionSchema);
  return validate({ ...kindSamples[kind].minimal, ...extra }) as boolean;
}

describe("autonumber x-pattern", () => {
  it.each(["INV-{YYYY}-{0000}", "{0}", "C{YY}{MM}/{000000000000}", "{000}-{YYYY}", "No. {00} {MM}"])("accepts %j", (pattern) => {
    expect(accepts("autonumber", { "x-pattern": pattern })).toBe(true);
  });

  it.each(["INV", "INV-{0000}-{00}", "{0000000000000}", "{YYYYY}-{00}", "{DD}-{00}", "{00", "{0a0}", "{}{00}", "INV-{yyyy}-{00}"])(
    "refuses %j",
    (pattern) => {
      expect(accepts("autonumber", { "x-pattern": pattern })).toBe(false);
    },
  );

  it("requires a pattern", () => {
    const { "x-pattern": _pattern, ...withoutPattern } = kindSamples.autonumber.minimal;
    expect(ajv.validate(fieldKinds.autonumber.definitionSchema, withoutPattern)).toBe(false);
  });

  it("checks the assignment condition's shape", () => {
    expect(accepts("autonumber", { "x-assign-when": { field: "status", op: "in", value: ["issued", "paid"] } })).toBe(true);
    expect(accepts("autonumber", { "x-assign-when": { field: "status", op: "gt", value: 1 } })).toBe(false);
    expect(accepts("autonumber", { "x-assign-when": { op: "notEmpty" } })).toBe(false);
  });
});

describe("bounds", () => {
  it("limits text lengths and patterns", () => {
    expect(accepts("text", { maxLength: 65535 })).toBe(true);
    expect(accepts("text", { maxLength: 0 })).toBe(false);
    expect(accepts("text", { maxLength: 65536 })).toBe(false);
    expect(accepts("text", { pattern: "a".repeat(500) })).toBe(true);
    expect(accepts("text", { pattern: "a".repeat(501) })).toBe(false);
    expect(accepts("text", { default: "hello", "x-searchable": true, "x-unique": true })).toBe(true);
  });

  it("limits scale and precision", () => {
    expect(accepts("decimal", { "x-precision": 30, "x-scale": 8 })).toBe(true);
    expect(accepts("decimal", { "x-precision": 31 })).toBe(false);
    expect(accepts("decimal", { "x-precision": 0 })).toBe(false);
    expect(accepts("decimal", { "x-scale": 9 })).toBe(false);
    expect(accepts("money", { "x-scale": -1 })).toBe(false);
    expect(accepts("money", { "x-precision": 20 })).toBe(false);
  });

  it("checks currency codes", () => {
    expect(accepts("money", { "x-currency": "EUR" })).toBe(true);
    expect(accepts("money", { "x-currency": "eur" })).toBe(false);
    expect(accepts("money", { "x-currency": "EURO" })).toBe(false);
  });

  it("limits options and labels", () => {
    const many = Array.from({ length: 500 }, (_, i) => `o${i}`);
    expect(accepts("select", { enum: many })).toBe(true);
    expect(accepts("select", { enum: [...many, "one more"] })).toBe(false);
    expect(accepts("select", { enum: [] })).toBe(false);
    expect(accepts("select", { enum: ["a", "a"] })).toBe(false);
    expect(accepts("select", { enum: ["x".repeat(101)] })).toBe(false);
    expect(accepts("select", { enum: [" padded"] })).toBe(false);
    expect(accepts("select", { enum: ["a"], "x-labels": { a: "l".repeat(200) } })).toBe(true);
    expect(accepts("select", { enum: ["a"], "x-labels": { a: "l".repeat(201) } })).toBe(false);
    expect(accepts("multiselect", { items: { type: "string", enum: ["a;b"] } })).toBe(false);
    expect(accepts("multiselect", { items: { type: "string", enum: ["a"] }, uniqueItems: false })).toBe(false);
  });

  it("checks defaults against the kind's shape", () => {
    expect(accepts("integer", { default: 3 })).toBe(true);
    expect(accepts("integer", { default: 3.5 })).toBe(false);
    expect(accepts("boolean", { default: "yes" })).toBe(false);
    expect(accepts("date", { default: "24.11.2026" })).toBe(false);
    expect(accepts("multiselect", { default: ["a"], items: { type: "string", enum: ["a"] } })).toBe(true);
    expect(accepts("relation", { default: 1 })).toBe(false);
    expect(accepts("formula", { default: 1 })).toBe(false);
  });
});

describe("kind-specific keywords", () => {
  it("offers search only on text-like kinds", () => {
    expect(accepts("email", { "x-searchable": true })).toBe(true);
    expect(accepts("integer", { "x-searchable": true })).toBe(false);
    expect(accepts("select", { maxLength: 10 })).toBe(false);
  });

  it("keeps indexes off columns that cannot carry one", () => {
    expect(accepts("longtext", { "x-indexed": true })).toBe(false);
    expect(accepts("file", { "x-unique": true })).toBe(false);
    expect(accepts("boolean", { "x-indexed": true })).toBe(true);
    expect(accepts("boolean", { "x-unique": true })).toBe(false);
  });

  it("requires a relation's target and a formula's expression and result", () => {
    expect(accepts("relation", { "x-target": "Bad Name" })).toBe(false);
    expect(accepts("relation", { "x-composition": true, "x-inverse": "items" })).toBe(true);
    const { "x-result": _result, ...withoutResult } = kindSamples.formula.minimal;
    expect(ajv.validate(fieldKinds.formula.definitionSchema, withoutResult)).toBe(false);
    expect(accepts("formula", { "x-result": "datetime" })).toBe(false);
    expect(accepts("formula", { "x-formula": "" })).toBe(false);
  });

  it("lets a formula declare any scalar JSON type", () => {
    for (const type of ["integer", "number", "string", "boolean"]) expect(accepts("formula", { type })).toBe(true);
    expect(accepts("formula", { type: "object" })).toBe(false);
  });
});
