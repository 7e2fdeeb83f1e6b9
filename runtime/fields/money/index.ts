import type { FieldSchema } from "../../schema/types";
import type { DefinitionContext, DefinitionProblem, FormatOptions } from "../types";
import { currencySchema, defineFieldKind, fieldDefinitionSchema, keySchema, scaleSchema } from "../common";
import { decimalLikeParts, numberKeywords } from "../decimal-like";
import { formatNumberDisplay } from "../numbers";
import { definitionProblem } from "../definition-words";

const MONEY_PRECISION = 18;
const scaleOf = (field: FieldSchema) => field["x-scale"] ?? 2;

function isCurrencyCode(value: unknown): value is string {
  return typeof value === "string" && /^[A-Z]{3}$/.test(value);
}

/** The record's own currency field wins over the field's fixed currency, then the workspace's. */
export function resolveCurrency(field: FieldSchema, options: FormatOptions, record?: Record<string, unknown>): string | undefined {
  const currencyField = field["x-currency-field"];
  const fromRecord = currencyField !== undefined ? record?.[currencyField] : undefined;
  return [fromRecord, field["x-currency"], options.currency].find(isCurrencyCode);
}

/** The currency field names a field of the record that holds a code: text or a choice. */
function currencyFieldProblems({ def, table }: DefinitionContext): DefinitionProblem[] {
  const name = def["x-currency-field"];
  if (typeof name !== "string") return [];
  const at = ["x-currency-field"];
  if (!table.hasField(name)) return [definitionProblem(at, "currencyFieldMissing", { name })];
  const kind = table.kindOf(name);
  if (kind && kind !== "text" && kind !== "select") return [definitionProblem(at, "currencyFieldKind", { name, kind })];
  return [];
}

export const moneyKind = defineFieldKind({
  kind: "money",
  listTier: 0,
  label: "Money",
  definitionSchema: fieldDefinitionSchema("money", {
    type: "number",
    defaultSchema: { type: "number" },
    properties: {
      "x-scale": scaleSchema,
      "x-currency": currencySchema,
      "x-currency-field": keySchema,
      ...numberKeywords,
    },
  }),
  ...decimalLikeParts({ precision: () => MONEY_PRECISION, scale: scaleOf }),
  printFilter: "money",
  checkDefinition: currencyFieldProblems,
  formatDisplay: (value, field, options, record) => {
    const currency = resolveCurrency(field, options, record);
    // Without an explicit scale the currency's own minor unit applies (0 for JPY, 3 for KWD).
    const digits =
      field["x-scale"] !== undefined ? { minimumFractionDigits: field["x-scale"], maximumFractionDigits: field["x-scale"] } : {};
    if (currency === undefined) {
      return formatNumberDisplay(value, options.locale, { minimumFractionDigits: scaleOf(field), maximumFractionDigits: scaleOf(field) });
    }
    return formatNumberDisplay(value, options.locale, { style: "currency", currency, ...digits });
  },
});
