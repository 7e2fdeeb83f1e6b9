import type { ComponentDefinition } from "grapesjs";
import { columnsContent } from "../block-content";
import { TYPE } from "../component-types";
import type { PrintPlugin } from "./options";

/**
 * Columns side by side (the base CSS makes them a flex row). Like Totals and Company requisites,
 * the type is made only by its block, never read from HTML: a template opened from its HTML keeps
 * plain boxes, as before these types existed.
 */
export const columns: PrintPlugin = (editor, { words: t }) => {
  editor.Components.addType(TYPE.column, {
    model: { defaults: { tagName: "div", name: t("printDesigner.types.column"), classes: ["tpl-column"] } },
  });
  editor.Components.addType(TYPE.columns, {
    model: {
      // A function, so that every new element gets children of its own.
      defaults: () => ({
        tagName: "div",
        name: t("printDesigner.types.columns"),
        classes: ["tpl-columns"],
        components: columnsContent(2) as ComponentDefinition[],
      }),
    },
  });
};
