import type { Component } from "grapesjs";
import { chipLabel } from "../chips";
import { TYPE } from "../component-types";
import { defaultColumns, isNumericKind, lineItemsHtml, type LineColumn, type LineItemsConfig } from "../line-items";
import type { PrintPlugin } from "./options";
import { escapeAttr, ownAttributes } from "./own-attributes";
import { LINE_COLUMNS_TRAIT } from "./traits";

/**
 * The Line-items table: no child components, so no edit in the canvas can break its loop. Rows,
 * columns and numbering are properties; it exports `<thead>` once and one `{% for %}` loop (ADR
 * 010). A new table starts on the record's own lines with their usual columns.
 */
export const lineItemsTable: PrintPlugin = (editor, { schema, words: t }) => {
  const lineLists = schema.lineLists;
  const listById = (list: unknown) => lineLists.find((l) => l.list === list);
  editor.Components.addType(TYPE.lines, {
    isComponent: (el: HTMLElement) => {
      if (el.nodeType !== 1 || el.tagName !== "TABLE" || !el.hasAttribute("data-tpl-lines")) return false;
      try {
        return { type: TYPE.lines, config: JSON.parse(el.getAttribute("data-tpl-lines") ?? "{}") as LineItemsConfig, components: [] };
      } catch {
        return false;
      }
    },
    model: {
      defaults: {
        tagName: "table",
        name: t("printDesigner.types.lines"),
        droppable: false,
        editable: false,
        classes: ["tpl-lines"],
        config: null,
        list: "",
        numbered: true,
        traits: [
          {
            type: "select",
            name: "list",
            label: t("printDesigner.traits.rowsFrom"),
            changeProp: true,
            options: lineLists.map((l) => ({ id: l.list, label: l.label })),
          },
          { type: "checkbox", name: "numbered", label: t("printDesigner.traits.rowNumbers"), changeProp: true },
          { type: LINE_COLUMNS_TRAIT, name: "columns", label: t("printDesigner.traits.columns"), changeProp: true },
        ],
      },
      init(this: Component) {
        const config = (this.get("config") as LineItemsConfig | null) ?? {
          list: lineLists[0]?.list ?? "",
          columns: defaultColumns(lineLists[0]?.columns ?? []),
          numbered: true,
        };
        this.set({ config, list: config.list, numbered: config.numbered }, { silent: true });
        this.on("change:list", () => {
          const list = listById(this.get("list"));
          if (list)
            this.set("config", { ...(this.get("config") as LineItemsConfig), list: list.list, columns: defaultColumns(list.columns) });
        });
        this.on("change:numbered", () =>
          this.set("config", { ...(this.get("config") as LineItemsConfig), numbered: !!this.get("numbered") }),
        );
      },
      toHTML(this: Component) {
        const attrs = ownAttributes(this)
          .replace(
            /\bclass="([^"]*)"/,
            (_, c: string) =>
              `class="${c
                .split(/\s+/)
                .filter((x) => x !== "tpl-lines")
                .join(" ")}"`,
          )
          .replace(/\s*class=""/, "");
        return lineItemsHtml(this.get("config") as LineItemsConfig, attrs);
      },
    },
    view: {
      init(this: { model: Component; render(): void; listenTo(m: Component, e: string, f: () => void): void }) {
        this.listenTo(this.model, "change:config", () => this.render());
      },
      // The canvas shows the header and two sample rows of chips, the second greyed: it repeats.
      onRender(this: { el: HTMLElement; model: Component }) {
        const config = this.model.get("config") as LineItemsConfig;
        const list = listById(config.list);
        const num = (c: LineColumn) => (isNumericKind(c.kind) ? ' class="num"' : "");
        const head =
          (config.numbered ? '<th class="pos">#</th>' : "") +
          config.columns.map((c) => `<th${num(c)}>${escapeAttr(c.label)}</th>`).join("");
        const row = (ghost: boolean, n: number) =>
          `<tr${ghost ? ' class="tpl-ghost"' : ""}>${config.numbered ? `<td class="pos">${n}</td>` : ""}${config.columns
            .map((c) => `<td${num(c)}><span class="tpl-chip">${escapeAttr(chipLabel(c.path, list?.columns ?? [], t))}</span></td>`)
            .join("")}</tr>`;
        this.el.innerHTML = `<caption>${escapeAttr(t("printDesigner.canvas.repeats", { list: list?.label.toLowerCase() ?? config.list }))}</caption><thead><tr>${head}</tr></thead><tbody>${row(false, 1)}${row(true, 2)}</tbody>`;
      },
    },
  });
};
