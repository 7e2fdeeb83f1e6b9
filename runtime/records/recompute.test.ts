import { describe, expect, it } from "vitest";
import { compileSchema } from "../schema/compile";
import { smallWorkspace } from "@tests/integration/workspace-schema";
import { aggregatingRecords, changedFormulas, linesAsSent } from "./recompute";

const compiled = compileSchema(smallWorkspace());
const table = (key: string) => compiled.tablesByKey.get(key)!;

describe("changedFormulas", () => {
  it("answers the formula fields whose value moved, with their new value", () => {
    const stored = { id: 1, status: "issued", total: "10.00", paid: "0.00", balance: "10.00" };
    const computed = { ...stored, status: "draft", paid: "4.00", balance: "6.00" };
    expect(changedFormulas(table("invoices"), stored, computed)).toEqual({ paid: "4.00", balance: "6.00" });
  });

  it("answers nothing when every formula still holds", () => {
    const stored = { total: "10.00", paid: null, balance: "10.00" };
    expect(changedFormulas(table("invoices"), stored, { ...stored })).toEqual({});
  });
});

describe("aggregatingRecords", () => {
  it("finds the records whose formulas aggregate over the changed ones, each once", () => {
    const lines = [{ invoice: 3 }, { invoice: 4 }, { invoice: 3 }];
    expect(aggregatingRecords(compiled, table("invoice_items"), lines)).toEqual([{ table: table("invoices"), ids: [3, 4] }]);
    expect(aggregatingRecords(compiled, table("payments"), [{ invoice: 7 }, { invoice: null }])).toEqual([
      { table: table("invoices"), ids: [7] },
    ]);
  });

  it("finds nothing where no formula aggregates over the list, or nothing is pointed at", () => {
    // Invoices point at clients through a list ("invoices") no client formula uses.
    expect(aggregatingRecords(compiled, table("invoices"), [{ client: 1 }])).toEqual([]);
    expect(aggregatingRecords(compiled, table("payments"), [{ invoice: null }, {}])).toEqual([]);
  });
});

describe("linesAsSent", () => {
  it("computes each line's formulas from what was sent, ignoring computed values sent along", () => {
    const lines = linesAsSent(compiled, table("invoices"), {
      items: [{ description: "Design", quantity: 2, price: 3.5, amount: 999, id: 5 }],
    });
    expect(lines).toEqual({ items: [{ description: "Design", quantity: 2, price: 3.5, amount: 7 }] });
  });

  it("has nothing for a record sent without lines", () => {
    expect(linesAsSent(compiled, table("invoices"), {})).toEqual({});
  });
});
