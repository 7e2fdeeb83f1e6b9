import { describe, expect, it } from "vitest";
import { expressionFor, formatOf, paletteBlocks } from "./editor";
import { companyImageOptions, fieldPathOptions, lineListOptions } from "./field-paths";
import { contentBoxPx } from "./page-size";
import { defaultCompiled } from "./test-support";
import { withBaseCss, withoutBaseCss } from "./starter";

const schema = {
  fieldOptions: fieldPathOptions(defaultCompiled, "invoices"),
  lineLists: lineListOptions(defaultCompiled, "invoices"),
  imageOptions: companyImageOptions(defaultCompiled),
};

describe("Field chip formats", () => {
  const o = schema.fieldOptions;
  it("exports each format with its filter and reads it back", () => {
    expect(expressionFor("record.total", "auto", o)).toBe("record.total | money");
    expect(expressionFor("record.total", "words", o)).toBe("record.total | amount_in_words");
    expect(expressionFor("record.due_date", "long", o)).toBe('record.due_date | date: "long"');
    expect(expressionFor("record.due_date", "plain", o)).toBe("record.due_date");
    for (const f of ["auto", "words", "long", "plain"] as const)
      expect(formatOf(expressionFor("record.due_date", f, o), o)).toBe(f === "auto" ? "auto" : f);
    expect(formatOf('record.number | default: "—"', o)).toBe("custom");
  });
});

describe("the palette", () => {
  const blocks = paletteBlocks(schema);
  const byId = new Map(blocks.map((b) => [b.id, b]));

  it("offers our blocks for an invoice template", () => {
    expect(blocks.map((b) => b.id)).toEqual([
      "text",
      "heading",
      "field",
      "columns-2",
      "columns-3",
      "lines",
      "totals",
      "requisites",
      "image-company.logo",
      "image-company.signature",
      "page-break",
    ]);
  });

  it("sums net, tax and total and writes the total in words", () => {
    const json = JSON.stringify(byId.get("totals")!.content);
    expect(json).toContain('"expression":"record.net_total | money"');
    expect(json).toContain('"expression":"record.total | amount_in_words"');
  });

  it("starts the line-items table on the invoice lines", () => {
    expect(byId.get("lines")!.content).toMatchObject({ type: "tpl-lines", config: { list: "items", numbered: true } });
  });

  it("leaves out blocks a table cannot use", () => {
    const product = paletteBlocks({
      fieldOptions: fieldPathOptions(defaultCompiled, "product_categories"),
      lineLists: lineListOptions(defaultCompiled, "product_categories"),
      imageOptions: [],
    });
    expect(product.map((b) => b.id)).not.toContain("totals");
  });
});

describe("page size and base CSS", () => {
  it("sizes the canvas to the printable area", () => {
    expect(contentBoxPx({ size: "A4", orientation: "portrait", margins: { top: 10, right: 10, bottom: 10, left: 10 } })).toEqual({
      width: 718,
      height: 1047,
    });
    expect(contentBoxPx({ size: "Letter", orientation: "landscape", margins: { top: 0, right: 0, bottom: 0, left: 0 } }).width).toBe(1056);
  });
  it("adds the designer's base CSS once, however often a template is saved", () => {
    const once = withBaseCss("p { color: red; }");
    expect(withBaseCss(once)).toBe(once);
    expect(withoutBaseCss(once)).toBe("p { color: red; }");
  });
});
