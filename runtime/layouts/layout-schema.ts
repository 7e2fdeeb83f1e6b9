import { translationsSchema } from "../i18n/translations-schema";
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import { describeAjvError } from "../schema/ajv-messages";
import type { CardLayout, LayoutNotice } from "./types";

/** The JSON Schema every stored card layout satisfies; the designer and the save path both check it. */
export const layoutJsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://tessera.dev/schemas/card-layout.json",
  title: "Tessera card layout",
  oneOf: [{ $ref: "#/$defs/Categorization" }, { $ref: "#/$defs/VerticalLayout" }],
  $defs: {
    label: { type: "string", minLength: 1, maxLength: 120 },
    translations: translationsSchema({
      label: { type: "string", minLength: 1, maxLength: 120 },
      help: { type: "string", maxLength: 500 },
      text: { type: "string", minLength: 1, maxLength: 2000 },
    }),
    elements: { type: "array", maxItems: 500, items: { $ref: "#/$defs/element" } },
    element: {
      type: "object",
      required: ["type"],
      properties: { type: { enum: ["Control", "RelatedList", "Separator", "Note", "HorizontalLayout", "Group", "VerticalLayout"] } },
      allOf: [
        { if: { properties: { type: { const: "Control" } } }, then: { $ref: "#/$defs/Control" } },
        { if: { properties: { type: { const: "RelatedList" } } }, then: { $ref: "#/$defs/RelatedList" } },
        { if: { properties: { type: { const: "Separator" } } }, then: { $ref: "#/$defs/Separator" } },
        { if: { properties: { type: { const: "Note" } } }, then: { $ref: "#/$defs/Note" } },
        { if: { properties: { type: { const: "HorizontalLayout" } } }, then: { $ref: "#/$defs/HorizontalLayout" } },
        { if: { properties: { type: { const: "Group" } } }, then: { $ref: "#/$defs/Group" } },
        { if: { properties: { type: { const: "VerticalLayout" } } }, then: { $ref: "#/$defs/VerticalLayout" } },
      ],
    },
    Control: {
      type: "object",
      required: ["type", "scope", "x-field"],
      additionalProperties: false,
      properties: {
        type: { const: "Control" },
        scope: { type: "string", pattern: "^#/properties/[A-Za-z_][A-Za-z0-9_]*$" },
        "x-field": { type: "string", minLength: 1, maxLength: 64 },
        options: {
          type: "object",
          additionalProperties: false,
          properties: {
            width: { type: "integer", minimum: 1, maximum: 12 },
            label: { $ref: "#/$defs/label" },
            help: { type: "string", maxLength: 500 },
            readOnly: { type: "boolean" },
            "x-translations": { $ref: "#/$defs/translations" },
          },
        },
      },
    },
    RelatedList: {
      type: "object",
      required: ["type", "list"],
      additionalProperties: false,
      properties: {
        type: { const: "RelatedList" },
        list: { type: "string", minLength: 1, maxLength: 64 },
        label: { $ref: "#/$defs/label" },
        columns: { type: "array", maxItems: 12, uniqueItems: true, items: { type: "string", minLength: 1, maxLength: 64 } },
        "x-translations": { $ref: "#/$defs/translations" },
      },
    },
    Separator: { type: "object", required: ["type"], additionalProperties: false, properties: { type: { const: "Separator" } } },
    Note: {
      type: "object",
      required: ["type", "text"],
      additionalProperties: false,
      properties: {
        type: { const: "Note" },
        text: { type: "string", minLength: 1, maxLength: 2000 },
        "x-translations": { $ref: "#/$defs/translations" },
      },
    },
    HorizontalLayout: {
      type: "object",
      required: ["type", "elements"],
      additionalProperties: false,
      properties: { type: { const: "HorizontalLayout" }, elements: { $ref: "#/$defs/elements" } },
    },
    Group: {
      type: "object",
      required: ["type", "label", "elements"],
      additionalProperties: false,
      properties: {
        type: { const: "Group" },
        label: { $ref: "#/$defs/label" },
        elements: { $ref: "#/$defs/elements" },
        "x-translations": { $ref: "#/$defs/translations" },
      },
    },
    VerticalLayout: {
      type: "object",
      required: ["type", "elements"],
      additionalProperties: false,
      properties: { type: { const: "VerticalLayout" }, elements: { $ref: "#/$defs/elements" } },
    },
    Category: {
      type: "object",
      required: ["type", "label", "elements"],
      additionalProperties: false,
      properties: {
        type: { const: "Category" },
        label: { $ref: "#/$defs/label" },
        elements: { $ref: "#/$defs/elements" },
        "x-translations": { $ref: "#/$defs/translations" },
      },
    },
    Categorization: {
      type: "object",
      required: ["type", "elements"],
      additionalProperties: false,
      properties: {
        type: { const: "Categorization" },
        elements: { type: "array", minItems: 1, maxItems: 50, items: { $ref: "#/$defs/Category" } },
      },
    },
  },
} as const;

let validator: ValidateFunction | null = null;

function compiled(): ValidateFunction {
  if (!validator) validator = new Ajv2020({ allErrors: true, strict: false }).compile(layoutJsonSchema);
  return validator;
}

/** Shape problems of a layout (not whether its fields exist: see `checkLayoutFields`). */
export function layoutShapeProblems(layout: unknown): LayoutNotice[] {
  const validate = compiled();
  if (validate(layout)) return [];
  return summarize(validate.errors ?? []);
}

export function isCardLayout(layout: unknown): layout is CardLayout {
  return compiled()(layout) === true;
}

/**
 * ajv reports every failed branch of `oneOf`/`if`; the deepest errors say what is really wrong,
 * one message per path is enough.
 */
function summarize(errors: ErrorObject[]): LayoutNotice[] {
  const useful = errors.filter((e) => !["oneOf", "if", "allOf", "$ref"].includes(e.keyword));
  const byPath = new Map<string, string>();
  const ordered = [...useful].sort((a, b) => b.instancePath.split("/").length - a.instancePath.split("/").length);
  for (const e of ordered.length ? ordered : errors) {
    const path = e.instancePath || "/";
    if (byPath.has(path)) continue;
    byPath.set(path, describe(e));
  }
  return [...byPath].map(([path, message]) => ({ path, message }));
}

function describe(e: ErrorObject): string {
  return describeAjvError(e, { pattern: `must look like "#/properties/<field key>"` });
}
