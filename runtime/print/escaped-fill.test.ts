// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import schema from "@seeds/schema.json";
import { DEFAULT_PRINT_TEMPLATES } from "@seeds/print-templates";
import { compileSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import { filledCleanly, fillsCleanly, printsOnlyEscaped } from "./escaped-fill";
import { renderTemplate, type PrintContext } from "./render-html";
import { cleanTemplate, sanitizeRenderedHtml } from "./sanitize";
import { DEFAULT_PAGE } from "./template";

const compiled = compileSchema(schema as unknown as WorkspaceSchema, 1);

// What a record's fields may hold when someone tries to get markup or script into a print.
const HOSTILE = [
  "<script>alert(1)</script>",
  '<img src="x" onerror="alert(2)">',
  "javascript:alert(3)",
  "jav&#x61;script:alert(4)",
  '" onmouseover="alert(5)',
  "' onfocus='alert(6)",
  '</td></tr></table><iframe src="file:///etc/passwd"></iframe>',
  "{{ 7 | times: 7 }}{% raw %}<b>",
  "//evil.example/x",
];

function context(record: Record<string, unknown>): PrintContext {
  return {
    record: { currency: "EUR", ...record },
    company: { name: "Firm", default_currency: "EUR", website: record.website },
    today: "2026-11-20",
    template: { id: "t", name: "Invoice", table: "invoices" },
  };
}

const dom = (html: string) => new DOMParser().parseFromString(html, "text/html");
const bodyOf = (html: string) => dom(html).body.innerHTML;

/** Nothing in the document that could run or fetch: no script or frame, no handler, no script URL. */
function expectInert(html: string) {
  const doc = dom(html);
  expect(doc.querySelectorAll("script, iframe, object, embed, link, base, form, meta:not([charset])").length).toBe(0);
  for (const el of doc.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      expect(attr.name, el.outerHTML).not.toMatch(/^on/i);
      if (/^(href|src|cite)$/i.test(attr.name)) expect(attr.value, el.outerHTML).not.toMatch(/^\s*(javascript|vbscript|file):|^\/\//i);
    }
  }
}

describe("printsOnlyEscaped", () => {
  it("accepts the shipped templates: control flow, variables and escaped output only", () => {
    for (const t of DEFAULT_PRINT_TEMPLATES) {
      // As saved: cleaned (templates.server.ts).
      const saved = cleanTemplate(t.html).html;
      expect(printsOnlyEscaped(saved), t.id).toBe(true);
      expect(fillsCleanly(saved), t.id).toBe(true);
    }
  });
  it("refuses whatever prints unescaped or writes markup of its own", () => {
    for (const text of [
      "<p>{{ record.notes | raw }}</p>",
      "<p>{{ record.notes|raw}}</p>",
      "{% echo record.notes | raw %}",
      "{% raw %}{{ x }}{% endraw %}",
      "{% tablerow x in record.items %}{{ x }}{% endtablerow %}",
      "{% liquid\necho record.notes\n%}",
      '{% include "x" %}',
      "{{ unclosed",
    ])
      expect(printsOnlyEscaped(text), text).toBe(false);
  });
  it("sends a part the sanitizer would change the old way", () => {
    expect(fillsCleanly("<p>{{ record.number }}</p>")).toBe(true);
    expect(fillsCleanly("<p onclick='x()'>{{ record.number }}</p>")).toBe(false);
    expect(fillsCleanly("<p>{{ record.number }}")).toBe(false);
  });
});

describe("filledCleanly", () => {
  it("passes balanced markup with allowed URLs", () => {
    expect(filledCleanly('<p><a href="https://a.ie/?x=1&amp;y=2">a</a><img src="data:image/png;base64,AA" alt=""><br></p>')).toBe(true);
    expect(filledCleanly('<a href="mailto:a@b.ie">m</a><a href="/relative">r</a>')).toBe(true);
  });
  it("fails a script URL, a protocol-relative one, an image from the network, and tags that do not pair up", () => {
    expect(filledCleanly('<a href="javascript:alert(1)">x</a>')).toBe(false);
    expect(filledCleanly('<a href=" JaVaScRiPt:alert(1)">x</a>')).toBe(false);
    expect(filledCleanly('<a href="jav&#x61;script:alert(1)">x</a>')).toBe(false);
    expect(filledCleanly('<a href="//evil.example">x</a>')).toBe(false);
    expect(filledCleanly('<img src="https://evil.example/x.png">')).toBe(false);
    expect(filledCleanly("<div><p>x</div>")).toBe(false);
    expect(filledCleanly("</div><p>x</p>")).toBe(false);
    expect(filledCleanly("<div>x")).toBe(false);
  });
});

describe("a filled-in print", () => {
  const PLAIN = {
    html: '<div class="t"><h1 title="{{ record.number }}">{{ record.number }}</h1><p>{{ record.notes }}</p><a href="{{ record.website }}">{{ record.website }}</a>{% if record.logo %}<img src="{{ record.logo }}" alt="">{% endif %}</div>',
    css: "",
    page: { ...DEFAULT_PAGE, header: '<span title="{{ record.notes }}">{{ record.notes }}</span>' },
  };
  // A field holding formatted text, printed as HTML on purpose.
  const RICH = {
    html: '<div class="t"><div class="notes">{{ record.notes | raw }}</div><a href="{{ record.website }}">site</a></div>',
    css: "",
    page: { ...DEFAULT_PAGE, footer: "<span>{{ record.notes | raw }}</span>" },
  };

  it("never lets a record's value bring script or markup, in plain or rich-text fields", () => {
    for (const value of HOSTILE)
      for (const template of [PLAIN, RICH]) {
        const record = { number: value, notes: value, website: value, logo: value };
        const doc = renderTemplate(template, [context(record)], { compiled });
        for (const html of [doc.html, doc.headerTemplate ?? "", doc.footerTemplate ?? ""]) {
          expectInert(html);
          expect(html).not.toMatch(/<script|<iframe/i);
        }
      }
  });

  it("keeps plain values as text and allowed markup of rich text", () => {
    const record = { number: "<b>1</b>", notes: '<b>bold</b><img src="x" onerror="alert(1)">', website: "https://firm.ie" };
    const plain = renderTemplate(PLAIN, [context(record)], { compiled });
    expect(dom(plain.html).querySelector("h1")!.textContent).toBe("<b>1</b>");
    expect(dom(plain.html).querySelector("a")!.getAttribute("href")).toBe("https://firm.ie");
    const rich = renderTemplate(RICH, [context(record)], { compiled });
    expect(dom(rich.html).querySelector(".notes")!.innerHTML).toBe('<b>bold</b><img src="x">');
  });

  it("drops a script URL assembled by Liquid, as sanitizing the whole document did", () => {
    const doc = renderTemplate(PLAIN, [context({ website: "javascript:alert(1)" })], { compiled });
    expect(dom(doc.html).querySelector("a")!.hasAttribute("href")).toBe(false);
    const split = renderTemplate(
      { ...PLAIN, html: '<a href="{% if record.number %}java{% endif %}script:alert(1)">x</a>' },
      [context({ number: "1" })],
      { compiled },
    );
    expect(dom(split.html).querySelector("a")!.hasAttribute("href")).toBe(false);
  });

  it("keeps a raw block from writing Liquid source into an attribute", () => {
    const html = '<a title="{% raw %}{{ &quot; onclick=&quot;alert(1) }}{% endraw %}">x</a>';
    const doc = renderTemplate({ ...PLAIN, html: html.replaceAll("&quot;", '"') }, [context({})], { compiled });
    expectInert(doc.html);
    expect(doc.html).not.toMatch(/onclick=/);
  });

  it("is the document sanitizing it after filling gave, for the shipped templates and hostile values", () => {
    for (const template of DEFAULT_PRINT_TEMPLATES)
      for (const value of HOSTILE) {
        const party = { name: value, address_line1: value, city: value, email: value, tax_id: value };
        const record = {
          number: value,
          date: "2026-03-02",
          client: party,
          contract: { number: value },
          notes: value,
          items: [{ description: value, product: { name: value, sku: value }, quantity: 1, unit: value, price: 10, tax_rate: 23 }],
          tax_summary: { rows: [{ rate: 23, net: 10, tax: 2.3 }], net: 10, tax: 2.3, gross: 12.3 },
          payments: [{ date: "2026-04-20", amount: 12.3, method: value, currency: "EUR" }],
        };
        const c = { ...context(record), company: { name: value, legal_name: value, website: value, signature: { src: value } } };
        const doc = renderTemplate({ ...template, html: cleanTemplate(template.html).html }, [c], { compiled });
        expectInert(doc.html);
        expect(bodyOf(doc.html), template.id).toBe(bodyOf(sanitizeRenderedHtml(doc.html)));
        expect(bodyOf(doc.footerTemplate!), template.id).toBe(bodyOf(sanitizeRenderedHtml(doc.footerTemplate!)));
      }
  });
});
