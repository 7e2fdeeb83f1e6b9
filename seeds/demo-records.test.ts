import { isFormula } from "@runtime/fields/structure";
import { describe, it, expect, vi } from "vitest";
import { evaluateFormula, formulaOrder, parseFormula, toResultValue } from "@runtime/formula/index";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { lineAmounts } from "./demo/amounts";
import { DEMO_TODAY, demoRecords, demoUsers } from "./demo-records";
import schemaJson from "./schema.json";
import { seedProblems } from "./seed-problems";
import { valueSchemaProblems } from "./value-schema-problems";
import { isRecordRef, type SeedRecord } from "./seed-record";

const schema = schemaJson as unknown as WorkspaceSchema;
const records = demoRecords();
const users = demoUsers();
const byTable = (table: string) => records.filter((r) => r.table === table);
const refOf = (value: unknown) => (isRecordRef(value) ? value.$ref : undefined);

type Row = Record<string, unknown>;

/** Computes a record's formula fields the way the server does, in dependency order. */
function withFormulas(tableKey: string, values: Row, lists: Record<string, Row[]> = {}): Row {
  const fields = Object.entries(schema.$defs[tableKey].properties).filter(([, f]) => isFormula(f));
  const record: Row = { ...values };
  const order = formulaOrder(fields.map(([key, f]) => ({ key, formula: f["x-formula"] as string })));
  for (const key of order) {
    const field = schema.$defs[tableKey].properties[key];
    const parsed = parseFormula(field["x-formula"] as string);
    if (!parsed.ok) throw new Error(`${tableKey}.${key}: ${parsed.error.message}`);
    record[key] = toResultValue(evaluateFormula(parsed.ast, { record, lists }), field["x-result"] as string, field["x-scale"]);
  }
  return record;
}

function computedInvoices(): (Row & { ref: string })[] {
  const payments = byTable("payments");
  return byTable("invoices").map((invoice) => {
    const items = (invoice.values.items as Row[]).map((item) => withFormulas("invoice_items", item));
    const paid = payments.filter((p) => refOf(p.values.invoice) === `invoices/${invoice.ref}`).map((p) => p.values);
    return { ...withFormulas("invoices", invoice.values, { items, payments: paid }), ref: invoice.ref };
  });
}

