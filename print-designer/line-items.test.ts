import { describe, expect, it } from "vitest";
import { renderLiquid } from "@runtime/print/render-html";
import { templateProblems } from "@runtime/print/references";
import { DEFAULT_PAGE } from "@runtime/print/template";
import { lineListOptions } from "./field-paths";
import { defaultColumns, lineItemsHtml, parseLineItemsHtml, type LineItemsConfig } from "./line-items";
import { defaultCompiled } from "./test-support";

const items = lineListOptions(defaultCompiled, "invoices").find((l) => l.list === "items")!;

describe("the Line-items table", () => {
  const config: LineItemsConfig = {
    list: "items",
    numbered: true,
    columns: [
      { path: "line.description", label: "Description", kind: "text" },
      { path: "line.quantity", label: "Qty", kind: "number" },
      { path: "line.price", label: 'Price "net"', kind: "money" },
    ],
  };

  it("exports one loop over the list, the header in thead", () => {
    const html = lineItemsHtml(config);
    expect(html).toContain(
      '<thead><tr><th class="pos">#</th><th>Description</th><th class="num">Qty</th><th class="num">Price &quot;net&quot;</th></tr></thead>',
    );
    expect(html).toContain(
      '<tbody>{% for line in record.items %}<tr><td class="pos">{{ forloop.index }}</td><td>{{ line.description }}</td><td class="num">{{ line.quantity | number }}</td><td class="num">{{ line.price | money }}</td></tr>{% endfor %}</tbody>',
    );
    expect(html.match(/\{% for /g)).toHaveLength(1);
    expect(html.match(/\{% endfor %\}/g)).toHaveLength(1);
  });

  it("reads back exactly what it exported", () => {
    expect(parseLineItemsHtml(lineItemsHtml(config))).toEqual(config);
    expect(parseLineItemsHtml(`<div>${lineItemsHtml(config, 'id="ix2"')}</div>`)).toEqual(config);
    expect(parseLineItemsHtml("<table><tr><td>x</td></tr></table>")).toBeNull();
  });

  it("never exports a path outside the row or a list name that could inject Liquid", () => {
    const html = lineItemsHtml({
      list: "items %}{{ evil",
      numbered: false,
      columns: [{ path: "record.secret", label: "x", kind: "text" }, ...config.columns],
    });
    expect(html).toContain("{% for line in record.itemsevil %}");
    expect(html).not.toContain("record.secret");
  });

  it("renders one row per line with formatted values", () => {
    const record = {
      currency: "EUR",
      items: [
        { description: "Setup <fast>", quantity: 2, price: 100 },
        { description: "Support", quantity: 1.5, price: 80 },
      ],
    };
    const out = renderLiquid(
      lineItemsHtml(config),
      { record, company: null, today: "2026-01-01", template: { id: "t", name: "t", table: "invoices" } },
      { compiled: defaultCompiled },
    );
    expect(out.match(/<tr>/g)).toHaveLength(3);
    expect(out).toContain("Setup &lt;fast&gt;");
    expect(out).toContain('<td class="pos">2</td><td>Support</td><td class="num">1.5</td>');
    expect(out).toMatch(/€80\.00/);
  });

  it("uses only fields the schema has, so the template has no problems", () => {
    const html = lineItemsHtml({ list: "items", numbered: false, columns: defaultColumns(items.columns) });
    expect(templateProblems({ table: "invoices", html, css: "", page: DEFAULT_PAGE }, defaultCompiled)).toEqual([]);
    expect(defaultColumns(items.columns).map((c) => c.path)).toEqual([
      "line.description",
      "line.quantity",
      "line.unit",
      "line.price",
      "line.discount",
      "line.tax_rate",
      "line.net",
      "line.gross",
    ]);
  });
});
