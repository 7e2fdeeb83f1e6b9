import { defineFieldKind, fieldDefinitionSchema, keySchema } from "../common";
import { parseTrimmedText, stringConversions } from "../text-like";

/**
 * Literal text and `{YYYY}`/`{YY}`/`{MM}` tokens around exactly one `{0…0}` counter of 1..12 zeros.
 * The two alternatives start with different characters, so matching never backtracks.
 */
export const AUTONUMBER_PATTERN = "^(?:[^{}]|\\{(?:YYYY|YY|MM)\\})*\\{0{1,12}\\}(?:[^{}]|\\{(?:YYYY|YY|MM)\\})*$";
const MAX_AUTONUMBER_LENGTH = 64;

const conditionSchema = {
  type: "object",
  required: ["field", "op"],
  properties: {
    field: keySchema,
    op: { enum: ["eq", "neq", "in", "notEmpty"] },
    value: {},
  },
  additionalProperties: false,
};

export const autonumberKind = defineFieldKind({
  kind: "autonumber",
  label: "Autonumber",
  jsonType: "string",
  definitionSchema: fieldDefinitionSchema("autonumber", {
    type: "string",
    searchable: true,
    required: ["x-pattern"],
    properties: {
      "x-pattern": { type: "string", minLength: 3, maxLength: 40, pattern: AUTONUMBER_PATTERN },
      "x-assign-when": conditionSchema,
      "x-date-field": keySchema,
    },
  }),
  valueSchema: () => ({ type: "string", minLength: 1, maxLength: MAX_AUTONUMBER_LENGTH }),
  column: () => ({ type: "string", length: MAX_AUTONUMBER_LENGTH }),
  ...stringConversions,
  searchable: true,
  readOnly: true,
  parseText: parseTrimmedText,
});
