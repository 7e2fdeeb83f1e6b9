import { describe, expect, it } from "vitest";
import type { FieldSchema } from "../schema/types";
import {
  formulaSource,
  isAutonumber,
  isComposition,
  isFormula,
  isLinePosition,
  isRelation,
  relationList,
  relationTarget,
} from "./structure";

const line: FieldSchema = {
  type: "integer",
  "x-id": "f_line_invoice",
  "x-kind": "relation",
  "x-target": "invoices",
  "x-inverse": "items",
  "x-composition": true,
};
const total: FieldSchema = { type: "number", "x-id": "f_total", "x-kind": "formula", "x-formula": "sum(items.net)", "x-result": "money" };

describe("structural helpers", () => {
  it("answer for a schema property, a compiled field and unchecked JSON alike", () => {
    for (const field of [line, { kind: "relation", def: line }, { kind: "relation", def: { ...line } as Record<string, unknown> }]) {
      expect(isRelation(field)).toBe(true);
      expect(isComposition(field)).toBe(true);
      expect(relationTarget(field)).toBe("invoices");
      expect(relationList(field)).toBe("items");
      expect(isFormula(field)).toBe(false);
    }
    expect(formulaSource(total)).toBe("sum(items.net)");
    expect(formulaSource({ kind: "formula", def: total })).toBe("sum(items.net)");
  });

  it("say nothing of a relation's target or list for other kinds, or for values that are no keys", () => {
    expect(relationTarget({ ...total, "x-target": "clients" })).toBeUndefined();
    expect(relationList({ kind: "relation", def: { "x-inverse": 7 } })).toBeUndefined();
    expect(formulaSource({ kind: "formula", def: { "x-formula": ["x"] } })).toBeUndefined();
    expect(isComposition({ ...line, "x-composition": false })).toBe(false);
  });

  it("answer from the kind alone where no definition is needed", () => {
    expect(isFormula({ kind: "formula" })).toBe(true);
    expect(isAutonumber({ kind: "autonumber" })).toBe(true);
    expect(isRelation({ kind: undefined })).toBe(false);
  });

  it("know a line's position by its key and whole-number kind", () => {
    expect(isLinePosition({ key: "position", kind: "integer" })).toBe(true);
    expect(isLinePosition({ key: "position", kind: "text" })).toBe(false);
    expect(isLinePosition({ key: "rank", kind: "integer" })).toBe(false);
  });
});
