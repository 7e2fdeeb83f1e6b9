/**
 * The GrapesJS set-up of the print designer: our component types (Field chip, Line-items table,
 * Liquid block, company image, page break), their traits and the blocks of the palette. GrapesJS
 * itself is handed in by the caller, which loads it with a dynamic import on the designer route
 * only, so no other bundle ever contains it.
 */
import type { Component, Editor, EditorConfig } from "grapesjs";
import type { PageSettings, PrintTemplate } from "@runtime/print/template";
import { sanitizeTemplateHtml } from "@runtime/print/sanitize";
import { CANVAS_CSS } from "./canvas-css";
import { chipLabel, parseOutputTag, previewHtml } from "./chips";
import { filterFor, type FieldPathOption, type LineListOption } from "./field-paths";
import { designerHtmlFrom } from "./import-html";
import { defaultColumns, lineItemsHtml, type LineColumn, type LineItemsConfig } from "./line-items";
import { insertionPoint, type BlockKind } from "./insertion-point";
import { contentBoxPx } from "./page-size";
import { withBaseCss, withoutBaseCss, DESIGNER_BASE_CSS } from "./starter";

/** What the designer needs of the grapesjs module (its default export). */
export type GrapesJs = { init(config: EditorConfig): Editor };

export interface DesignerSchema {
  fieldOptions: FieldPathOption[];
  lineLists: LineListOption[];
  imageOptions: FieldPathOption[];
  /** Where the canvas can show the company's current images, by path (`company.logo`). */
  imageUrls?: Record<string, string>;
}

export interface EditorTargets {
  canvas: HTMLElement;
  traits: HTMLElement;
  styles: HTMLElement;
  layers: HTMLElement;
}

/** How a Field chip formats its value; "custom" keeps an expression written by hand. */
export type FieldFormat = "auto" | "words" | "long" | "plain" | "custom";

const FORMAT_LABELS: Record<FieldFormat, string> = {
  auto: "As its kind (money, date …)",
  words: "Amount in words",
  long: "Long date",
  plain: "As stored",
  custom: "As written (custom)",
};

export function expressionFor(path: string, format: FieldFormat, options: readonly FieldPathOption[]): string {
  const kind = options.find((o) => o.path === path)?.kind ?? "text";
  switch (format) {
    case "words":
      return `${path} | amount_in_words`;
    case "long":
      return `${path} | date: "long"`;
    case "plain":
      return path;
    default:
      return `${path}${filterFor(kind, path)}`;
  }
}

/** Which format produced an expression, so the Format trait shows it; "custom" when none did. */
export function formatOf(expression: string, options: readonly FieldPathOption[]): FieldFormat {
  const path = parseOutputTag(`{{ ${expression} }}`)?.path;
  if (!path) return "custom";
  for (const f of ["auto", "words", "long", "plain"] as const) if (expressionFor(path, f, options) === expression) return f;
  return "custom";
}

const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** `id="…" class="…"` of a component, so styles set in the style manager reach the export. */
function ownAttributes(component: Component): string {
  const attrs = component.getAttrToHTML() as Record<string, unknown>;
  return Object.entries(attrs)
    .filter(([k, v]) => (k === "id" || k === "class" || k === "style") && typeof v === "string" && v !== "")
    .map(([k, v]) => `${k}="${escapeAttr(String(v))}"`)
    .join(" ");
}

function hasOwnLook(component: Component): boolean {
  return Object.keys(component.getStyle() ?? {}).length > 0 || component.getClasses().some((c: unknown) => String(c) !== "tpl-chip");
}

