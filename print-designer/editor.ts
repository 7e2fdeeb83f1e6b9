/**
 * The print designer's GrapesJS editor, composed of our plugins (./plugins/): one per component
 * type, the blocks, the commands, the trait types and the page. GrapesJS itself is handed in by
 * the caller, which loads it with a dynamic import on the designer route only, so no other bundle
 * ever contains it.
 */
import type { Editor, EditorConfig, usePlugin } from "grapesjs";
import type { PrintTemplate } from "@runtime/print/template";
import type { DesignerSchema } from "./designer-schema";
import type { Words } from "@runtime/i18n/words";
import { grapesMessages } from "./grapes-words";
import { english } from "./words";
import { designerHtmlFrom } from "./import-html";
import { contentBoxPx } from "./page-size";
import { blocks } from "./plugins/blocks";
import { columns } from "./plugins/columns";
import { commands } from "./plugins/commands";
import { companyImage } from "./plugins/company-image";
import { fieldChip } from "./plugins/field-chip";
import { lineItemsTable } from "./plugins/line-items-table";
import { liquidBlock } from "./plugins/liquid-block";
import type { PrintEditorOptions, PrintPlugin } from "./plugins/options";
import { pageBreak } from "./plugins/page-break";
import { pageSettings } from "./plugins/page-settings";
import { plainElements } from "./plugins/plain-elements";
import { requisites } from "./plugins/requisites";
import { totals } from "./plugins/totals";
import { traits } from "./plugins/traits";
import { withoutBaseCss } from "./starter";

/** What the designer needs of the grapesjs module (its default export). */
export interface GrapesJs {
  init(config: EditorConfig): Editor;
  usePlugin: typeof usePlugin;
}

export interface EditorTargets {
  canvas: HTMLElement;
  traits: HTMLElement;
  styles: HTMLElement;
  layers: HTMLElement;
}

/**
 * In this order: the plain elements first, since our types extend GrapesJS's default element and
 * must find it without its id and title fields.
 */
const PRINT_PLUGINS: readonly PrintPlugin[] = [
  plainElements,
  traits,
  fieldChip,
  liquidBlock,
  lineItemsTable,
  companyImage,
  pageBreak,
  columns,
  totals,
  requisites,
  blocks,
  commands,
  pageSettings,
];

export function createPrintEditor(
  grapesjs: GrapesJs,
  targets: EditorTargets,
  template: Pick<PrintTemplate, "html" | "css" | "page" | "project">,
  schema: DesignerSchema,
  words: Words = english,
): Editor {
  const fromProject = !!template.project && typeof template.project === "object";
  const options: PrintEditorOptions = { schema, page: template.page, words };
  return grapesjs.init({
    container: targets.canvas,
    height: "100%",
    width: "auto",
    fromElement: false,
    // The icon font would come from a CDN, which the CSP (rightly) refuses.
    cssIcons: "",
    // GrapesJS would report every page that opens the designer to app.grapesjs.com.
    telemetry: false,
    storageManager: false,
    keepUnusedStyles: true,
    undoManager: { trackSelection: false },
    panels: { defaults: [] },
    blockManager: { custom: true },
    traitManager: { appendTo: targets.traits },
    styleManager: {
      appendTo: targets.styles,
      sectors: [
        // Stable ids: the names are the reader's words.
        {
          id: "text",
          name: words("printDesigner.styles.text"),
          open: true,
          properties: ["font-size", "font-weight", "font-style", "color", "text-align", "line-height", "text-transform"],
        },
        { id: "spacing", name: words("printDesigner.styles.spacing"), open: false, properties: ["margin", "padding"] },
        { id: "size", name: words("printDesigner.styles.size"), open: false, properties: ["width", "max-width", "height", "max-height"] },
        {
          id: "border",
          name: words("printDesigner.styles.border"),
          open: false,
          properties: ["border", "border-radius", "background-color"],
        },
      ],
    },
    layerManager: { appendTo: targets.layers },
    // The reader's words for GrapesJS's own labels; English (GrapesJS's) where one is missing.
    i18n: { locale: "reader", localeFallback: "en", detectLocale: false, messages: { reader: grapesMessages(words) } },
    selectorManager: { componentFirst: true },
    deviceManager: { devices: [{ id: "page", name: words("printDesigner.page"), width: `${contentBoxPx(template.page).width}px` }] },
    canvas: { notTextable: [] },
    projectData: fromProject ? (template.project as Record<string, unknown>) : undefined,
    components: fromProject ? undefined : designerHtmlFrom(template.html, schema.fieldOptions),
    style: fromProject ? undefined : withoutBaseCss(template.css),
    plugins: PRINT_PLUGINS.map((plugin) => grapesjs.usePlugin(plugin, options)),
  } as EditorConfig);
}
