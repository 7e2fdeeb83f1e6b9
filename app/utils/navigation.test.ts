import { describe, expect, it } from "vitest";
import type { TableSchema, WorkspaceSchema } from "@runtime/schema/types";
import { buildNavigation, tableLabel, UNGROUPED_SECTION_KEY } from "./navigation";

const table = (extra: Partial<TableSchema>): TableSchema => ({ type: "object", "x-id": `t_${Math.random()}`, properties: {}, ...extra });

const workspace = (defs: Record<string, TableSchema>, groups?: WorkspaceSchema["x-groups"]): WorkspaceSchema => ({
  $schema: "https://json-schema.org/draft/2020-12/schema",
  "x-groups": groups,
  $defs: defs,
});

describe("tableLabel", () => {
  it("prefers the plural, then the title, then the key", () => {
    expect(tableLabel("invoices", table({ title: "Invoice", "x-plural": "Invoices" }))).toBe("Invoices");
    expect(tableLabel("invoices", table({ title: "Invoice" }))).toBe("Invoice");
    expect(tableLabel("invoices", table({}))).toBe("invoices");
  });
});

describe("buildNavigation", () => {
  it("orders sections by x-groups and tables by x-order", () => {
    const nav = buildNavigation(
      workspace(
        {
          invoices: table({ "x-plural": "Invoices", "x-group": "sales", "x-order": 2 }),
          contracts: table({ "x-plural": "Contracts", "x-group": "sales", "x-order": 1 }),
          clients: table({ "x-plural": "Clients", "x-group": "crm", "x-order": 1 }),
        },
        [
          { key: "crm", title: "Customers" },
          { key: "sales", title: "Sales" },
        ],
      ),
    );
    expect(nav).toEqual([
      { key: "crm", title: "Customers", tables: [{ key: "clients", label: "Clients" }] },
      {
        key: "sales",
        title: "Sales",
        tables: [
          { key: "contracts", label: "Contracts" },
          { key: "invoices", label: "Invoices" },
        ],
      },
    ]);
  });

  it("puts tables without x-order after ordered ones, alphabetically", () => {
    const nav = buildNavigation(
      workspace({ b: table({ title: "Beta" }), a: table({ title: "Alpha" }), z: table({ title: "Zed", "x-order": 1 }) }),
    );
    expect(nav[0].tables.map((t) => t.label)).toEqual(["Zed", "Alpha", "Beta"]);
  });

  it("leaves empty groups out and collects ungrouped or unknown-group tables last", () => {
    const nav = buildNavigation(
      workspace(
        {
          notes: table({ title: "Note" }),
          tasks: table({ title: "Task", "x-group": "nope" }),
          clients: table({ title: "Client", "x-group": "crm" }),
        },
        [
          { key: "empty", title: "Empty" },
          { key: "crm", title: "Customers" },
        ],
      ),
    );
    expect(nav.map((s) => s.key)).toEqual(["crm", UNGROUPED_SECTION_KEY]);
    expect(nav[1].title).toBe("Other");
    expect(nav[1].tables.map((t) => t.key)).toEqual(["notes", "tasks"]);
  });

  it("returns no sections for a workspace without tables", () => {
    expect(buildNavigation(workspace({}, [{ key: "crm", title: "Customers" }]))).toEqual([]);
  });
});
