import { defineFieldKind, fieldDefinitionSchema } from "../common";
import { lengthLimited, parseExactText, stringConversions } from "../text-like";

/** A cap so one note cannot fill the database; LONGTEXT itself would take 4 GB. */
const DEFAULT_LONGTEXT_LENGTH = 1_000_000;

export const longtextKind = defineFieldKind({
  kind: "longtext",
  label: "Long text",
  jsonType: "string",
  definitionSchema: fieldDefinitionSchema("longtext", {
    type: "string",
    searchable: true,
    // TEXT columns take no plain index on MySQL.
    indexable: false,
    defaultSchema: { type: "string", maxLength: 65535 },
    properties: {
      maxLength: { type: "integer", minimum: 1, maximum: 16_777_215 },
      minLength: { type: "integer", minimum: 0, maximum: 16_777_215 },
    },
  }),
  valueSchema: (field) => ({ type: "string", ...lengthLimited(field, DEFAULT_LONGTEXT_LENGTH) }),
  column: () => ({ type: "text", size: "long" }),
  ...stringConversions,
  sortable: false,
  searchable: true,
  readOnly: false,
  valueClass: "text",
  printFilter: "text",
  fullWidth: true,
  listChars: 300,
  shortValue: false,
  parseText: parseExactText,
});
