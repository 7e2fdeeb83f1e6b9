/**
 * A print template: HTML and CSS with Liquid tags (`{{ record.client.name }}`), page settings, an
 * optional condition on when it is offered, and the designer's own project data, kept opaque
 * here so the runtime never depends on GrapesJS.
 */
import { itemTranslationsSchema, type ItemTranslations } from "../i18n/item-names";
export type PageSize = "A4" | "Letter";
export type PageOrientation = "portrait" | "landscape";

export interface PageMargins {
  /** Millimetres. */
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PageSettings {
  size: PageSize;
  orientation: PageOrientation;
  margins: PageMargins;
  /** HTML printed at the top of every page; `{{ pageNumber }}` and `{{ totalPages }}` are filled in. */
  header?: string;
  /** HTML printed at the bottom of every page, with the same placeholders. */
  footer?: string;
}

export interface PrintTemplate {
  id: string;
  /** Key of the table whose records it prints. */
  table: string;
  name: string;
  html: string;
  css: string;
  page: PageSettings;
  /** A filter (runtime/records/filter.ts format): the template is offered only for records it matches. */
  condition?: unknown;
  /** GrapesJS project data, stored and handed back as is. */
  project?: unknown;
  /**
   * The document's language (ADR 035): a field of the printed record, or of a record it links to,
   * holding a language code (`client.language`) — else `language`, a fixed code — else English.
   */
  languageFrom?: string | null;
  language?: string | null;
  /** Its name in other languages (`nameIn`, ADR 035). */
  translations?: ItemTranslations;
}

/** What a client sends to create a template: everything but the id. */
export type PrintTemplateInput = Omit<PrintTemplate, "id">;

export const MAX_TEMPLATE_HTML = 500_000;
export const MAX_TEMPLATE_CSS = 200_000;

const marginMm = { type: "number", minimum: 0, maximum: 100 } as const;
const headerFooter = { type: "string", maxLength: 20_000 } as const;

export const pageSettingsSchema = {
  type: "object",
  required: ["size", "orientation", "margins"],
  properties: {
    size: { enum: ["A4", "Letter"] },
    orientation: { enum: ["portrait", "landscape"] },
    margins: {
      type: "object",
      required: ["top", "right", "bottom", "left"],
      properties: { top: marginMm, right: marginMm, bottom: marginMm, left: marginMm },
      additionalProperties: false,
    },
    header: headerFooter,
    footer: headerFooter,
  },
  additionalProperties: false,
} as const;

/** JSON Schema (draft 2020-12) of a stored template. */
export const printTemplateSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://tessera.dev/schemas/print-template.json",
  title: "Print template",
  type: "object",
  required: ["id", "table", "name", "html", "css", "page"],
  properties: {
    id: { type: "string", pattern: "^[a-z0-9][a-z0-9_-]{0,63}$" },
    table: { type: "string", minLength: 1, maxLength: 64 },
    name: { type: "string", minLength: 1, maxLength: 120 },
    html: { type: "string", maxLength: MAX_TEMPLATE_HTML },
    css: { type: "string", maxLength: MAX_TEMPLATE_CSS },
    page: pageSettingsSchema,
    condition: { type: ["object", "null"] },
    project: {},
    languageFrom: { type: ["string", "null"], pattern: "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$", maxLength: 129 },
    language: { type: ["string", "null"], pattern: "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$" },
    translations: itemTranslationsSchema,
  },
  additionalProperties: false,
} as const;

export const DEFAULT_PAGE: PageSettings = {
  size: "A4",
  orientation: "portrait",
  margins: { top: 16, right: 16, bottom: 18, left: 16 },
};
