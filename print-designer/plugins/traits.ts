import type { Component } from "grapesjs";
import type { LineItemsConfig } from "../line-items";
import type { PrintPlugin } from "./options";

/** The Liquid block's source, as a textarea. */
export const LIQUID_SOURCE_TRAIT = "tpl-source";
/** The Line-items table's columns, as one checkbox per column its list offers. */
export const LINE_COLUMNS_TRAIT = "tpl-line-columns";

/** The trait types of the Element panel that GrapesJS does not have. */
export const traits: PrintPlugin = (editor, { schema, words: t }) => {
  editor.Traits.addType(LIQUID_SOURCE_TRAIT, {
    createInput({ component }: { component: Component }) {
      const box = document.createElement("div");
      box.className = "pd-source";
      const area = document.createElement("textarea");
      area.rows = 12;
      area.spellcheck = false;
      area.setAttribute("aria-label", t("printDesigner.traits.liquidLabel"));
      area.value = String(component.get("source") ?? "");
      const hint = document.createElement("p");
      hint.className = "pd-hint";
      hint.textContent = t("printDesigner.traits.liquidHint");
      box.append(area, hint);
      return box;
    },
    onEvent({ elInput, component }: { elInput: HTMLElement; component: Component }) {
      component.set("source", (elInput.querySelector("textarea") as HTMLTextAreaElement).value);
    },
    onUpdate({ elInput, component }: { elInput: HTMLElement; component: Component }) {
      (elInput.querySelector("textarea") as HTMLTextAreaElement).value = String(component.get("source") ?? "");
    },
  });

  const columnsOf = (config: LineItemsConfig) => schema.lineLists.find((l) => l.list === config.list)?.columns ?? [];
  editor.Traits.addType(LINE_COLUMNS_TRAIT, {
    createInput({ component }: { component: Component }) {
      const box = document.createElement("fieldset");
      box.className = "pd-columns";
      const render = () => {
        const config = component.get("config") as LineItemsConfig;
        const chosen = new Set(config.columns.map((c) => c.path));
        const legend = document.createElement("legend");
        legend.className = "visually-hidden";
        legend.textContent = t("printDesigner.traits.columnsLegend");
        box.replaceChildren(legend);
        for (const o of columnsOf(config)) {
          const label = document.createElement("label");
          const input = document.createElement("input");
          input.type = "checkbox";
          input.value = o.path;
          input.checked = chosen.has(o.path);
          label.append(input, ` ${o.label}`);
          box.append(label);
        }
      };
      render();
      component.on("change:config", render);
      return box;
    },
    onEvent({ elInput, component }: { elInput: HTMLElement; component: Component }) {
      const config = component.get("config") as LineItemsConfig;
      const checked = new Set([...elInput.querySelectorAll<HTMLInputElement>("input:checked")].map((i) => i.value));
      // Kept columns stay where they were; new ones join at the end.
      const kept = config.columns.filter((c) => checked.has(c.path));
      const added = columnsOf(config)
        .filter((o) => checked.has(o.path) && !kept.some((c) => c.path === o.path))
        .map((o) => ({ path: o.path, label: o.label, kind: o.filter }));
      component.set("config", { ...config, columns: [...kept, ...added] });
    },
  });
};
