/**
 * The configuration bundle: one JSON file carrying everything an admin designs (workspace schema,
 * card layouts, shared list views and list settings, print and Word templates, automation rules, home panels), so a configuration built on
 * a test copy can be promoted to production. Versioned by `formatVersion`; a reader refuses a
 * version it does not know rather than guess.
 *
 * Tables and fields are matched by their `x-id`, layouts and views point at tables by id too, so a
 * bundle from a copy of the same workspace replays as renames and edits, never as drop + add.
 */
import type { RuleDefinition } from "../automation/types";
import type { HomePanel } from "../home/panels";
import type { CardLayout } from "../layouts/types";
import { printTemplateSchema, type PrintTemplate } from "../print/template";
import { itemTranslationsSchema, type ItemTranslations } from "../i18n/item-names";
import { LANGUAGE_TAG } from "../i18n/translations-schema";
import type { WorkspaceSchema } from "../schema/types";

export const BUNDLE_FORMAT = "tessera-config-bundle";
export const BUNDLE_FORMAT_VERSION = 1;
/**
 * Print templates carry the designer's project data and Word templates their .docx in base64 (a
 * third larger): room for a few dozen of each.
 */
export const BUNDLE_MAX_BYTES = 64_000_000;
/** Base64 of the largest .docx the Word templates take (10 MB, `DOCX_MAX_BYTES`). */
const WORD_TEMPLATE_MAX_BASE64 = Math.ceil((10 * 1024 * 1024) / 3) * 4;

export interface BundleLayout {
  /** `x-id` of the table the card layout belongs to. */
  tableId: string;
  /** The table's key when exported: for people reading the file, never used to match. */
  table?: string;
  layout: CardLayout;
}

export interface BundleView {
  tableId: string;
  table?: string;
  name: string;
  /** Its name in other languages (ADR 035). */
  translations?: ItemTranslations;
  /** The table's list settings everyone starts from, rather than a named shared view. */
  default: boolean;
  /** As `crm_views.state` holds it: columns, sort and filter by field id. */
  state: Record<string, unknown>;
}

/** A Word template (ADR 025), matched by its table and name. */
export interface BundleWordTemplate {
  tableId: string;
  table?: string;
  name: string;
  /** The .docx file, base64. */
  content: string;
  /** For people reading the file: bytes of the .docx, when it was uploaded and last changed. */
  size?: number;
  createdAt?: string;
  updatedAt?: string;
}

export interface ConfigBundle {
  format: typeof BUNDLE_FORMAT;
  formatVersion: typeof BUNDLE_FORMAT_VERSION;
  exportedAt: string;
  /** Where it came from, for the review screen only. */
  source?: { schemaVersion?: number; url?: string };
  schema: WorkspaceSchema;
  layouts: BundleLayout[];
  views: BundleView[];
  templates: PrintTemplate[];
  /**
   * Automation rules as the rules API takes them, matched by name. Absent in bundles from before
   * rules were part of it: the installation's rules are then left as they are.
   */
  rules?: RuleDefinition[];
  /** The home page's panels (ADR 022), replacing the installation's when present. */
  home?: HomePanel[];
  /** Word templates, matched by table and name; absent: the installation's are left as they are. */
  wordTemplates?: BundleWordTemplate[];
}

const idPattern = "^[A-Za-z_][A-Za-z0-9_]{0,63}$";

// Embedded under $defs: a nested $schema/$id would make ajv treat it as a separate resource.
const { $schema: _schema, $id: _id, ...templateSchema } = printTemplateSchema;
void _schema;
void _id;

/**
 * JSON Schema (draft 2020-12) of the bundle's envelope. The workspace schema and the layouts have
 * validators of their own (run on the parts after this one passes); the templates' schema is the
 * one the print-template store uses.
 */
export const configBundleJsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://tessera.dev/schemas/config-bundle-v1.json",
  title: "Tessera configuration bundle",
  type: "object",
  required: ["format", "formatVersion", "schema", "layouts", "views", "templates"],
  properties: {
    format: { const: BUNDLE_FORMAT },
    formatVersion: { const: BUNDLE_FORMAT_VERSION },
    exportedAt: { type: "string", maxLength: 64 },
    source: {
      type: "object",
      properties: { schemaVersion: { type: "integer", minimum: 0 }, url: { type: "string", maxLength: 2000 } },
      additionalProperties: false,
    },
    schema: { type: "object", required: ["$defs"], properties: { $defs: { type: "object" } } },
    layouts: {
      type: "array",
      maxItems: 1000,
      items: {
        type: "object",
        required: ["tableId", "layout"],
        properties: {
          tableId: { type: "string", pattern: idPattern },
          table: { type: "string", maxLength: 64 },
          layout: { type: "object" },
        },
        additionalProperties: false,
      },
    },
    views: {
      type: "array",
      maxItems: 5000,
      items: {
        type: "object",
        required: ["tableId", "name", "default", "state"],
        properties: {
          tableId: { type: "string", pattern: idPattern },
          table: { type: "string", maxLength: 64 },
          name: { type: "string", minLength: 1, maxLength: 200 },
          translations: itemTranslationsSchema,
          default: { type: "boolean" },
          state: { type: "object" },
        },
        additionalProperties: false,
      },
    },
    templates: { type: "array", maxItems: 1000, items: { $ref: "#/$defs/template" } },
    // Each checked against the bundle's schema with the rule editor's own validation.
    rules: { type: "array", maxItems: 1000, items: { type: "object" } },
    home: {
      type: "array",
      maxItems: 100,
      items: {
        type: "object",
        required: ["id", "kind", "title"],
        properties: {
          id: { type: "string", minLength: 1, maxLength: 64 },
          kind: { type: "string" },
          title: { type: "string", maxLength: 200 },
          translations: {
            type: "object",
            propertyNames: { pattern: LANGUAGE_TAG },
            additionalProperties: {
              type: "object",
              properties: { title: { type: "string", maxLength: 200 }, empty: { type: "string", maxLength: 500 } },
              additionalProperties: false,
            },
          },
        },
      },
    },
    // Each .docx is then read and its tags compiled as an upload is (bundle.server.ts).
    wordTemplates: {
      type: "array",
      maxItems: 200,
      items: {
        type: "object",
        required: ["tableId", "name", "content"],
        properties: {
          tableId: { type: "string", pattern: idPattern },
          table: { type: "string", maxLength: 64 },
          name: { type: "string", minLength: 1, maxLength: 120, pattern: "\\S" },
          content: { type: "string", minLength: 1, maxLength: WORD_TEMPLATE_MAX_BASE64, pattern: "^[A-Za-z0-9+/]*={0,2}$" },
          size: { type: "integer", minimum: 0 },
          createdAt: { type: "string", maxLength: 64 },
          updatedAt: { type: "string", maxLength: 64 },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
  $defs: { template: templateSchema },
} as const;
