import { describe, expect, it } from "vitest";
import { companyImageOptions, fieldPathOptions, fallbackLabel, lineListOptions, liquidOutput } from "./field-paths";
import { defaultCompiled } from "./test-support";

describe("field path options from the schema", () => {
  const options = fieldPathOptions(defaultCompiled, "invoices");
  const byPath = new Map(options.map((o) => [o.path, o]));

  it("offers the record's own fields with their kind", () => {
    expect(byPath.get("record.number")).toMatchObject({ label: "Number", group: "Invoice", filter: "text" });
    expect(byPath.get("record.due_date")).toMatchObject({ filter: "date" });
    expect(byPath.get("record.total")).toMatchObject({ filter: "money" }); // a formula with a money result
    expect(byPath.get("record.status")?.filter).toBe("option");
  });

  it("follows relations one level deep and labels them Client › Name", () => {
    expect(byPath.get("record.client.name")).toMatchObject({ label: "Client › Name", group: "Client" });
    expect(byPath.get("record.contract.date")?.filter).toBe("date");
    // Not two levels: a client's manager's fields are not offered.
    expect(options.some((o) => o.path.startsWith("record.client.manager."))).toBe(false);
    // A relation itself prints nothing readable: only its target's fields are offered.
    expect(byPath.has("record.client")).toBe(false);
  });

  it("offers the company's requisites but leaves its images to the image blocks", () => {
    expect(byPath.get("company.iban")).toMatchObject({ label: "Company › IBAN / account number", group: "Company" });
    expect(byPath.has("company.logo")).toBe(false);
    expect(companyImageOptions(defaultCompiled).map((o) => o.path)).toEqual(["company.logo", "company.signature"]);
  });

  it("offers today and nothing for an unknown table", () => {
    expect(byPath.get("today")?.filter).toBe("date");
    expect(fieldPathOptions(defaultCompiled, "nope")).toEqual([]);
  });

  it("lists the child tables a line-items table can repeat, without the link back", () => {
    const lists = lineListOptions(defaultCompiled, "invoices");
    const items = lists.find((l) => l.list === "items")!;
    expect(items.label).toBe("Invoice lines");
    expect(items.columns.map((c) => c.path)).toContain("line.price");
    expect(items.columns.map((c) => c.path)).toContain("line.product.sku");
    expect(items.columns.some((c) => c.path.startsWith("line.invoice"))).toBe(false);
  });

  it("offers the record's own lines first, for contracts too, where events come first in the schema", () => {
    expect(lineListOptions(defaultCompiled, "contracts")[0]).toMatchObject({ list: "items", label: "Contract lines" });
    expect(lineListOptions(defaultCompiled, "invoices")[0].list).toBe("items");
  });

  it("exports each kind with its formatting filter", () => {
    expect(liquidOutput("record.total", "money")).toBe("{{ record.total | money }}");
    expect(liquidOutput("record.due_date", "date")).toBe("{{ record.due_date | date }}");
    expect(liquidOutput("line.quantity", "number")).toBe("{{ line.quantity | number }}");
    expect(liquidOutput("record.status", "option")).toBe('{{ record.status | label: "status" }}');
    expect(liquidOutput("record.number", "text")).toBe("{{ record.number }}");
    expect(fallbackLabel("record.client.vat_no")).toBe("Client › Vat no");
  });
});
