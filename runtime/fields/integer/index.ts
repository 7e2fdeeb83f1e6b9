import { defineFieldKind, fieldDefinitionSchema, mapPresent, ok, ORDERED_OPERATORS } from "../common";
import { formatNumberDisplay, formatNumberText, numberFromDb, parseIntegerText, tightenBounds } from "../numbers";

/** JavaScript numbers are exact only up to here; both drivers hand BIGINTs back as numbers. */
const SAFE_BOUNDS = { minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER };

export const integerKind = defineFieldKind({
  kind: "integer",
  listTier: 0,
  label: "Whole number",
  jsonType: "integer",
  definitionSchema: fieldDefinitionSchema("integer", {
    type: "integer",
    defaultSchema: { type: "integer", ...SAFE_BOUNDS },
    properties: {
      minimum: { type: "integer", ...SAFE_BOUNDS },
      maximum: { type: "integer", ...SAFE_BOUNDS },
    },
  }),
  valueSchema: (field) => ({ type: "integer", ...tightenBounds(SAFE_BOUNDS, field) }),
  column: () => ({ type: "bigint" }),
  toDb: (value) => mapPresent(value, Number),
  fromDb: (raw) => numberFromDb(raw),
  filterOperators: ORDERED_OPERATORS,
  sortable: true,
  searchable: false,
  readOnly: false,
  valueClass: "number",
  printFilter: "number",
  parseText: (text) => (text.trim() === "" ? ok(null) : parseIntegerText(text)),
  formatText: (value) => formatNumberText(value),
  formatDisplay: (value, _field, options) => formatNumberDisplay(value, options.locale, { maximumFractionDigits: 0 }),
});
