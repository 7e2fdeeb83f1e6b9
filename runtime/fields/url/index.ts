import { defineFieldKind, fieldDefinitionSchema } from "../common";
import { parseTrimmedText, stringConversions } from "../text-like";

const MAX_URL_LENGTH = 2000;
/** Only schemes that are safe to put in an href: no javascript:, data: or file:. */
export const URL_SCHEME_PATTERN = "^(?:[hH][tT][tT][pP][sS]?://[^/?#\\s]|[mM][aA][iI][lL][tT][oO]:\\S)";

export const urlKind = defineFieldKind({
  kind: "url",
  listTier: 2,
  label: "Link",
  jsonType: "string",
  definitionSchema: fieldDefinitionSchema("url", {
    type: "string",
    searchable: true,
    defaultSchema: { type: "string", maxLength: MAX_URL_LENGTH, pattern: URL_SCHEME_PATTERN },
    properties: {
      format: { const: "uri" },
      maxLength: { type: "integer", minimum: 10, maximum: MAX_URL_LENGTH },
    },
  }),
  valueSchema: (field) => ({
    type: "string",
    format: "uri",
    pattern: URL_SCHEME_PATTERN,
    maxLength: field.maxLength ?? MAX_URL_LENGTH,
  }),
  column: () => ({ type: "string", length: MAX_URL_LENGTH }),
  ...stringConversions,
  searchable: true,
  readOnly: false,
  valueClass: "text",
  printFilter: "text",
  parseText: parseTrimmedText,
});
