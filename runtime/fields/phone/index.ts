import { defineFieldKind, fieldDefinitionSchema } from "../common";
import { parseTrimmedText, stringConversions } from "../text-like";

/**
 * 3..32 characters (checked first, by a lookahead, so a huge input fails fast), at least one digit,
 * an optional leading +, digits, spaces, ( ) - . and an optional extension `x123`.
 */
export const PHONE_PATTERN = "^(?=[\\s\\S]{3,32}$)(?=\\D*\\d)\\+?[0-9(). -]+(?:x ?[0-9]+)?$";

export const phoneKind = defineFieldKind({
  kind: "phone",
  listTier: 1,
  label: "Phone",
  jsonType: "string",
  definitionSchema: fieldDefinitionSchema("phone", {
    type: "string",
    searchable: true,
    defaultSchema: { type: "string", pattern: PHONE_PATTERN },
  }),
  valueSchema: () => ({ type: "string", pattern: PHONE_PATTERN }),
  column: () => ({ type: "string", length: 40 }),
  ...stringConversions,
  searchable: true,
  readOnly: false,
  valueClass: "text",
  printFilter: "text",
  patternHint: "digits, spaces and + - ( ) only",
  parseText: parseTrimmedText,
});
