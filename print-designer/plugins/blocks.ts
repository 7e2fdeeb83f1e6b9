import type { ComponentDefinition } from "grapesjs";
import { paletteBlocks } from "../palette";
import type { PrintPlugin } from "./options";

/**
 * The palette's blocks in GrapesJS's block manager, so they can be dragged onto the page and
 * inserted by id (see commands.ts). GrapesJS draws none of them (`blockManager.custom`): the
 * designer screen lists them itself, before the editor has loaded.
 */
export const blocks: PrintPlugin = (editor, { schema }) => {
  for (const block of paletteBlocks(schema))
    editor.Blocks.add(block.id, { label: block.label, content: block.content as ComponentDefinition });
};
