import type { ComponentDefinition } from "grapesjs";
import { totalsContent } from "../block-content";
import { TYPE } from "../component-types";
import type { PrintPlugin } from "./options";

/** Net, tax and grand total of the record, each labelled, and the grand total in words. */
export const totals: PrintPlugin = (editor, { schema, words: t }) => {
  editor.Components.addType(TYPE.totals, {
    model: {
      // A function, so that every new element gets children of its own.
      defaults: () => ({
        tagName: "div",
        name: t("printDesigner.types.totals"),
        classes: ["tpl-totals"],
        components: totalsContent(schema.fieldOptions) as ComponentDefinition[],
      }),
    },
  });
};
