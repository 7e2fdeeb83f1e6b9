import { describe, expect, it } from "vitest";
import { plan } from "@runtime/migrations/plan";
import { renameFieldKey } from "./rename-field-key";
import { problemsOf, seedSchema } from "./test-schema";

describe("renameFieldKey", () => {
  it("renames the key in place, keeps the id, and plans a column rename", () => {
    const before = seedSchema();
    const after = renameFieldKey(before, "clients", "phone", "mobile_phone");
    const keys = Object.keys(after.$defs.clients.properties);
    expect(keys.indexOf("mobile_phone")).toBe(Object.keys(before.$defs.clients.properties).indexOf("phone"));
    expect(after.$defs.clients.properties.mobile_phone["x-id"]).toBe("f_clients_phone");
    expect(before.$defs.clients.properties.phone).toBeDefined();
    expect(plan(before, after).steps.map((s) => s.op)).toEqual(["rename_column"]);
  });

  it("follows formulas of its table, parents' aggregates, currency, required and title", () => {
    const s = seedSchema();
    const a = renameFieldKey(s, "invoice_items", "net", "net_amount");
    expect(a.$defs.invoice_items.properties.tax["x-formula"]).toBe("round(net_amount * coalesce(tax_rate, 0) / 100, 2)");
    expect(a.$defs.invoice_items.properties.gross["x-formula"]).toBe("net_amount + tax");
    expect(a.$defs.invoices.properties.net_total["x-formula"]).toBe("sum(items.net_amount)");
    // contracts' own items list reads contract_items, which was not renamed.
    expect(a.$defs.contracts.properties.net_total["x-formula"]).toBe("sum(items.net)");
    expect(problemsOf(a)).toEqual([]);

    const b = renameFieldKey(s, "invoices", "currency", "doc_currency");
    expect(b.$defs.invoices.properties.total["x-currency-field"]).toBe("doc_currency");
    expect(b.$defs.invoices.required).toContain("doc_currency");
    expect(problemsOf(b)).toEqual([]);

    const c = renameFieldKey(s, "invoices", "status", "state");
    expect(c.$defs.invoices.properties.number["x-assign-when"]?.field).toBe("state");
    expect(c.$defs.invoices["x-indexes"]?.[0].fields).toEqual(["state", "due_date"]);
    expect(c.$defs.invoices.properties.issued_total["x-formula"]).toBe('if(state = "issued", total, 0)');
    expect(problemsOf(c)).toEqual([]);

    const d = renameFieldKey(s, "contracts", "date", "signed_on");
    expect(d.$defs.contracts.properties.number["x-date-field"]).toBe("signed_on");
    expect(renameFieldKey(s, "clients", "name", "display_name").$defs.clients["x-title-field"]).toBe("display_name");
  });

  it("refuses a taken or invalid key", () => {
    expect(() => renameFieldKey(seedSchema(), "clients", "phone", "email")).toThrow(/already has a field "email"/);
    expect(() => renameFieldKey(seedSchema(), "clients", "phone", "Phone!")).toThrow(/not valid/);
    expect(() => renameFieldKey(seedSchema(), "clients", "nope", "x")).toThrow(/field "nope" does not exist/);
  });
});

describe("renameFieldKey and x-fill", () => {
  it("follows the filled field and the field filled from", () => {
    const s = seedSchema();
    const a = renameFieldKey(s, "invoice_items", "price", "unit_price");
    expect(a.$defs.invoice_items.properties.product["x-fill"]).toEqual({
      description: "name",
      unit: "unit",
      unit_price: "price",
      tax_rate: "tax_rate",
    });
    const b = renameFieldKey(s, "products", "name", "title");
    expect(b.$defs.invoice_items.properties.product["x-fill"]?.description).toBe("title");
    expect(b.$defs.contract_items.properties.product["x-fill"]?.description).toBe("title");
    expect(problemsOf(b)).toEqual([]);
  });
});

describe("renameFieldKey and converted payments", () => {
  it("follows x-converted-from and x-at-most, on the table and through the relation", () => {
    const s = seedSchema();
    const received = renameFieldKey(s, "payments", "received_amount", "sent_amount");
    expect(received.$defs.payments.properties.amount["x-converted-from"]?.amount).toBe("sent_amount");
    const balance = renameFieldKey(s, "invoices", "balance", "owed");
    expect(balance.$defs.payments.properties.amount["x-at-most"]).toBe("invoice.owed");
    const link = renameFieldKey(s, "payments", "invoice", "bill");
    expect(link.$defs.payments.properties.amount["x-at-most"]).toBe("bill.balance");
    for (const next of [received, balance, link]) expect(problemsOf(next)).toEqual([]);
  });
});
