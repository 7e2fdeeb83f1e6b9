import { describe, expect, it } from "vitest";
import { totalsContent } from "./block-content";
import { companyImageOptions, fieldPathOptions, lineListOptions } from "./field-paths";
import { paletteBlocks, placementOf } from "./palette";
import { defaultCompiled } from "./test-support";

const schema = {
  fieldOptions: fieldPathOptions(defaultCompiled, "invoices"),
  lineLists: lineListOptions(defaultCompiled, "invoices"),
  imageOptions: companyImageOptions(defaultCompiled),
};

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
    expect(byId.get("totals")!.content).toEqual({ type: "tpl-totals" });
    const json = JSON.stringify(totalsContent(schema.fieldOptions));
    expect(json).toContain('"expression":"record.net_total | money"');
    expect(json).toContain('"expression":"record.total | amount_in_words"');
  });

  it("leaves what a block holds to its component type where it can", () => {
    expect(byId.get("lines")!.content).toEqual({ type: "tpl-lines" });
    expect(byId.get("field")!.content).toEqual({ type: "tpl-field" });
    expect(byId.get("image-company.signature")!.content).toEqual({ type: "tpl-image", path: "company.signature" });
  });

  it("leaves out blocks a table cannot use", () => {
    const product = paletteBlocks({
      fieldOptions: fieldPathOptions(defaultCompiled, "product_categories"),
      lineLists: lineListOptions(defaultCompiled, "product_categories"),
      imageOptions: [],
    });
    expect(product.map((b) => b.id)).not.toContain("totals");
  });

  it("keeps Fields and images in the text, paragraphs beside it, and gives the rest the page's width", () => {
    expect(Object.fromEntries(blocks.map((b) => [b.id, placementOf(b.content)]))).toEqual({
      text: "block",
      heading: "block",
      field: "inline",
      "columns-2": "wide",
      "columns-3": "wide",
      lines: "wide",
      totals: "wide",
      requisites: "wide",
      "image-company.logo": "inline",
      "image-company.signature": "inline",
      "page-break": "wide",
    });
  });
});
