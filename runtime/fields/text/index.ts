import { defineFieldKind, fieldDefinitionSchema, regexSourceSchema } from "../common";
import { lengthLimited, parseExactText, stringConversions } from "../text-like";

export const DEFAULT_TEXT_LENGTH = 255;
/** Above this a VARCHAR would crowd MySQL's 65,535-byte row limit; use TEXT instead. */
const LONGEST_VARCHAR = 4000;

export const textKind = defineFieldKind({
  kind: "text",
  listTier: 2,
  label: "Text",
  jsonType: "string",
  definitionSchema: fieldDefinitionSchema("text", {
    type: "string",
    searchable: true,
    defaultSchema: { type: "string", maxLength: 65535 },
    properties: {
      maxLength: { type: "integer", minimum: 1, maximum: 65535 },
      minLength: { type: "integer", minimum: 0, maximum: 65535 },
      pattern: regexSourceSchema,
    },
  }),
  valueSchema: (field) => ({
    type: "string",
    ...lengthLimited(field, DEFAULT_TEXT_LENGTH),
    ...(field.pattern !== undefined ? { pattern: field.pattern } : {}),
  }),
  column: (field) => {
    const length = field.maxLength ?? DEFAULT_TEXT_LENGTH;
    return length > LONGEST_VARCHAR ? { type: "text", size: "normal" } : { type: "string", length };
  },
  ...stringConversions,
  searchable: true,
  readOnly: false,
  valueClass: "text",
  printFilter: "text",
  parseText: parseExactText,
});
