import type { Component } from "grapesjs";
import { sanitizeTemplateHtml } from "@runtime/print/sanitize";
import { previewHtml } from "../chips";
import { TYPE } from "../component-types";
import type { PrintPlugin } from "./options";
import { LIQUID_SOURCE_TRAIT } from "./traits";

/**
 * A part of an imported template that holds Liquid logic (`{% if %}`, `{% for %}`): opaque in the
 * canvas, previewed with chips and badges, edited as source in the panel, exported unchanged.
 */
export const liquidBlock: PrintPlugin = (editor, { schema, words: t }) => {
  editor.Components.addType(TYPE.liquid, {
    isComponent: (el: HTMLElement) =>
      el.nodeType === 1 && el.hasAttribute?.("data-tpl-raw")
        ? { type: TYPE.liquid, tagName: el.tagName.toLowerCase(), source: el.getAttribute("data-tpl-raw") ?? "", components: [] }
        : false,
    model: {
      defaults: {
        name: t("printDesigner.types.liquid"),
        droppable: false,
        editable: false,
        source: "",
        traits: [{ type: LIQUID_SOURCE_TRAIT, name: "source", label: t("printDesigner.traits.liquid"), changeProp: true }],
      },
      toHTML(this: Component) {
        return String(this.get("source") ?? "");
      },
    },
    view: {
      init(this: { model: Component; render(): void; listenTo(m: Component, e: string, f: () => void): void }) {
        this.listenTo(this.model, "change:source", () => this.render());
      },
      onRender(this: { el: HTMLElement; model: Component }) {
        this.el.innerHTML = sanitizeTemplateHtml(previewHtml(String(this.model.get("source") ?? ""), schema.fieldOptions, t));
        this.el.title = t("printDesigner.canvas.liquidTitle");
      },
    },
  });
};
