import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTranslator } from "@runtime/i18n/translator";
import { chipElement, chipLabel, parseOutputTag, previewHtml } from "./chips";
import { fieldPathOptions } from "./field-paths";
import { designerHtmlFrom } from "./import-html";
import { defaultCompiled } from "./test-support";
import { INVOICE_TEMPLATE } from "@seeds/print-templates/invoice";
import { lineItemsHtml } from "./line-items";

const options = fieldPathOptions(defaultCompiled, "invoices");

describe("Field chips", () => {
  it("reads an output tag apart", () => {
    expect(parseOutputTag('{{ record.number | default: "—" }}')).toEqual({
      expression: 'record.number | default: "—"',
      path: "record.number",
    });
    expect(parseOutputTag("{{- company.iban -}}")).toEqual({ expression: "company.iban", path: "company.iban" });
    expect(parseOutputTag('{{ "x" }}')?.path).toBeNull();
    expect(parseOutputTag("not a tag")).toBeNull();
  });

  it("labels chips readably instead of showing the tag", () => {
    expect(chipLabel("record.client.name", options)).toBe("Client › Name");
    expect(chipLabel("record.due_date | date", options)).toBe("Invoice › Due date");
    expect(chipLabel("record.total | amount_in_words: record.currency", options)).toBe("Invoice › Total (in words)");
    expect(chipLabel("company.iban", options)).toBe("Company › IBAN / account number");
    expect(chipLabel("record.gone_field", options)).toBe("Gone field");
  });

  it("stores a chip as an element that keeps the whole expression, escaped", () => {
    expect(chipElement('record.number | default: "—"', options)).toBe(
      '<span data-tpl-field="record.number | default: &quot;—&quot;" class="tpl-chip">Invoice › Number</span>',
    );
  });

  it("previews logic as badges and output as chips, never raw braces", () => {
    const html = previewHtml('{% if record.status == "draft" %}<b>{{ record.number }}</b>{% endif %}', options);
    expect(html).toBe(
      '<span class="tpl-logic">if Invoice › Status == &quot;draft&quot;</span><b><span class="tpl-chip">Invoice › Number</span></b><span class="tpl-logic">endif</span>',
    );
    expect(html).not.toMatch(/\{\{|\{%/);
    // The canvas must not fetch "{{ company.logo.src }}" as a URL.
    expect(previewHtml('<img src="{{ company.logo.src }}" alt="">', options)).toBe('<img src="" alt="">');
  });
});

describe("opening HTML written outside the designer", () => {
  it("keeps every Liquid block whole and turns plain output tags into chips", () => {
    const html = designerHtmlFrom(
      '<div class="a"><p>No. {{ record.number }}</p>{% if record.notes %}<p>{{ record.notes }}</p>{% endif %}</div><table><tbody>{% for line in record.items %}<tr><td>{{ line.price }}</td></tr>{% endfor %}</tbody></table>',
      options,
    );
    expect(html).toContain('<div class="a"><p>No. <span data-tpl-field="record.number" class="tpl-chip">Invoice › Number</span></p>');
    expect(html).toContain('<div data-tpl-raw="{% if record.notes %}&lt;p&gt;{{ record.notes }}&lt;/p&gt;{% endif %}"></div>');
    expect(html).toContain('<div data-tpl-raw="&lt;table&gt;&lt;tbody&gt;{% for line in record.items %}');
  });

  it("splits the shipped invoice so that its plain parts are editable", () => {
    const html = designerHtmlFrom(INVOICE_TEMPLATE.html, options);
    expect(html).toContain('data-tpl-field="record.due_date | date"');
    // Every Liquid logic tag is inside a raw block's attribute, none loose in the markup.
    const outside = html.replace(/data-tpl-raw="[^"]*"/g, "").replace(/data-tpl-field="[^"]*"/g, "");
    expect(outside).not.toMatch(/\{%|\{\{/);
  });

  it("turns what the designer exported back into its own blocks", () => {
    const lines = lineItemsHtml(
      { list: "items", numbered: true, columns: [{ path: "line.price", label: "Price", kind: "money" }] },
      'id="t1"',
    );
    const image = '{% if company.logo.src %}<img id="i9" class="tpl-image" src="{{ company.logo.src }}" alt="">{% endif %}';
    const html = designerHtmlFrom(`<p>A</p>${lines}${image}`, options);
    expect(html).toBe(
      `<p>A</p><table class="tpl-lines" id="t1" data-tpl-lines="${/data-tpl-lines="([^"]*)"/.exec(lines)![1]}"></table><span data-tpl-image="company.logo"></span>`,
    );
  });
});

describe("a translated word's chip", () => {
  it("reads as the English words, placeholders as …", () => {
    expect(chipLabel('"print.invoice" | t', [])).toBe("Invoice");
    expect(chipLabel('"print.pageOf" | t: pageNumber, totalPages', [])).toBe("Page … of …");
    expect(chipLabel('"print.nonsense" | t', [])).toBe('"print.nonsense" | t');
  });

  it("reads in the designer's language when it has one", () => {
    const messages = JSON.parse(fs.readFileSync(path.resolve("locales/sv.json"), "utf8")) as Record<string, unknown>;
    const { t } = createTranslator({ language: "sv", locale: "sv-SE", messages });
    const words = (key: string, values?: Record<string, unknown>) => t(key, values ?? {});
    expect(chipLabel('"print.invoice" | t', [], words)).toBe("Faktura");
    expect(chipLabel('"print.pageOf" | t: pageNumber, totalPages', [], words)).toMatch(/…/);
    expect(chipLabel("record.total | amount_in_words: record.currency", [], words)).toBe("Total (i ord)");
  });
});