describe("demo records", () => {
  it("load against the schema: known keys, right JSON types, earlier $refs, no computed values", () => {
    expect(seedProblems(schema, records, users)).toEqual([]);
  });

  it("pass each field kind's value schema", () => {
    expect(valueSchemaProblems(schema, records)).toEqual([]);
  });

  it("have the size and spread of a small firm's books", () => {
    const clients = byTable("clients");
    expect(clients.length).toBeGreaterThanOrEqual(28);
    expect(new Set(clients.map((c) => c.values.country)).size).toBeGreaterThanOrEqual(10);
    expect(clients.filter((c) => c.values.kind === "individual").length).toBeGreaterThanOrEqual(3);
    expect(byTable("product_categories")).toHaveLength(8);
    expect(byTable("products").length).toBeGreaterThanOrEqual(22);
    expect(byTable("contracts").length).toBeGreaterThanOrEqual(13);
    expect(byTable("invoices").length).toBeGreaterThanOrEqual(35);
    expect(byTable("events").length).toBeGreaterThanOrEqual(35);
    expect(byTable("company")).toHaveLength(1);
    expect(users.map((u) => u.values.role).sort()).toEqual(["accountant", "admin", "staff"]);
    for (const c of clients) {
      const contacts = byTable("contacts").filter((k) => refOf(k.values.client) === `clients/${c.ref}`);
      expect(contacts.length, c.ref).toBeGreaterThanOrEqual(1);
      expect(contacts.length, c.ref).toBeLessThanOrEqual(3);
      expect(
        contacts.filter((k) => k.values.is_primary === true),
        c.ref,
      ).toHaveLength(1);
    }
    for (const invoice of byTable("invoices")) {
      const lines = (invoice.values.items as Row[]).length;
      expect(lines, invoice.ref).toBeGreaterThanOrEqual(1);
      expect(lines, invoice.ref).toBeLessThanOrEqual(6);
    }
  });

  it("keep invoice and payment dates in 2025 up to the demo's today, payments after their invoice", () => {
    const invoices = new Map(byTable("invoices").map((i) => [`invoices/${i.ref}`, i]));
    for (const invoice of invoices.values()) {
      expect(String(invoice.values.date) >= "2025-01-01" && String(invoice.values.date) <= DEMO_TODAY, invoice.ref).toBe(true);
      expect(String(invoice.values.due_date) > String(invoice.values.date), invoice.ref).toBe(true);
    }
    for (const payment of byTable("payments")) {
      const invoice = invoices.get(refOf(payment.values.invoice) ?? "") as SeedRecord;
      expect(invoice.values.status, payment.ref).toBe("issued");
      expect(payment.values.currency, payment.ref).toBe(invoice.values.currency);
      expect(String(payment.values.date) >= String(invoice.values.date), payment.ref).toBe(true);
      expect(String(payment.values.date) <= DEMO_TODAY, payment.ref).toBe(true);
    }
  });

  it("agree with the formula engine on every line amount", () => {
    for (const invoice of byTable("invoices")) {
      for (const item of invoice.values.items as Row[]) {
        const computed = withFormulas("invoice_items", item);
        const expected = lineAmounts({
          quantity: Number(item.quantity),
          price: Number(item.price),
          discount: item.discount as number,
          tax_rate: item.tax_rate as number,
        });
        expect({ net: computed.net, tax: computed.tax, gross: computed.gross }, invoice.ref).toEqual(expected);
      }
    }
  });

  it("show every payment state: paid, partly paid, unpaid, overdue, drafts; never overpaid", () => {
    const invoices = computedInvoices();
    const issued = invoices.filter((i) => i.status === "issued");
    for (const i of issued) expect(Number(i.balance), i.ref).toBeGreaterThanOrEqual(0);
    for (const i of invoices.filter((i) => i.status !== "issued")) expect(i.paid, i.ref).toBe(0);
    const overdue = issued.filter((i) => Number(i.balance) > 0 && String(i.due_date) < DEMO_TODAY);
    expect(issued.filter((i) => i.payment_state === "paid").length).toBeGreaterThanOrEqual(15);
    expect(issued.filter((i) => i.payment_state === "partly paid").length).toBeGreaterThanOrEqual(2);
    expect(overdue.filter((i) => i.payment_state === "unpaid").length).toBeGreaterThanOrEqual(2);
    expect(overdue.filter((i) => i.payment_state === "partly paid").length).toBeGreaterThanOrEqual(1);
    expect(issued.filter((i) => i.payment_state === "unpaid" && String(i.due_date) >= DEMO_TODAY).length).toBeGreaterThanOrEqual(1);
    expect(invoices.filter((i) => i.status === "draft").length).toBeGreaterThanOrEqual(2);
    // Several tax rates on one invoice, for the print form's tax-per-rate table.
    expect(byTable("invoices").some((i) => new Set((i.values.items as Row[]).map((l) => l.tax_rate)).size >= 2)).toBe(true);
  });

  it("issue invoices on a contract to its client, in its currency, with its prices", () => {
    const contracts = new Map(byTable("contracts").map((c) => [`contracts/${c.ref}`, c]));
    const onContract = byTable("invoices").filter((i) => i.values.contract !== undefined);
    expect(onContract.length).toBeGreaterThanOrEqual(10);
    expect(byTable("invoices").length - onContract.length).toBeGreaterThanOrEqual(10);
    for (const invoice of onContract) {
      const contract = contracts.get(refOf(invoice.values.contract) ?? "") as SeedRecord;
      expect(refOf(invoice.values.client), invoice.ref).toBe(refOf(contract.values.client));
      expect(invoice.values.currency, invoice.ref).toBe(contract.values.currency);
      for (const line of invoice.values.items as Row[]) {
        const source = (contract.values.items as Row[]).find((l) => refOf(l.product) === refOf(line.product));
        expect(source, `${invoice.ref}: ${String(line.description)}`).toBeDefined();
        expect([line.price, line.tax_rate, line.discount], invoice.ref).toEqual([source?.price, source?.tax_rate, source?.discount]);
      }
    }
  });

  it("are the same on every call and never use Math.random", () => {
    const random = vi.spyOn(Math, "random");
    try {
      expect(demoRecords()).toEqual(records);
      expect(demoUsers()).toEqual(users);
      expect(random).not.toHaveBeenCalled();
    } finally {
      random.mockRestore();
    }
  });
});
