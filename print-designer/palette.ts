import { TYPE } from "./component-types";
import { columnsContent, requisitesContent, totalsContent, type ElementDefinition } from "./block-content";
import type { DesignerSchema } from "./designer-schema";
import { labelInGroup } from "./field-paths";
import type { Words } from "@runtime/i18n/words";
import { english } from "./words";
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
export function paletteBlocks(schema: DesignerSchema, t: Words = english): PaletteBlock[] {
  const o = schema.fieldOptions;
  const block = (id: string, words: string, content: ElementDefinition): PaletteBlock => ({
    id,
    label: t(`printDesigner.blocks.${words}`),
    hint: t(`printDesigner.blocks.${words}Hint`),
    content,
  });
  // A new Text or Heading starts with its own name, for the admin to type over.
  const blocks: PaletteBlock[] = [
    block("text", "text", { type: "text", tagName: "p", components: t("printDesigner.blocks.text") }),
    block("heading", "heading", { type: "text", tagName: "h2", components: t("printDesigner.blocks.heading") }),
    block("field", "field", { type: TYPE.field }),
    block("columns-2", "columns2", { type: TYPE.columns }),
    block("columns-3", "columns3", { type: TYPE.columns, components: columnsContent(3) }),
  ];
  if (schema.lineLists.length) blocks.push(block("lines", "lines", { type: TYPE.lines }));
  if (totalsContent(o).length) blocks.push(block("totals", "totals", { type: TYPE.totals }));
  if (requisitesContent(o).length) blocks.push(block("requisites", "requisites", { type: TYPE.requisites }));
  for (const image of schema.imageOptions)
    blocks.push({
      id: `image-${image.path}`,
      label: labelInGroup(image),
      hint: t("printDesigner.blocks.imageHint", { image: image.label.toLowerCase() }),
      content: { type: TYPE.image, path: image.path },
    });
  blocks.push(block("page-break", "pageBreak", { type: TYPE.pageBreak }));
  return blocks;
}

/** Text-sized blocks stay where the admin clicked; tables and columns want the page's width. */
export function placementOf(content: ElementDefinition): BlockKind {
  if (content.type === TYPE.field || content.type === TYPE.image) return "inline";
  return content.type === "text" ? "block" : "wide";
}
