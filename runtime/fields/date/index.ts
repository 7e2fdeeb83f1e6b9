import { defineFieldKind, fieldDefinitionSchema, isNullish, mapPresent, ok, ORDERED_OPERATORS } from "../common";
import { dateFromDb, formatDateDisplay, parseDateText } from "../dates";

/** Shape only; the meta-schema's ajv may not load formats. */
const ISO_DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";

export const dateKind = defineFieldKind({
  kind: "date",
  listTier: 0,
  label: "Date",
  jsonType: "string",
  definitionSchema: fieldDefinitionSchema("date", {
    type: "string",
    defaultSchema: { type: "string", pattern: ISO_DATE_PATTERN },
    properties: { format: { const: "date" } },
  }),
  valueSchema: () => ({ type: "string", format: "date" }),
  column: () => ({ type: "date" }),
  toDb: (value) => mapPresent(value, String),
  fromDb: (raw) => dateFromDb(raw),
  filterOperators: ORDERED_OPERATORS,
  sortable: true,
  searchable: false,
  readOnly: false,
  valueClass: "date",
  printFilter: "date",
  parseText: (text) => (text.trim() === "" ? ok(null) : parseDateText(text)),
  formatText: (value) => (isNullish(value) ? "" : String(value)),
  formatDisplay: (value, _field, options) => formatDateDisplay(value, options.locale),
});
