import { defineFieldKind, fieldDefinitionSchema, precisionSchema, scaleSchema } from "../common";
import { decimalLikeParts, numberKeywords } from "../decimal-like";
import { formatNumberDisplay } from "../numbers";
import type { FieldSchema } from "../../schema/types";

const scaleOf = (field: FieldSchema) => field["x-scale"] ?? 2;

export const decimalKind = defineFieldKind({
  kind: "decimal",
  listTier: 0,
  label: "Decimal number",
  definitionSchema: fieldDefinitionSchema("decimal", {
    type: "number",
    defaultSchema: { type: "number" },
    properties: { "x-precision": precisionSchema, "x-scale": scaleSchema, ...numberKeywords },
  }),
  ...decimalLikeParts({ precision: (field) => field["x-precision"] ?? 18, scale: scaleOf }),
  printFilter: "number",
  formatDisplay: (value, field, options) =>
    formatNumberDisplay(value, options.locale, { minimumFractionDigits: scaleOf(field), maximumFractionDigits: scaleOf(field) }),
});
