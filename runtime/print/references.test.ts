import { describe, expect, it } from "vitest";
import schema from "@seeds/schema.json";
import { DEFAULT_PRINT_TEMPLATES } from "@seeds/print-templates";
import { compileSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import { renameFieldInTemplate, renameRecordReference, templateProblems } from "./references";
import { DEFAULT_PAGE } from "./template";

const ws = schema as unknown as WorkspaceSchema;
const compiled = compileSchema(ws, 1);
const tpl = (html: string) => ({ table: "invoices", html, css: "", page: DEFAULT_PAGE });

/** The default schema with one field renamed (same id: a rename, not drop + add). */
function withRename(table: string, from: string, to: string) {
  const copy = structuredClone(ws);
  const props = copy.$defs[table].properties;
  props[to] = props[from];
  delete props[from];
  return compileSchema(copy, 2);
}

describe("templateProblems", () => {
  it("finds nothing wrong in the shipped templates", () => {
    for (const t of DEFAULT_PRINT_TEMPLATES) expect(templateProblems(t, compiled), t.id).toEqual([]);
  });
  it("flags fields the schema does not have, through relations, loops and the company", () => {
    const problems = templateProblems(
      tpl(`{{ record.po_number }} {{ record.client.vat_no }} {{ record.client.name }}
      {% for line in record.items %}{{ line.product.colour }}{{ line.net | money }}{% endfor %}
      {{ company.fax }} {{ record.items.size }} {{ record.tax_summary.net }} "{{ 'record.not_a_ref' }}"`),
      compiled,
    );
    expect(problems.map((p) => [p.table, p.field])).toEqual([
      ["invoices", "po_number"],
      ["clients", "vat_no"],
      ["products", "colour"],
      ["company", "fax"],
    ]);
    expect(problems[0].message).toMatch(/uses removed field "po_number"/);
  });
  it("ignores text outside Liquid tags", () => {
    expect(templateProblems(tpl("<p>record.nothing here</p>"), compiled)).toEqual([]);
  });
});

describe("following a rename", () => {
  it("rewrites record.<key> in Liquid tags only, whole keys only", () => {
    const html = "record.due_date {{ record.due_date | date }} {{ record.due_date_x }} {% if record.due_date %}x{% endif %}";
    expect(renameRecordReference(html, "due_date", "pay_by")).toBe(
      "record.due_date {{ record.pay_by | date }} {{ record.due_date_x }} {% if record.pay_by %}x{% endif %}",
    );
  });
  it("rewrites references reached through relations and loop variables, and nothing else", () => {
    const after = withRename("products", "sku", "article_no");
    const t = tpl(`{% for line in record.items %}{{ line.product.sku }}{% endfor %}{{ record.client.sku }}`);
    expect(templateProblems(t, after).map((p) => p.field)).toEqual(["sku", "sku"]);
    const renamed = renameFieldInTemplate(t, after, "products", "sku", "article_no");
    expect(renamed.html).toBe(`{% for line in record.items %}{{ line.product.article_no }}{% endfor %}{{ record.client.sku }}`);
    const invoice = DEFAULT_PRINT_TEMPLATES.find((d) => d.id === "invoice")!;
    const afterDue = withRename("invoices", "due_date", "pay_by");
    expect(templateProblems(invoice, afterDue).length).toBeGreaterThan(0);
    expect(templateProblems(renameFieldInTemplate(invoice, afterDue, "invoices", "due_date", "pay_by"), afterDue)).toEqual([]);
  });
});
