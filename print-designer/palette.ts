import { TYPE } from "./component-types";
import { columnsContent, requisitesContent, totalsContent, type ElementDefinition } from "./block-content";
import type { DesignerSchema } from "./designer-schema";
import type { BlockKind } from "./insertion-point";

/** A block of the palette: what it is called and what it adds. */
export interface PaletteBlock {
  id: string;
  label: string;
  hint: string;
  /** Where possible only `{ type }`: the component type knows its first content. */
  content: ElementDefinition;
}

/** The blocks a template of this table can use; those it cannot (no lines, no totals) are left out. */
export function paletteBlocks(schema: DesignerSchema): PaletteBlock[] {
  const o = schema.fieldOptions;
  const blocks: PaletteBlock[] = [
    { id: "text", label: "Text", hint: "A paragraph you type in", content: { type: "text", tagName: "p", components: "Text" } },
    { id: "heading", label: "Heading", hint: "A title", content: { type: "text", tagName: "h2", components: "Heading" } },
    { id: "field", label: "Field", hint: "A value of the record, a related record or the company", content: { type: TYPE.field } },
    { id: "columns-2", label: "2 columns", hint: "Side by side", content: { type: TYPE.columns } },
    { id: "columns-3", label: "3 columns", hint: "Three side by side", content: { type: TYPE.columns, components: columnsContent(3) } },
  ];
  if (schema.lineLists.length)
    blocks.push({ id: "lines", label: "Line items", hint: "A table with one row per line", content: { type: TYPE.lines } });
  if (totalsContent(o).length)
    blocks.push({ id: "totals", label: "Totals", hint: "Sums and the amount in words", content: { type: TYPE.totals } });
  if (requisitesContent(o).length)
    blocks.push({
      id: "requisites",
      label: "Company requisites",
      hint: "Name, address, tax and bank details",
      content: { type: TYPE.requisites },
    });
  for (const image of schema.imageOptions)
    blocks.push({
      id: `image-${image.path}`,
      label: image.label.replace(/^Company › /, ""),
      hint: `The ${image.label.toLowerCase()} from the company card`,
      content: { type: TYPE.image, path: image.path },
    });
  blocks.push({ id: "page-break", label: "Page break", hint: "Start a new page here", content: { type: TYPE.pageBreak } });
  return blocks;
}

/** Text-sized blocks stay where the admin clicked; tables and columns want the page's width. */
export function placementOf(content: ElementDefinition): BlockKind {
  if (content.type === TYPE.field || content.type === TYPE.image) return "inline";
  return content.type === "text" ? "block" : "wide";
}
