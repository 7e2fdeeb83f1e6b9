import { defineFieldKind, fieldDefinitionSchema, isNullish, ok, ORDERED_OPERATORS } from "../common";
import { dateTimeFromDb, dateTimeToDb, formatDateTimeDisplay, parseDateTimeText } from "../dates";

/**
 * JSON values are ISO 8601 with any offset on input and UTC `Z` on output. The column holds UTC
 * text `YYYY-MM-DD HH:MM:SS.sss` (on MySQL a DATETIME(3)), which sorts correctly on both dialects.
 */
export const datetimeKind = defineFieldKind({
  kind: "datetime",
  listTier: 0,
  label: "Date and time",
  jsonType: "string",
  definitionSchema: fieldDefinitionSchema("datetime", {
    type: "string",
    properties: { format: { const: "date-time" } },
  }),
  valueSchema: () => ({ type: "string", format: "date-time" }),
  column: () => ({ type: "datetime" }),
  toDb: (value) => dateTimeToDb(value),
  fromDb: (raw) => dateTimeFromDb(raw),
  filterOperators: ORDERED_OPERATORS,
  sortable: true,
  searchable: false,
  readOnly: false,
  valueClass: "datetime",
  printFilter: "datetime",
  parseText: (text) => (text.trim() === "" ? ok(null) : parseDateTimeText(text)),
  formatText: (value) => (isNullish(value) ? "" : String(value)),
  formatDisplay: (value, _field, options) => formatDateTimeDisplay(value, options.locale, options.timeZone),
});
