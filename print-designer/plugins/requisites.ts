import type { ComponentDefinition } from "grapesjs";
import { requisitesContent } from "../block-content";
import { TYPE } from "../component-types";
import type { PrintPlugin } from "./options";

/** The own company's name, address, tax and bank details, one labelled line each. */
export const requisites: PrintPlugin = (editor, { schema, words: t }) => {
  editor.Components.addType(TYPE.requisites, {
    model: {
      // A function, so that every new element gets children of its own.
      defaults: () => ({
        tagName: "div",
        name: t("printDesigner.types.requisites"),
        classes: ["tpl-requisites"],
        components: requisitesContent(schema.fieldOptions) as ComponentDefinition[],
      }),
    },
  });
};
