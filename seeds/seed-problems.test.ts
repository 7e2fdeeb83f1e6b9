import { describe, it, expect } from "vitest";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { seedProblems } from "./seed-problems";
import type { SeedRecord } from "./seed-record";

const schema: WorkspaceSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $defs: {
    clients: {
      type: "object",
      "x-id": "t_clients",
      properties: {
        name: { type: "string", "x-id": "f_c_name", "x-kind": "text", maxLength: 10 },
        status: { type: "string", "x-id": "f_c_status", "x-kind": "select", enum: ["lead", "active"] },
        manager: { type: "integer", "x-id": "f_c_manager", "x-kind": "relation", "x-target": "crm_users" },
      },
      required: ["name"],
    },
    invoices: {
      type: "object",
      "x-id": "t_invoices",
      properties: {
        client: { type: "integer", "x-id": "f_i_client", "x-kind": "relation", "x-target": "clients" },
        number: { type: "string", "x-id": "f_i_no", "x-kind": "autonumber", "x-pattern": "INV-{0000}" },
        total: { type: "number", "x-id": "f_i_total", "x-kind": "formula", "x-formula": "sum(items.amount)", "x-result": "money" },
      },
      required: ["client"],
    },
    invoice_items: {
      type: "object",
      "x-id": "t_items",
      properties: {
        invoice: {
          type: "integer",
          "x-id": "f_it_inv",
          "x-kind": "relation",
          "x-target": "invoices",
          "x-inverse": "items",
          "x-composition": true,
        },
        amount: { type: "number", "x-id": "f_it_amount", "x-kind": "money" },
      },
      required: ["invoice", "amount"],
    },
  },
};

const client: SeedRecord = {
  table: "clients",
  ref: "acme",
  values: { name: "Acme", status: "active", manager: { $ref: "crm_users/anna" } },
};

describe("seedProblems", () => {
  it("accepts well-formed records with nested composition children", () => {
    const invoice: SeedRecord = {
      table: "invoices",
      ref: "i1",
      values: { client: { $ref: "clients/acme" }, items: [{ amount: 12.5 }, { amount: 3 }] },
    };
    expect(seedProblems(schema, [client, invoice], [{ ref: "anna" }])).toEqual([]);
  });

  it("reports a reference to a record that comes later or does not exist", () => {
    const invoice: SeedRecord = { table: "invoices", ref: "i1", values: { client: { $ref: "clients/acme" } } };
    expect(seedProblems(schema, [invoice, client], [{ ref: "anna" }])).toEqual([
      `invoices/i1.client: "clients/acme" is not defined before it`,
    ]);
    expect(seedProblems(schema, [client])).toEqual([`clients/acme.manager: "crm_users/anna" is not defined before it`]);
  });

  it("reports a reference to the wrong table, an unknown key, a wrong type, a bad option, a long text", () => {
    const bad: SeedRecord = {
      table: "clients",
      ref: "bad",
      values: { name: "Much too long", status: "gone", manager: { $ref: "clients/acme" }, colour: "red" },
    };
    const problems = seedProblems(schema, [client, bad], [{ ref: "anna" }]);
    expect(problems).toHaveLength(4);
    expect(problems.join("\n")).toMatch(/points at clients, the field at crm_users/);
    expect(problems.join("\n")).toMatch(/"colour" is not a field of clients/);
    expect(problems.join("\n")).toMatch(/"gone" is not one of lead, active/);
    expect(problems.join("\n")).toMatch(/13 characters, at most 10/);
    const wrongType: SeedRecord = { table: "clients", ref: "n", values: { name: 42 } };
    expect(seedProblems(schema, [wrongType])).toEqual([`clients/n.name: expected string, got integer 42`]);
  });

  it("reports computed values, missing required fields, a parent key inside a child and duplicates", () => {
    const invoice: SeedRecord = {
      table: "invoices",
      ref: "i1",
      values: { number: "INV-0001", total: 5, items: [{ invoice: 1 }] },
    };
    const problems = seedProblems(schema, [client, invoice, { ...client }], [{ ref: "anna" }]);
    expect(problems).toEqual([
      `invoices/i1: required field "client" is missing`,
      `invoices/i1: "number" is computed by the server (autonumber)`,
      `invoices/i1: "total" is computed by the server (formula)`,
      `invoices/i1.items[0]: required field "amount" is missing`,
      `invoices/i1.items[0]: "invoice" is set by the parent and must not be given`,
      `clients/acme: defined twice`,
    ]);
  });
});
