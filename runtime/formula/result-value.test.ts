import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { evaluateFormula } from "./evaluate";
import { parseFormula } from "./parse";
import { toResultValue } from "./result-value";

function value(source: string, record: Record<string, unknown> = {}) {
  const parsed = parseFormula(source);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return evaluateFormula(parsed.ast, { record, lists: {} });
}

describe("toResultValue", () => {
  it("rounds half away from zero to the default scale of the kind", () => {
    expect(toResultValue(new Decimal("2.345"), "money")).toBe(2.35);
    expect(toResultValue(new Decimal("-2.345"), "decimal")).toBe(-2.35);
    expect(toResultValue(new Decimal("19.995"), "percent")).toBe(20);
    expect(toResultValue(new Decimal("2.5"), "integer")).toBe(3);
    expect(toResultValue(new Decimal("-2.5"), "integer")).toBe(-3);
  });

  it("uses a given scale", () => {
    expect(toResultValue(new Decimal("1.23456"), "decimal", 4)).toBe(1.2346);
    expect(toResultValue(new Decimal("1.5"), "money", 0)).toBe(2);
  });

  it("does not leak binary floating point from the computation", () => {
    expect(toResultValue(value("0.1 + 0.2"), "decimal", 10)).toBe(0.3);
    expect(toResultValue(value("1 / 3 * 3"), "money")).toBe(1);
  });

  it("never returns -0", () => {
    expect(Object.is(toResultValue(new Decimal("-0.001"), "money"), 0)).toBe(true);
  });

  it("converts text, boolean and date", () => {
    expect(toResultValue("abc", "text")).toBe("abc");
    expect(toResultValue(value('code & ""', { code: "007" }), "text")).toBe("007");
    expect(toResultValue(value("code", { code: "007" }), "text")).toBe("007");
    expect(toResultValue(true, "boolean")).toBe(true);
    expect(toResultValue("2024-02-29", "date")).toBe("2024-02-29");
    expect(toResultValue("2024-02-29T23:00:00Z", "date")).toBe("2024-02-29");
  });

  it("gives null for a value of the wrong type", () => {
    expect(toResultValue("abc", "money")).toBeNull();
    expect(toResultValue(true, "integer")).toBeNull();
    expect(toResultValue(new Decimal(1), "boolean")).toBeNull();
    expect(toResultValue("not a date", "date")).toBeNull();
    expect(toResultValue("2023-02-30", "date")).toBeNull();
    expect(toResultValue(true, "text")).toBeNull();
    expect(toResultValue(null, "money")).toBeNull();
    expect(toResultValue(new Decimal(1), "nonsense")).toBeNull();
  });
});
