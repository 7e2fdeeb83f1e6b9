import { describe, expect, it } from "vitest";
import type { WorkspaceSchema } from "../schema/types";
import { checkFormula } from "./check";
import { formulaScopeFor } from "./scope";

const schema: WorkspaceSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $defs: {
    invoices: {
      type: "object",
      "x-id": "t_inv",
      properties: {
        number: { type: "string", "x-id": "f1", "x-kind": "autonumber" },
        total: { type: "number", "x-id": "f2", "x-kind": "formula", "x-formula": "sum(items.gross)", "x-result": "money" },
      },
    },
    invoice_items: {
      type: "object",
      "x-id": "t_items",
      properties: {
        invoice: { type: "integer", "x-id": "f3", "x-kind": "relation", "x-target": "invoices", "x-inverse": "items" },
        description: { type: "string", "x-id": "f4", "x-kind": "text" },
        label: { type: "string", "x-id": "f5", "x-kind": "formula", "x-formula": "upper(description)", "x-result": "text" },
        gross: { type: "number", "x-id": "f6", "x-kind": "formula", "x-formula": "1", "x-result": "money" },
      },
    },
    payments: {
      type: "object",
      "x-id": "t_pay",
      properties: {
        invoice: { type: "integer", "x-id": "f7", "x-kind": "relation", "x-target": "invoices", "x-inverse": "payments" },
        amount: { type: "number", "x-id": "f8", "x-kind": "money" },
      },
    },
  },
};

describe("formulaScopeFor", () => {
  it("collects own fields and the related lists pointing at the table", () => {
    expect(formulaScopeFor(schema, "invoices")).toEqual({
      fields: { number: "autonumber", total: "money" },
      lists: {
        items: { invoice: "relation", description: "text", label: "text", gross: "money" },
        payments: { invoice: "relation", amount: "money" },
      },
    });
  });

  it("lets checkFormula tell numeric formula fields from text ones", () => {
    const scope = formulaScopeFor(schema, "invoices");
    expect(checkFormula("sum(items.gross) - sum(payments.amount)", scope)).toEqual([]);
    expect(checkFormula("sum(items.label)", scope)[0].message).toContain('"items.label" is text');
  });

  it("gives an empty scope for an unknown table", () => {
    expect(formulaScopeFor(schema, "constructor")).toEqual({ fields: {}, lists: {} });
  });
});