function registerTypes(editor: Editor, schema: DesignerSchema) {
  const dc = editor.Components;
  const fieldOptions = schema.fieldOptions;
  const pathChoices = fieldOptions.map((o) => ({ id: o.path, label: o.label.includes(" › ") ? o.label : `${o.group} › ${o.label}` }));

  // GrapesJS offers an HTML id and title ("eg. Text here") on every element: meaningless on a
  // printed page, and an id typed there could clash with the one the style manager relies on.
  for (const type of ["default", "text", "table", "row", "cell", "thead", "tbody", "tfoot"])
    if (dc.getType(type)) dc.addType(type, { model: { defaults: { traits: [] } } });

  dc.addType("tpl-field", {
    isComponent: (el: HTMLElement) =>
      el.nodeType === 1 && el.hasAttribute?.("data-tpl-field")
        ? { type: "tpl-field", expression: el.getAttribute("data-tpl-field") ?? "", components: [] }
        : false,
    model: {
      defaults: {
        tagName: "span",
        name: "Field",
        textable: true,
        editable: false,
        droppable: false,
        expression: "",
        path: "",
        format: "auto",
        classes: ["tpl-chip"],
        traits: [
          { type: "select", name: "path", label: "Field", changeProp: true, options: pathChoices },
          {
            type: "select",
            name: "format",
            label: "Format",
            changeProp: true,
            options: (Object.keys(FORMAT_LABELS) as FieldFormat[]).map((id) => ({ id, label: FORMAT_LABELS[id] })),
          },
        ],
      },
      init(this: Component) {
        const expression = String(this.get("expression") ?? "");
        this.set({ path: parseOutputTag(`{{ ${expression} }}`)?.path ?? "", format: formatOf(expression, fieldOptions) }, { silent: true });
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
        this.el.textContent = chipLabel(expression, fieldOptions);
        this.el.title = `Prints {{ ${expression} }}`;
        this.el.setAttribute("contenteditable", "false");
      },
    },
  });

  dc.addType("tpl-raw", {
    isComponent: (el: HTMLElement) =>
      el.nodeType === 1 && el.hasAttribute?.("data-tpl-raw")
        ? { type: "tpl-raw", tagName: el.tagName.toLowerCase(), source: el.getAttribute("data-tpl-raw") ?? "", components: [] }
        : false,
    model: {
      defaults: {
        name: "Liquid block",
        droppable: false,
        editable: false,
        source: "",
        traits: [{ type: "tpl-source", name: "source", label: "Liquid and HTML", changeProp: true }],
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
        this.el.innerHTML = sanitizeTemplateHtml(previewHtml(String(this.model.get("source") ?? ""), fieldOptions));
        this.el.title = "A part with conditions or loops: edit its Liquid in the panel on the right";
      },
    },
  });

  const lineLists = schema.lineLists;
  const listById = (list: unknown) => lineLists.find((l) => l.list === list);
  dc.addType("tpl-lines", {
    isComponent: (el: HTMLElement) => {
      if (el.nodeType !== 1 || el.tagName !== "TABLE" || !el.hasAttribute("data-tpl-lines")) return false;
      try {
        return { type: "tpl-lines", config: JSON.parse(el.getAttribute("data-tpl-lines") ?? "{}") as LineItemsConfig, components: [] };
      } catch {
        return false;
      }
    },
    model: {
      defaults: {
        tagName: "table",
        name: "Line items",
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
            label: "Rows from",
            changeProp: true,
            options: lineLists.map((l) => ({ id: l.list, label: l.label })),
          },
          { type: "checkbox", name: "numbered", label: "Row numbers", changeProp: true },
          { type: "tpl-columns", name: "columns", label: "Columns", changeProp: true },
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
      onRender(this: { el: HTMLElement; model: Component }) {
        const config = this.model.get("config") as LineItemsConfig;
        const list = listById(config.list);
        const num = (c: LineColumn) => (["money", "number", "percent"].includes(c.kind) ? ' class="num"' : "");
        const head =
          (config.numbered ? '<th class="pos">#</th>' : "") +
          config.columns.map((c) => `<th${num(c)}>${escapeAttr(c.label)}</th>`).join("");
        const row = (ghost: boolean, n: number) =>
          `<tr${ghost ? ' class="tpl-ghost"' : ""}>${config.numbered ? `<td class="pos">${n}</td>` : ""}${config.columns
            .map((c) => `<td${num(c)}><span class="tpl-chip">${escapeAttr(chipLabel(c.path, list?.columns ?? []))}</span></td>`)
            .join("")}</tr>`;
        this.el.innerHTML = `<caption>Repeats for each of the ${escapeAttr(list?.label.toLowerCase() ?? config.list)}</caption><thead><tr>${head}</tr></thead><tbody>${row(false, 1)}${row(true, 2)}</tbody>`;
      },
    },
  });

  dc.addType("tpl-image", {
    isComponent: (el: HTMLElement) =>
      el.nodeType === 1 && el.hasAttribute?.("data-tpl-image")
        ? { type: "tpl-image", path: el.getAttribute("data-tpl-image") ?? "", components: [] }
        : false,
    model: {
      defaults: {
        tagName: "span",
        name: "Company image",
        droppable: false,
        editable: false,
        textable: true,
        path: schema.imageOptions[0]?.path ?? "company.logo",
        classes: ["tpl-image"],
        traits: [
          {
            type: "select",
            name: "path",
            label: "Image",
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
          : `<span class="tpl-image-placeholder">${escapeAttr(label)} (none on the company card yet)</span>`;
      },
    },
  });

  dc.addType("tpl-page-break", {
    isComponent: (el: HTMLElement) =>
      el.nodeType === 1 && el.classList?.contains("tpl-page-break") ? { type: "tpl-page-break", components: [] } : false,
    model: { defaults: { tagName: "div", name: "Page break", droppable: false, editable: false, classes: ["tpl-page-break"] } },
  });

  editor.Traits.addType("tpl-source", {
    createInput({ component }: { component: Component }) {
      const box = document.createElement("div");
      box.className = "pd-source";
      const area = document.createElement("textarea");
      area.rows = 12;
      area.spellcheck = false;
      area.setAttribute("aria-label", "Liquid and HTML of this block");
      area.value = String(component.get("source") ?? "");
      const hint = document.createElement("p");
      hint.className = "pd-hint";
      hint.textContent = "Changes apply when you leave the box. Saving checks that the Liquid parses.";
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

  editor.Traits.addType("tpl-columns", {
    createInput({ component }: { component: Component }) {
      const box = document.createElement("fieldset");
      box.className = "pd-columns";
      const render = () => {
        const config = component.get("config") as LineItemsConfig;
        const options = listById(config.list)?.columns ?? [];
        const chosen = new Set(config.columns.map((c) => c.path));
        box.innerHTML = `<legend class="visually-hidden">Columns of the table</legend>`;
        for (const o of options) {
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
      const options = listById(config.list)?.columns ?? [];
      const checked = new Set([...elInput.querySelectorAll<HTMLInputElement>("input:checked")].map((i) => i.value));
      // Kept columns stay where they were; new ones join at the end.
      const kept = config.columns.filter((c) => checked.has(c.path));
      const added = options
        .filter((o) => checked.has(o.path) && !kept.some((c) => c.path === o.path))
        .map((o) => ({ path: o.path, label: o.label, kind: o.kind }));
      component.set("config", { ...config, columns: [...kept, ...added] });
    },
  });
}

/** A block of the palette: what it is called and what it adds. */
export interface PaletteBlock {
  id: string;
  label: string;
  hint: string;
  content: unknown;
}

function firstPath(options: readonly FieldPathOption[], ...preferred: string[]): string {
  return preferred.find((p) => options.some((o) => o.path === p)) ?? options[0]?.path ?? "today";
}

export function paletteBlocks(schema: DesignerSchema): PaletteBlock[] {
  const o = schema.fieldOptions;
  const chip = (path: string, format: FieldFormat = "auto") => ({ type: "tpl-field", expression: expressionFor(path, format, o) });
  const has = (p: string) => o.some((x) => x.path === p);
  const money = o.filter((x) => x.path.split(".").length === 2 && x.path.startsWith("record.") && x.kind === "money");
  const totals = ["record.net_total", "record.tax_total", "record.total"].filter(has);
  const totalPaths = totals.length ? totals : money.slice(-3).map((m) => m.path);
  const labelOf = (p: string) => o.find((x) => x.path === p)?.label ?? p;
  const requisitePaths = [
    "company.legal_name",
    "company.address_line1",
    "company.address_line2",
    "company.postcode",
    "company.city",
    "company.tax_id",
    "company.registration_number",
    "company.bank_name",
    "company.iban",
    "company.bic",
  ].filter(has);
  const blocks: PaletteBlock[] = [
    { id: "text", label: "Text", hint: "A paragraph you type in", content: { type: "text", tagName: "p", components: "Text" } },
    { id: "heading", label: "Heading", hint: "A title", content: { type: "text", tagName: "h2", components: "Heading" } },
    {
      id: "field",
      label: "Field",
      hint: "A value of the record, a related record or the company",
      content: chip(firstPath(o, "record.number", "record.name")),
    },
    {
      id: "columns-2",
      label: "2 columns",
      hint: "Side by side",
      content: {
        tagName: "div",
        name: "Columns",
        classes: ["tpl-columns"],
        components: [1, 2].map(() => ({ tagName: "div", name: "Column", classes: ["tpl-column"] })),
      },
    },
    {
      id: "columns-3",
      label: "3 columns",
      hint: "Three side by side",
      content: {
        tagName: "div",
        name: "Columns",
        classes: ["tpl-columns"],
        components: [1, 2, 3].map(() => ({ tagName: "div", name: "Column", classes: ["tpl-column"] })),
      },
    },
  ];
  if (schema.lineLists.length)
    blocks.push({
      id: "lines",
      label: "Line items",
      hint: "A table with one row per line",
      content: {
        type: "tpl-lines",
        config: { list: schema.lineLists[0].list, columns: defaultColumns(schema.lineLists[0].columns), numbered: true },
      },
    });
  if (totalPaths.length) {
    const grand = totalPaths[totalPaths.length - 1];
    blocks.push({
      id: "totals",
      label: "Totals",
      hint: "Sums and the amount in words",
      content: {
        tagName: "div",
        name: "Totals",
        classes: ["tpl-totals"],
        components: [
          ...totalPaths.map((p) => ({
            tagName: "div",
            classes: p === grand ? ["tpl-total", "tpl-total--grand"] : ["tpl-total"],
            components: [{ type: "text", tagName: "span", components: labelOf(p) }, chip(p)],
          })),
          { type: "text", tagName: "div", classes: ["tpl-words"], components: [chip(grand, "words")] },
        ],
      },
    });
  }
  if (requisitePaths.length)
    blocks.push({
      id: "requisites",
      label: "Company requisites",
      hint: "Name, address, tax and bank details",
      content: {
        tagName: "div",
        name: "Company requisites",
        classes: ["tpl-requisites"],
        components: requisitePaths.map((p) => ({
          type: "text",
          tagName: "div",
          components: [{ type: "textnode", content: `${labelOf(p).replace(/^Company › /, "")}: ` }, chip(p)],
        })),
      },
    });
  for (const image of schema.imageOptions)
    blocks.push({
      id: `image-${image.path}`,
      label: image.label.replace(/^Company › /, ""),
      hint: `The ${image.label.toLowerCase()} from the company card`,
      content: { type: "tpl-image", path: image.path },
    });
  blocks.push({ id: "page-break", label: "Page break", hint: "Start a new page here", content: { type: "tpl-page-break" } });
  return blocks;
}

/** Text-sized blocks stay where the admin clicked; tables and columns want the page's width. */
function blockKind(block: PaletteBlock): BlockKind {
  const type = (block.content as { type?: unknown }).type;
  if (type === "tpl-field" || type === "tpl-image") return "inline";
  return block.id === "text" || block.id === "heading" ? "block" : "wide";
}

/**
 * Adds a block where the admin is working (see `insertionPoint`), or at the end of the page,
 * and selects it.
 */
export function insertBlock(editor: Editor, block: PaletteBlock): Component | undefined {
  const content = block.content as Record<string, unknown>;
  const { into, at } = insertionPoint(editor.getSelected(), editor.getWrapper()!, blockKind(block));
  const made = into.append(content, at === undefined ? {} : { at })?.[0];
  if (made) editor.select(made);
  return made;
}

/** The canvas is the printable area of the page, so text wraps where it will in the PDF. */
export function applyPageSize(editor: Editor, page: PageSettings) {
  const { width, height } = contentBoxPx(page);
  const dm = editor.Devices;
  const device = dm.get("page");
  if (device) device.set({ width: `${width}px` });
  else dm.add({ id: "page", name: "Page", width: `${width}px` });
  dm.select("page");
  const body = editor.Canvas.getBody();
  if (body) body.style.minHeight = `${height}px`;
  fitCanvas(editor, width);
}

/** A page wider than the stage (landscape) is shown smaller rather than cut off at both sides. */
export function fitCanvas(editor: Editor, pageWidth: number) {
  const stage = editor.getContainer()?.clientWidth ?? 0;
  if (!stage) return;
  const zoom = Math.min(100, Math.floor(((stage - 32) / pageWidth) * 100));
  editor.Canvas.setZoom(Math.max(40, zoom));
}

export function createPrintEditor(
  grapesjs: GrapesJs,
  targets: EditorTargets,
  template: Pick<PrintTemplate, "html" | "css" | "page" | "project">,
  schema: DesignerSchema,
): Editor {
  const fromProject = !!template.project && typeof template.project === "object";
  const editor = grapesjs.init({
    container: targets.canvas,
    height: "100%",
    width: "auto",
    fromElement: false,
    // The icon font would come from a CDN, which the CSP (rightly) refuses.
    cssIcons: "",
    storageManager: false,
    keepUnusedStyles: true,
    undoManager: { trackSelection: false },
    panels: { defaults: [] },
    blockManager: { custom: true },
    traitManager: { appendTo: targets.traits },
    styleManager: {
      appendTo: targets.styles,
      sectors: [
        {
          name: "Text",
          open: true,
          properties: ["font-size", "font-weight", "font-style", "color", "text-align", "line-height", "text-transform"],
        },
        { name: "Spacing", open: false, properties: ["margin", "padding"] },
        { name: "Size", open: false, properties: ["width", "max-width", "height", "max-height"] },
        { name: "Border and background", open: false, properties: ["border", "border-radius", "background-color"] },
      ],
    },
    layerManager: { appendTo: targets.layers },
    selectorManager: { componentFirst: true },
    deviceManager: { devices: [{ id: "page", name: "Page", width: `${contentBoxPx(template.page).width}px` }] },
    canvas: { notTextable: [] },
    projectData: fromProject ? (template.project as Record<string, unknown>) : undefined,
    components: fromProject ? undefined : designerHtmlFrom(template.html, schema.fieldOptions),
    style: fromProject ? undefined : withoutBaseCss(template.css),
    plugins: [(ed: Editor) => registerTypes(ed, schema)],
  } as EditorConfig);
  editor.on("load", () => {
    const doc = editor.Canvas.getDocument();
    if (!doc) return;
    const style = doc.createElement("style");
    style.setAttribute("data-tessera", "canvas");
    style.textContent = `${DESIGNER_BASE_CSS}\n${CANVAS_CSS}`;
    doc.head.prepend(style);
    applyPageSize(editor, template.page);
  });
  return editor;
}

/** What a save sends: the HTML with Liquid, the CSS, and the project data to reopen it exactly. */
export function exportTemplate(editor: Editor): { html: string; css: string; project: unknown } {
  const wrapper = editor.getWrapper()!;
  return {
    html: wrapper.getInnerHTML(),
    css: withBaseCss(editor.getCss({ keepUnusedStyles: true, avoidProtected: true }) ?? ""),
    project: editor.getProjectData(),
  };
}
