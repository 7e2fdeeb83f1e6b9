// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import schema from "@seeds/schema.json";
import { DEFAULT_PRINT_TEMPLATES } from "@seeds/print-templates";
import { compileSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import { documentHtml, renderLiquid, renderTemplate, type PrintContext } from "./render-html";
import { cleanTemplate } from "./sanitize";

const compiled = compileSchema(schema as unknown as WorkspaceSchema, 1);
const shipped = (id: string) => DEFAULT_PRINT_TEMPLATES.find((t) => t.id === id)!;
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

function invoice(record: Record<string, unknown>): PrintContext {
  return {
    record: {
      number: "INV-2026-0042",
      currency: "EUR",
      date: "2026-03-02",
      total: 100,
      paid: 100,
      balance: 0,
      items: [],
      tax_summary: { rows: [], net: 0, tax: 0, gross: 0 },
      ...record,
    },
    company: { name: "Firm", legal_name: "Firm Ltd", registration_number: "CRO 1", tax_id: "IE1" },
    today: "2027-01-15",
    template: { id: "invoice", name: "Invoice", table: "invoices" },
  };
}

describe("the shipped print templates", () => {
  it("name the document on every page's footer, beside the page count", () => {
    const footer = (id: string, record: Record<string, unknown>) =>
      text(renderTemplate(shipped(id), [invoice(record)], { compiled }).footerTemplate!);
    expect(footer("invoice", {})).toContain("Invoice INV-2026-0042 · Page of");
    expect(footer("contract", { number: "CTR-2026-0007" })).toContain("Contract CTR-2026-0007 · Page of");
    expect(footer("receipt", {})).toContain("Receipt for invoice INV-2026-0042 · Page of");
    // A draft without a number only counts its pages.
    expect(footer("invoice", { number: null })).toMatch(/Firm Ltd · Reg\. no\. CRO 1 · VAT IE1 Page of $/);
  });

  it("date a receipt by the last payment, so a reprint next year shows the same date", () => {
    const payments = [
      { date: "2026-04-20", amount: 60, method: "transfer", currency: "EUR" },
      { date: "2026-03-10", amount: 40, method: "transfer", currency: "EUR" },
    ];
    const body = text(renderTemplate(shipped("receipt"), [invoice({ payments })], { compiled }).html);
    expect(body).toContain("Paid in full on 20 Apr 2026");
    expect(body).not.toContain("15 Jan 2027");
  });

  it("print the same document after they are sanitized, when saved and after Liquid ran", () => {
    const logo = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    const party = {
      name: "Acme & Sons <Ltd>",
      address_line1: "1 Quay St",
      city: "Cork",
      postcode: "T12",
      email: "a@acme.ie",
      tax_id: "IE9",
    };
    const line = {
      description: 'Consulting "senior"',
      product: { name: "Hour", sku: "H-1" },
      quantity: 2,
      unit: "h",
      price: 80,
      discount: 10,
    };
    const context = invoice({
      client: party,
      contract: { number: "CTR-1", date: "2026-01-05" },
      items: [
        { ...line, tax_rate: 23, net: 144, tax: 33.12, gross: 177.12 },
        { ...line, discount: 0, tax_rate: 13.5, net: 160, tax: 21.6, gross: 181.6 },
      ],
      tax_summary: { rows: [{ rate: 23, net: 144, tax: 33.12 }], net: 304, tax: 54.72, gross: 358.72 },
      payments: [{ date: "2026-04-20", amount: 100, method: "transfer", currency: "EUR" }],
      notes: "Thank you & see you <soon>",
    });
    context.company = {
      ...context.company,
      ...party,
      name: "Firm",
      logo: { src: logo },
      signature: { src: logo },
      website: "https://firm.ie",
    };
    const dom = (html: string) => new DOMParser().parseFromString(html, "text/html").body.innerHTML;
    for (const template of DEFAULT_PRINT_TEMPLATES) {
      const saved = cleanTemplate(template.html);
      expect(saved.misplacedLiquid).toEqual([]);
      const unsanitized = documentHtml([renderLiquid(template.html, context, { compiled })], template.css, template.page);
      const printed = renderTemplate({ ...template, html: saved.html }, [context], { compiled });
      expect(dom(printed.html), template.id).toBe(dom(unsanitized));
      expect(printed.html).toContain(logo);
    }
  });
});
