import type { PrintPlugin } from "./options";

/**
 * The elements GrapesJS ships (text and headings, boxes, tables): GrapesJS offers an HTML id and
 * title ("eg. Text here") on every one, meaningless on a printed page, and an id typed there could
 * clash with the one the style manager relies on. Runs before our own types, which extend the
 * default element and so start without them too.
 */
export const plainElements: PrintPlugin = (editor) => {
  const dc = editor.Components;
  for (const type of ["default", "text", "table", "row", "cell", "thead", "tbody", "tfoot"])
    if (dc.getType(type)) dc.addType(type, { model: { defaults: { traits: [] } } });
};
