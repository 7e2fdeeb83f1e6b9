import { describe, expect, it } from "vitest";
import { FIELD_KINDS, type FieldKind, type FieldSchema } from "../schema/types";
import { fieldKinds, filterOperatorsFor, getFieldKind, hasTimeOfDay, isDated, typableByVisitor, valueClassOf } from "./registry";

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
    // A public web form leaves out what a stranger cannot or must not fill.
    expect(where((k) => !typableByVisitor({ kind: k }))).toEqual(["autonumber", "file", "formula", "image", "relation"]);
  });

  it("says what each kind's values are and how they print", () => {
    const classes = Object.fromEntries(FIELD_KINDS.map((k) => [k, fieldKinds[k].valueClass]));
    expect(classes).toMatchObject({ text: "text", email: "text", money: "number", percent: "number", date: "date", boolean: "boolean" });
    expect(classes).toMatchObject({ select: "option", multiselect: "options", relation: "reference", file: "file", image: "file" });
    expect(fieldKinds.money.printFilter).toBe("money");
    expect(fieldKinds.multiselect.printFilter).toBe("option");
    expect(where((k) => fieldKinds[k].printFilter === null)).toEqual(["file", "relation"]);
  });

  it("marks what cards, lines and filters ask of a kind", () => {
    expect(where((k) => fieldKinds[k].fullWidth)).toEqual(["longtext"]);
    expect(where((k) => !fieldKinds[k].shortValue)).toEqual(["file", "image", "longtext"]);
    expect(where((k) => fieldKinds[k].blankValue !== null)).toEqual(["boolean"]);
    expect(fieldKinds.boolean.blankValue).toBe(false);
    expect(where((k) => fieldKinds[k].storedEmpty.length > 0)).toEqual(["multiselect"]);
    expect(fieldKinds.phone.patternHint).toMatch(/digits/);
  });

  it("reads one option of a multiselect condition, and an import cell as a whole", () => {
    const def: FieldSchema = {
      type: "array",
      "x-id": "f_tags",
      "x-kind": "multiselect",
      items: { type: "string", enum: ["vip", "press"] },
    };
    expect(fieldKinds.multiselect.parseFilterText("VIP", def)).toEqual({ ok: true, value: "vip" });
    expect(fieldKinds.multiselect.parseText("vip; press", def)).toEqual({ ok: true, value: ["vip", "press"] });
    expect(fieldKinds.text.parseFilterText).toBe(fieldKinds.text.parseText);
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

  it("gives a formula the value class of its result, and text for a broken one", () => {
    const formula = (result: string): FieldSchema => ({
      type: "number",
      "x-id": "f_f",
      "x-kind": "formula",
      "x-result": result as "money",
    });
    expect(valueClassOf(formula("money"))).toBe("number");
    expect(valueClassOf(formula("date"))).toBe("date");
    expect(valueClassOf(formula("constructor"))).toBe("text");
  });

  it("knows which fields fall on a calendar day, and which carry a time of day too", () => {
    const field = (kind: string, result?: string): FieldSchema =>
      ({ type: "string", "x-id": "f_d", "x-kind": kind, ...(result ? { "x-result": result } : {}) }) as FieldSchema;
    const dated = FIELD_KINDS.filter((k) => k !== "formula" && isDated(field(k))).sort();
    expect(dated).toEqual(["date", "datetime"]);
    expect(isDated(field("formula", "date"))).toBe(true);
    expect(isDated(field("formula", "money"))).toBe(false);
    expect([hasTimeOfDay(field("date")), hasTimeOfDay(field("datetime")), hasTimeOfDay(field("formula", "date"))]).toEqual([
      false,
      true,
      false,
    ]);
  });
});
