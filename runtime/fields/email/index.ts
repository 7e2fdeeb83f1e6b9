import { defineFieldKind, fieldDefinitionSchema } from "../common";
import { parseTrimmedText, stringConversions } from "../text-like";

/** RFC 5321's limit on a forward path. */
const MAX_EMAIL_LENGTH = 254;

export const emailKind = defineFieldKind({
  kind: "email",
  listTier: 1,
  label: "Email",
  jsonType: "string",
  definitionSchema: fieldDefinitionSchema("email", {
    type: "string",
    searchable: true,
    defaultSchema: { type: "string", maxLength: MAX_EMAIL_LENGTH },
    properties: {
      format: { const: "email" },
      maxLength: { type: "integer", minimum: 3, maximum: MAX_EMAIL_LENGTH },
    },
  }),
  valueSchema: (field) => ({ type: "string", format: "email", maxLength: field.maxLength ?? MAX_EMAIL_LENGTH }),
  column: () => ({ type: "string", length: MAX_EMAIL_LENGTH }),
  ...stringConversions,
  searchable: true,
  readOnly: false,
  valueClass: "text",
  printFilter: "text",
  parseText: parseTrimmedText,
});
