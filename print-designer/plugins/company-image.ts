import type { Component } from "grapesjs";
import { TYPE } from "../component-types";
import type { PrintPlugin } from "./options";
import { escapeAttr, ownAttributes } from "./own-attributes";

/**
 * An image of the company card (the logo, the signature): shown in the canvas as it is on the card
 * today, exported as `{% if company.logo.src %}<img …>{% endif %}` so a card without one prints nothing.
 */
export const companyImage: PrintPlugin = (editor, { schema, words: t }) => {
  editor.Components.addType(TYPE.image, {
    isComponent: (el: HTMLElement) =>
      el.nodeType === 1 && el.hasAttribute?.("data-tpl-image")
        ? { type: TYPE.image, path: el.getAttribute("data-tpl-image") ?? "", components: [] }
        : false,
    model: {
      defaults: {
        tagName: "span",
        name: t("printDesigner.types.image"),
        droppable: false,
        editable: false,
        textable: true,
        path: schema.imageOptions[0]?.path ?? "company.logo",
        classes: ["tpl-image"],
        traits: [
          {
            type: "select",
            name: "path",
            label: t("printDesigner.traits.image"),
            changeProp: true,
            options: schema.imageOptions.map((o) => ({ id: o.path, label: o.label })),
          },
        ],
      },
      toHTML(this: Component) {
        const path = String(this.get("path") ?? "").replace(/[^\w.]/g, "");
        return `{% if ${path}.src %}<img ${ownAttributes(this)} src="{{ ${path}.src }}" alt="">{% endif %}`;
      },
    },
    view: {
      init(this: { model: Component; render(): void; listenTo(m: Component, e: string, f: () => void): void }) {
        this.listenTo(this.model, "change:path", () => this.render());
      },
      onRender(this: { el: HTMLElement; model: Component }) {
        const path = String(this.model.get("path") ?? "");
        const label = schema.imageOptions.find((o) => o.path === path)?.label ?? path;
        const url = schema.imageUrls?.[path];
        this.el.innerHTML = url
          ? `<img src="${escapeAttr(url)}" alt="${escapeAttr(label)}">`
          : `<span class="tpl-image-placeholder">${escapeAttr(t("printDesigner.canvas.noImage", { image: label }))}</span>`;
      },
    },
  });
};
