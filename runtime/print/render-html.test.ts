import { describe, expect, it } from "vitest";
import schema from "@seeds/schema.json";
import { compileSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import { liquidSyntaxError, renderLiquid, renderTemplate, type PrintContext } from "./render-html";
import { DEFAULT_PAGE } from "./template";

const compiled = compileSchema(schema as unknown as WorkspaceSchema, 1);

function context(record: Record<string, unknown>): PrintContext {
  return {
    record: { currency: "EUR", ...record },
    company: { name: "Firm", default_currency: "EUR" },
    today: "2026-11-20",
    template: { id: "t", name: "Invoice", table: "invoices" },
  };
}
const render = (text: string, record: Record<string, unknown> = {}) => renderLiquid(text, context(record), { compiled });

describe("renderLiquid", () => {
  it("prints data as text: markup in a record is escaped", () => {
    const out = render("<p>{{ record.client.name }}</p>", { client: { name: "<script>alert(1)</script>" } });
    expect(out).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
  });
  it("gives no access to prototypes or anything outside the data", () => {
    expect(
      render("[{{ record.constructor }}][{{ record.constructor.constructor }}][{{ constructor.constructor }}][{{ record.__proto__ }}]"),
    ).toBe("[][][][]");
    expect(render("[{{ record.items.size }}]{% for x in record.items %}{{ x.toString }}{% endfor %}", { items: [{}] })).toBe("[1]");
    expect(render("[{{ process.env.HOME }}][{{ global }}]")).toBe("[][]");
  });
  it("refuses unknown filters and file system includes", () => {
    expect(liquidSyntaxError("{{ record.x | shell }}")).toMatch(/shell/);
    expect(() => render('{% include "/etc/passwd" %}')).toThrow();
    expect(liquidSyntaxError("{% if %}")).toMatch(/line:1/);
    expect(liquidSyntaxError("{{ record.number }}")).toBeNull();
  });
  it("formats money in the record's currency, dates, numbers, percent, labels and words", () => {
    const r = { total: 1234.56, date: "2026-07-31", unit: "h", quantity: 1.5, rate: 13.5, status: "issued" };
    expect(render("{{ record.total | money }}", r)).toBe("€1,234.56");
    expect(render('{{ record.total | money: "USD" }}', r)).toBe("US$1,234.56");
    expect(render("{{ record.date | date }}|{{ record.date | date: 'long' }}", r)).toBe("31 Jul 2026|31 July 2026");
    expect(render("{{ record.quantity | number }}|{{ record.quantity | number: 2 }}", r)).toBe("1.5|1.50");
    expect(render("{{ record.rate | percent }}", r)).toBe("13.5%");
    expect(render('{{ record.unit | label: "unit" }}|{{ record.status | label }}', r)).toBe("hour|Issued");
    expect(render("{{ record.total | amount_in_words }}", r)).toBe("One thousand two hundred thirty-four euros and 56 cents");
    expect(render("{{ record.missing | money }}", r)).toBe("");
  });
  it("prints a value through its field's kind with display, found by the field's name", () => {
    const r = { status: "issued", due_date: "2026-07-31" };
    expect(render('{{ record.status | display: "status" }}', r)).toBe("Issued");
    expect(render('{{ record.due_date | display: "invoices.due_date" }}', r)).toBe(render("{{ record.due_date | date }}", r));
    expect(render('{{ record.status | display: "no_such_field" }}|{{ record.missing | display: "status" }}', r)).toBe("issued|");
  });
  it("fills page numbers into header and footer and escapes CSS that tries to close its element", () => {
    const doc = renderTemplate(
      {
        html: "<b>{{ record.number }}</b>",
        css: "b{color:red}</style><script>x</script>",
        page: { ...DEFAULT_PAGE, footer: "{{ record.number }} {{ pageNumber }}/{{ totalPages }}" },
      },
      [context({ number: "INV-1" }), context({ number: "INV-2" })],
      { compiled },
    );
    expect(doc.footerTemplate).toContain('INV-1 <span class="pageNumber"></span>/<span class="totalPages"></span>');
    expect(doc.html).toContain("<b>INV-1</b>");
    expect(doc.html).toContain("<b>INV-2</b>");
    expect(doc.html.match(/<\/style>/g)).toHaveLength(2);
    // Removing what closes the element once would rebuild it from the pieces around it.
    const nested = renderTemplate(
      { html: "<b>x</b>", css: 'b{content:"<"}</sty</stylele><link rel="prefetch" href="http://10.0.0.1/"><style>', page: DEFAULT_PAGE },
      [context({ number: "INV-1" })],
      { compiled },
    );
    expect(nested.html.match(/<\/?style>/g)).toEqual(["<style>", "</style>", "<style>", "</style>"]);
    expect(nested.html).not.toContain("<link");
    expect(nested.html).toContain('b{content:"\\3c "}');
  });
  it("sanitizes what Liquid made: a tag split by Liquid, and record data printed raw", () => {
    const doc = renderTemplate(
      {
        html: '<ifr{%if true%}{%endif%}ame src="file:///etc/passwd"></iframe><p>{{ record.notes | raw }}</p>',
        css: "",
        page: { ...DEFAULT_PAGE, header: "<span>{{ record.notes | raw }}</span>" },
      },
      [context({ notes: '<img src="x" onerror="alert(1)">Call <a href="jav&#x61;script:alert(2)">us</a>' })],
      { compiled },
    );
    for (const html of [doc.html, doc.headerTemplate!]) {
      expect(html).not.toMatch(/iframe|passwd|onerror|alert/);
      expect(html).toContain("Call <a>us</a>");
    }
  });
});
