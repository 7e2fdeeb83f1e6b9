import type { Component } from "grapesjs";
import { chipLabel, parseOutputTag } from "../chips";
import { TYPE } from "../component-types";
import { expressionFor, FIELD_FORMATS, firstPath, formatOf, type FieldFormat } from "../field-format";
import type { PrintPlugin } from "./options";
import { hasOwnLook, ownAttributes } from "./own-attributes";

/**
 * The Field chip: reads "Client › Name" in the canvas, stores the whole Liquid expression and
 * exports `{{ expression }}` (ADR 010). Its traits pick the path and the format. A chip added
 * without an expression shows the record's number or name.
 */
export const fieldChip: PrintPlugin = (editor, { schema, words: t }) => {
  const fieldOptions = schema.fieldOptions;
  const pathChoices = fieldOptions.map((o) => ({ id: o.path, label: o.label.includes(" › ") ? o.label : `${o.group} › ${o.label}` }));
  editor.Components.addType(TYPE.field, {
    isComponent: (el: HTMLElement) =>
      el.nodeType === 1 && el.hasAttribute?.("data-tpl-field")
        ? { type: TYPE.field, expression: el.getAttribute("data-tpl-field") ?? "", components: [] }
        : false,
    model: {
      defaults: {
        tagName: "span",
        name: t("printDesigner.types.field"),
        textable: true,
        editable: false,
        droppable: false,
        expression: "",
        path: "",
        format: "auto",
        classes: ["tpl-chip"],
        traits: [
          { type: "select", name: "path", label: t("printDesigner.traits.field"), changeProp: true, options: pathChoices },
          {
            type: "select",
            name: "format",
            label: t("printDesigner.traits.format"),
            changeProp: true,
            options: FIELD_FORMATS.map((id) => ({ id, label: t(`printDesigner.formats.${id}`) })),
          },
        ],
      },
      init(this: Component) {
        const expression =
          String(this.get("expression") ?? "") ||
          expressionFor(firstPath(fieldOptions, "record.number", "record.name"), "auto", fieldOptions);
        this.set(
          { expression, path: parseOutputTag(`{{ ${expression} }}`)?.path ?? "", format: formatOf(expression, fieldOptions) },
          { silent: true },
        );
        this.addAttributes({ "data-tpl-field": expression });
        this.on("change:path change:format", () => {
          const path = String(this.get("path") ?? "");
          const format = this.get("format") as FieldFormat;
          if (!path || format === "custom") return;
          const next = expressionFor(path, format, fieldOptions);
          this.set("expression", next);
          this.addAttributes({ "data-tpl-field": next });
        });
      },
      toHTML(this: Component) {
        const tag = `{{ ${String(this.get("expression") ?? "")} }}`;
        return hasOwnLook(this) ? `<span ${ownAttributes(this)}>${tag}</span>` : tag;
      },
    },
    view: {
      init(this: { model: Component; render(): void; listenTo(m: Component, e: string, f: () => void): void }) {
        this.listenTo(this.model, "change:expression", () => this.render());
      },
      onRender(this: { el: HTMLElement; model: Component }) {
        const expression = String(this.model.get("expression") ?? "");
        this.el.textContent = chipLabel(expression, fieldOptions, t);
        this.el.title = t("printDesigner.canvas.prints", { expression: `{{ ${expression} }}` });
        this.el.setAttribute("contenteditable", "false");
      },
    },
  });
};
