import { TYPE } from "../component-types";
import type { PrintPlugin } from "./options";

/** Starts a new page in the PDF (the designer's base CSS breaks after it); a dashed red line in the canvas. */
export const pageBreak: PrintPlugin = (editor, { words: t }) => {
  editor.Components.addType(TYPE.pageBreak, {
    isComponent: (el: HTMLElement) =>
      el.nodeType === 1 && el.classList?.contains("tpl-page-break") ? { type: TYPE.pageBreak, components: [] } : false,
    model: {
      defaults: {
        tagName: "div",
        name: t("printDesigner.types.pageBreak"),
        droppable: false,
        editable: false,
        classes: ["tpl-page-break"],
      },
    },
  });
};
