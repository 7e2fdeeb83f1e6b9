import { isFormula, isRelation } from "@runtime/fields/structure";
import { describe, it, expect } from "vitest";
import { checkFormula, formulaScopeFor } from "@runtime/formula/index";
import { FIELD_KINDS, USERS_TABLE, type FieldSchema, type WorkspaceSchema } from "@runtime/schema/types";
import { describeProblems, validateWorkspaceSchema } from "@runtime/schema/validate-workspace";
import schemaJson from "./schema.json";

const schema = schemaJson as unknown as WorkspaceSchema;
const tables = Object.entries(schema.$defs);
const fieldsOf = (table: string) => Object.entries(schema.$defs[table].properties);
const field = (table: string, key: string): FieldSchema => schema.$defs[table].properties[key];

const JSON_TYPE_OF_RESULT = {
  integer: "integer",
  decimal: "number",
  money: "number",
  percent: "number",
  text: "string",
  boolean: "boolean",
  date: "string",
};

describe("seeds/schema.json", () => {
  it("passes the workspace schema check every submitted schema goes through", () => {
    const result = validateWorkspaceSchema(schemaJson);
    expect(result.ok ? "" : describeProblems(result.problems)).toBe("");
  });

  it("names every table and field with a stable readable x-id, a title, and tables with a plural, group, order and title field", () => {
    const ids = new Set<string>();
    const groups = new Set((schema["x-groups"] ?? []).map((g) => g.key));
    for (const [key, table] of tables) {
      expect(table["x-id"]).toBe(`t_${key}`);
      expect(table.title, key).toBeTruthy();
      expect(table["x-plural"], key).toBeTruthy();
      expect(groups.has(table["x-group"] ?? ""), key).toBe(true);
      expect(table["x-order"], key).toEqual(expect.any(Number));
      expect(table.properties[table["x-title-field"] ?? ""], key).toBeDefined();
      ids.add(table["x-id"]);
      for (const [fieldKey, f] of Object.entries(table.properties)) {
        expect(f["x-id"], `${key}.${fieldKey}`).toMatch(new RegExp(`^f_[a-z]+_${fieldKey}$`));
        expect(f.title, `${key}.${fieldKey}`).toBeTruthy();
        expect(FIELD_KINDS).toContain(f["x-kind"]);
        ids.add(f["x-id"]);
      }
      for (const required of table.required ?? []) expect(table.properties[required], `${key} requires ${required}`).toBeDefined();
    }
    const fieldCount = tables.reduce((n, [, t]) => n + Object.keys(t.properties).length, 0);
    expect(ids.size).toBe(tables.length + fieldCount);
  });

  it("has the tables of customers and contracts, grouped for navigation", () => {
    const byGroup = (group: string) =>
      tables
        .filter(([, t]) => t["x-group"] === group)
        .map(([k]) => k)
        .sort();
    expect(byGroup("crm")).toEqual(["campaigns", "clients", "contacts", "events", "leads", "notes", "tasks"]);
    expect(byGroup("service")).toEqual(["cases"]);
    expect(byGroup("sales")).toEqual(["contract_items", "contracts", "deals", "invoice_items", "invoices", "payments"]);
    expect(byGroup("catalog")).toEqual(["product_categories", "products"]);
    expect(byGroup("purchasing")).toEqual(["purchase_order_items", "purchase_orders", "suppliers"]);
    expect(byGroup("settings")).toEqual(["company"]);
  });

  it("points relations at existing tables, with unique related-list names per target", () => {
    const inverses = new Map<string, string[]>();
    for (const [key] of tables) {
      for (const [fieldKey, f] of fieldsOf(key)) {
        if (!isRelation(f)) continue;
        const target = f["x-target"] ?? "";
        expect(target === USERS_TABLE || target in schema.$defs, `${key}.${fieldKey}`).toBe(true);
        if (f["x-composition"]) expect(schema.$defs[key].required, `${key}.${fieldKey}`).toContain(fieldKey);
        if (f["x-inverse"]) inverses.set(target, [...(inverses.get(target) ?? []), f["x-inverse"]]);
      }
    }
    for (const [target, names] of inverses) expect(new Set(names).size, target).toBe(names.length);
    expect(inverses.get("clients")?.sort()).toEqual(["cases", "contacts", "contracts", "deals", "events", "invoices"]);
    expect(inverses.get("suppliers")?.sort()).toEqual(["products", "purchase_orders"]);
    expect(inverses.get("invoices")?.sort()).toEqual(["credit_notes", "items", "payments"]);
    expect(inverses.get("contracts")?.sort()).toEqual(["events", "invoices", "items"]);
  });

  it("has formulas that check out and whose JSON type matches their result", () => {
    const problems: string[] = [];
    for (const [key] of tables) {
      const scope = formulaScopeFor(schema, key);
      for (const [fieldKey, f] of fieldsOf(key)) {
        if (!isFormula(f)) continue;
        expect(f.type, `${key}.${fieldKey}`).toBe(JSON_TYPE_OF_RESULT[f["x-result"] ?? "text"]);
        for (const error of checkFormula(f["x-formula"] ?? "", scope)) problems.push(`${key}.${fieldKey}: ${error.message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("computes line amounts rounded per line and totals from the lines", () => {
    for (const lines of ["contract_items", "invoice_items"]) {
      expect(field(lines, "net")["x-formula"]).toBe("round(quantity * price * (1 - coalesce(discount, 0) / 100), 2)");
      expect(field(lines, "tax")["x-formula"]).toBe("round(net * coalesce(tax_rate, 0) / 100, 2)");
      expect(field(lines, "gross")["x-formula"]).toBe("net + tax");
    }
    for (const doc of ["contracts", "invoices"]) {
      expect(field(doc, "total")["x-formula"]).toBe("sum(items.gross)");
      expect(field(doc, "total")["x-currency-field"]).toBe("currency");
    }
    expect(field("invoices", "paid")["x-formula"]).toBe("sum(payments.amount)");
    expect(field("invoices", "balance")["x-formula"]).toBe("total - paid");
  });

  it("numbers invoices when first issued, by the invoice date's year; contracts on create", () => {
    const invoiceNumber = field("invoices", "number");
    expect(invoiceNumber["x-pattern"]).toBe("INV-{YYYY}-{0000}");
    expect(invoiceNumber["x-assign-when"]).toEqual({ field: "status", op: "eq", value: "issued" });
    expect(invoiceNumber["x-date-field"]).toBe("date");
    const contractNumber = field("contracts", "number");
    expect(contractNumber["x-pattern"]).toBe("CTR-{YYYY}-{0000}");
    expect(contractNumber["x-assign-when"]).toBeUndefined();
    for (const f of [invoiceNumber, contractNumber]) expect(f["x-unique"]).toBe(true);
  });

  it("indexes what lists filter and sort on and searches names, emails, phones and tax ids", () => {
    for (const key of ["name", "email", "phone", "tax_id"]) expect(field("clients", key)["x-searchable"], key).toBe(true);
    for (const key of ["status", "manager", "kind"]) expect(field("clients", key)["x-indexed"], key).toBe(true);
    for (const key of ["status", "date", "due_date", "client"]) expect(field("invoices", key)["x-indexed"], key).toBe(true);
  });

  it("gives the company card everything a printed form needs", () => {
    const company = schema.$defs.company.properties;
    for (const key of [
      "legal_name",
      "tax_id",
      "registration_number",
      "address_line1",
      "city",
      "postcode",
      "country",
      "bank_name",
      "iban",
      "bic",
      "signatory_name",
      "signatory_title",
    ]) {
      expect(["text", "select"], key).toContain(company[key]?.["x-kind"]);
    }
    expect(company.logo["x-kind"]).toBe("image");
    expect(company.signature["x-kind"]).toBe("image");
  });
});
