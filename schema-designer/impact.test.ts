import { describe, expect, it } from "vitest";
import { describeImpact, impactOfFieldChange } from "./impact";
import { seedSchema } from "./test-schema";

const control = (id: string) => ({ type: "Control", scope: "#/properties/x", "x-field": id });

describe("impactOfFieldChange", () => {
  it("names the layouts, views, templates and formulas that refer to a field", () => {
    const schema = seedSchema();
    const impact = impactOfFieldChange({
      schema,
      table: "invoice_items",
      field: "net",
      layouts: {
        invoice_items: { type: "VerticalLayout", elements: [{ type: "Group", label: "Amounts", elements: [control("f_invitems_net")] }] },
        invoices: {
          type: "VerticalLayout",
          elements: [{ type: "RelatedList", list: "items", columns: ["f_invitems_description", "f_invitems_net"] }],
        },
        clients: { type: "VerticalLayout", elements: [control("f_clients_name")] },
      },
      views: [
        { id: "v1", name: "Big lines", tableId: "t_invoice_items", state: { sort: "-f_invitems_net" } },
        {
          id: "v2",
          name: "Filtered",
          tableId: "t_invoice_items",
          state: { filter: { and: [{ field: "f_invitems_net", op: "gt", value: 5 }] } },
        },
        { id: "v3", name: "Other", tableId: "t_invoice_items", state: { columns: ["f_invitems_description"] } },
        { id: "v4", name: "Wrong table", tableId: "t_clients", state: { columns: ["f_invitems_net"] } },
      ],
      templates: [
        { id: "p1", name: "invoice", table: "invoices", html: "{% for line in record.items %}{{ line.net }}{% endfor %}" },
        { id: "p2", name: "Reminder", table: "invoices", html: "{{ record.total }} {{ 'line.net' }}" },
      ],
    });
    expect(impact).toEqual({
      layouts: ["invoice_items", "invoices"],
      views: ["Big lines", "Filtered"],
      templates: ["invoice"],
      formulas: ["invoice_items.tax", "invoice_items.gross", "invoices.net_total"],
    });
  });

  it("finds direct record references in templates of the field's table", () => {
    const impact = impactOfFieldChange({
      schema: seedSchema(),
      table: "clients",
      field: "phone",
      layouts: {},
      views: [],
      templates: [
        { id: "p1", name: "Letter", table: "clients", html: "<p>{{ record.phone }}</p>" },
        { id: "p2", name: "Invoice", table: "invoices", html: "<p>{{ record.client.phone }}</p>" },
        { id: "p3", name: "Plain", table: "clients", html: "<p>record.phone</p>" },
      ],
    });
    expect(impact.templates).toEqual(["Letter", "Invoice"]);
  });
});

describe("describeImpact", () => {
  it("says it in one sentence", () => {
    expect(describeImpact({ layouts: ["a", "b"], views: ["v"], templates: ["invoice"], formulas: [] })).toBe(
      "used in 2 layouts, 1 saved view, the invoice template",
    );
    expect(describeImpact({ layouts: [], views: ["a", "b"], templates: ["A", "B template"], formulas: ["invoices.total"] })).toBe(
      "used in 2 saved views, 2 templates (A, B template), 1 formula (invoices.total)",
    );
    expect(describeImpact({ layouts: [], views: [], templates: ["Invoice template"], formulas: [] })).toBe("used in the Invoice template");
    expect(describeImpact({ layouts: [], views: [], templates: [], formulas: [] })).toMatch(/^not used/);
  });
});
