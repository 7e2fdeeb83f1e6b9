import { describe, expect, it } from "vitest";
import { plan } from "@runtime/migrations/plan";
import { removeField, usesOfField } from "./remove-field";
import { problemsOf, seedSchema } from "./test-schema";

describe("removeField", () => {
  it("removes an unused field and its required entry; plan sends it to the trash", () => {
    const before = seedSchema();
    const after = removeField(before, "clients", "phone");
    expect(after.$defs.clients.properties.phone).toBeUndefined();
    expect(before.$defs.clients.properties.phone).toBeDefined();
    expect(plan(before, after).steps.some((s) => s.op === "drop_column")).toBe(true);
    const noKind = removeField(before, "clients", "kind");
    expect(noKind.$defs.clients.required).toEqual(["name", "status"]);
  });

  it("refuses while formulas or an index use it, naming them", () => {
    expect(() => removeField(seedSchema(), "invoice_items", "net")).toThrow(
      /formula invoice_items\.tax, formula invoice_items\.gross, formula invoices\.net_total/,
    );
    expect(() => removeField(seedSchema(), "events", "done")).toThrow(/index i_events_open_by_assignee/);
    expect(() => removeField(seedSchema(), "invoices", "currency")).toThrow(/the currency of invoices\.net_total/);
  });

  it("with cascade drops the uses, transitively, and stays valid", () => {
    const after = removeField(seedSchema(), "invoice_items", "net", { cascade: true });
    const items = after.$defs.invoice_items.properties;
    expect(items.tax).toBeUndefined();
    expect(items.gross).toBeUndefined();
    // total read gross; balance read total; payment_state read balance; contracts read issued_total.
    expect(after.$defs.invoices.properties.total).toBeUndefined();
    expect(after.$defs.invoices.properties.payment_state).toBeUndefined();
    expect(after.$defs.contracts.properties.invoiced).toBeUndefined();
    expect(after.$defs.invoices.properties.paid).toBeDefined();
    expect(problemsOf(after)).toEqual([]);

    const noIndex = removeField(seedSchema(), "events", "done", { cascade: true });
    expect(noIndex.$defs.events["x-indexes"]).toBeUndefined();
    expect(problemsOf(noIndex)).toEqual([]);
  });

  it("a relation's removal reaches formulas over its related list", () => {
    expect(() => removeField(seedSchema(), "payments", "invoice")).toThrow(/formula invoices\.paid/);
  });

  it("clears the title field rather than refusing", () => {
    const after = removeField(seedSchema(), "clients", "name");
    expect(after.$defs.clients["x-title-field"]).toBeUndefined();
    expect(problemsOf(after)).toEqual([]);
  });
});

describe("removeField and x-fill", () => {
  it("names the fills that use a field and drops only those entries with cascade", () => {
    const s = seedSchema();
    expect(usesOfField(s, "products", "price").map((u) => u.label)).toEqual([
      "what picking in contract_items.product fills in",
      "what picking in invoice_items.product fills in",
    ]);
    const after = removeField(s, "products", "price", { cascade: true });
    expect(after.$defs.invoice_items.properties.product["x-fill"]).toEqual({ description: "name", unit: "unit", tax_rate: "tax_rate" });
    expect(problemsOf(after)).toEqual([]);
  });
});

describe("removeField and converted payments", () => {
  it("names the conversion and the at-most limit that use a field, and drops them with cascade", () => {
    expect(() => removeField(seedSchema(), "payments", "received_currency")).toThrow(/the conversion of payments\.amount/);
    expect(() => removeField(seedSchema(), "invoices", "balance")).toThrow(/the at-most limit of payments\.amount/);
    const after = removeField(seedSchema(), "payments", "date", { cascade: true });
    expect(after.$defs.payments.properties.amount["x-converted-from"]).toBeUndefined();
    expect(problemsOf(after)).toEqual([]);
  });
});
