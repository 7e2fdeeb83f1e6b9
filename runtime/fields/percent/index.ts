import Decimal from "decimal.js";
import type { FieldSchema } from "../../schema/types";
import { defineFieldKind, fieldDefinitionSchema, isNullish, ok, scaleSchema } from "../common";
import { decimalLikeParts, numberKeywords } from "../decimal-like";
import { formatNumberDisplay, parseNumberText } from "../numbers";

const scaleOf = (field: FieldSchema) => field["x-scale"] ?? 4;
const parts = decimalLikeParts({ precision: () => 9, scale: scaleOf });

/** Values are percentage points: 20 means 20 %. */
export const percentKind = defineFieldKind({
  kind: "percent",
  listTier: 0,
  label: "Percent",
  definitionSchema: fieldDefinitionSchema("percent", {
    type: "number",
    defaultSchema: { type: "number" },
    properties: { "x-scale": scaleSchema, ...numberKeywords },
  }),
  ...parts,
  printFilter: "percent",
  parseText: (text) => {
    const withoutSign = text.trim().replace(/\s*%$/, "");
    return withoutSign === "" ? ok(null) : parseNumberText(withoutSign);
  },
  formatDisplay: (value, field, options) => {
    if (isNullish(value) || typeof value !== "number") return formatNumberDisplay(value, options.locale, {});
    // Divided exactly: 0.07 / 100 in binary floating point is 0.0007000000000000001.
    const fraction = new Decimal(value).div(100).toNumber();
    return formatNumberDisplay(fraction, options.locale, { style: "percent", maximumFractionDigits: scaleOf(field) });
  },
});
