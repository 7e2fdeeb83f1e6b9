import { describe, expect, it } from "vitest";
import { FIELD_KINDS, type FieldKind, type FieldSchema } from "../schema/types";
import { fieldKinds, filterOperatorsFor, getFieldKind } from "./registry";

describe("getFieldKind", () => {
  it("returns the registered definition", () => {
    expect(getFieldKind("money")).toBe(fieldKinds.money);
  });

  it("names the unknown kind and lists the known ones", () => {
    expect(() => getFieldKind("currency")).toThrow(`Unknown field kind "currency": use one of ${FIELD_KINDS.join(", ")}`);
    expect(() => getFieldKind("toString")).toThrow(/Unknown field kind "toString"/);
  });
});

describe("capabilities", () => {
  const where = (predicate: (kind: FieldKind) => boolean) => FIELD_KINDS.filter(predicate).sort();

  it("marks sortable, searchable and read-only kinds", () => {
    expect(where((k) => !fieldKinds[k].sortable)).toEqual(["file", "image", "longtext", "multiselect"]);
    expect(where((k) => fieldKinds[k].searchable)).toEqual(["autonumber", "email", "longtext", "phone", "text", "url"]);
    expect(where((k) => fieldKinds[k].readOnly)).toEqual(["autonumber", "formula"]);
  });

  it("offers the operators each kind supports", () => {
    expect(fieldKinds.text.filterOperators).toEqual(["eq", "neq", "contains", "startsWith", "in", "isEmpty", "notEmpty"]);
    expect(fieldKinds.autonumber.filterOperators).toEqual(fieldKinds.text.filterOperators);
    expect(fieldKinds.date.filterOperators).toContain("between");
    expect(fieldKinds.money.filterOperators).not.toContain("contains");
    expect(fieldKinds.boolean.filterOperators).toEqual(["eq", "isEmpty", "notEmpty"]);
    expect(fieldKinds.select.filterOperators).toEqual(["eq", "neq", "in", "notIn", "isEmpty", "notEmpty"]);
    expect(fieldKinds.multiselect.filterOperators).toEqual(["anyOf", "allOf", "isEmpty", "notEmpty"]);
    expect(fieldKinds.relation.filterOperators).toEqual(["eq", "neq", "in", "isEmpty", "notEmpty"]);
    expect(fieldKinds.image.filterOperators).toEqual(["isEmpty", "notEmpty"]);
  });

  it("gives a formula the operators of its result", () => {
    const formula = (result: FieldSchema["x-result"]): FieldSchema => ({
      type: "number",
      "x-id": "f_f",
      "x-kind": "formula",
      "x-formula": "1",
      "x-result": result,
    });
    expect(filterOperatorsFor(formula("money"))).toEqual(fieldKinds.money.filterOperators);
    expect(filterOperatorsFor(formula("text"))).toEqual(fieldKinds.text.filterOperators);
    expect(filterOperatorsFor({ type: "string", "x-id": "f_t", "x-kind": "email" })).toEqual(fieldKinds.email.filterOperators);
  });
});
