import { describe, expect, it } from "vitest";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { buildOverview, totalRecords } from "./workspace-overview";

const schema: WorkspaceSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  "x-groups": [{ key: "sales", title: "Sales" }],
  $defs: {
    clients: {
      type: "object",
      "x-id": "t_c",
      title: "Client",
      "x-plural": "Clients",
      "x-group": "sales",
      "x-order": 1,
      properties: {
        name: { type: "string", "x-id": "f_c_name", "x-kind": "text", title: "Name" },
      },
      required: ["name"],
    },
    invoices: {
      type: "object",
      "x-id": "t_i",
      title: "Invoice",
      "x-group": "sales",
      "x-order": 2,
      description: "Bills we send",
      properties: {
        number: { type: "string", "x-id": "f_i_no", "x-kind": "autonumber", "x-pattern": "INV-{0000}" },
        client: { type: "integer", "x-id": "f_i_c", "x-kind": "relation", "x-target": "clients", title: "Client" },
        owner: { type: "integer", "x-id": "f_i_o", "x-kind": "relation", "x-target": "crm_users", title: "Owner" },
        total: { type: "number", "x-id": "f_i_t", "x-kind": "formula", "x-formula": "sum(items.amount)", title: "Total" },
      },
    },
  },
};

describe("buildOverview", () => {
  const sections = buildOverview(schema, { clients: 3, invoices: 5 });
  const [clients, invoices] = sections[0].tables;

  it("keeps navigation order and carries counts and descriptions", () => {
    expect(sections.map((s) => s.title)).toEqual(["Sales"]);
    expect([clients.label, clients.recordCount]).toEqual(["Clients", 3]);
    expect([invoices.label, invoices.recordCount, invoices.description]).toEqual(["Invoice", 5, "Bills we send"]);
  });

  it("labels fields, falling back to the key, and marks required ones", () => {
    expect(clients.fields).toEqual([{ key: "name", label: "Name", kind: "text", required: true }]);
    expect(invoices.fields[0]).toMatchObject({ key: "number", label: "number", required: false, expression: "INV-{0000}" });
  });

  it("names relation targets by their label, the built-in users table included", () => {
    expect(invoices.fields[1].target).toEqual({ key: "clients", label: "Clients", onOverview: true });
    expect(invoices.fields[2].target).toEqual({ key: "crm_users", label: "Users", onOverview: false });
  });

  it("shows a formula's expression", () => {
    expect(invoices.fields[3].expression).toBe("sum(items.amount)");
  });

  it("reports a missing count as null and sums the known ones", () => {
    const partial = buildOverview(schema, { invoices: 5 });
    expect(partial[0].tables[0].recordCount).toBeNull();
    expect(totalRecords(partial)).toBe(5);
    expect(totalRecords(sections)).toBe(8);
  });
});
