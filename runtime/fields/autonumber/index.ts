import type { DefinitionContext, DefinitionProblem } from "../types";
import { defineFieldKind, fieldDefinitionSchema, isPlainObject, keySchema } from "../common";
import { parseTrimmedText, stringConversions } from "../text-like";
import { definitionProblem } from "../definition-words";

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

/** The condition tests a field of the record, and the year comes from one of its dates. */
function numberingProblems({ def, table }: DefinitionContext): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const when = def["x-assign-when"];
  if (isPlainObject(when) && typeof when.field === "string" && !table.hasField(when.field))
    problems.push(definitionProblem(["x-assign-when", "field"], "conditionFieldMissing", { name: when.field }));
  const dateField = def["x-date-field"];
  if (typeof dateField === "string") {
    const kind = table.kindOf(dateField);
    if (!table.hasField(dateField)) problems.push(definitionProblem(["x-date-field"], "dateFieldMissing", { name: dateField }));
    else if (kind && kind !== "date" && kind !== "datetime")
      problems.push(definitionProblem(["x-date-field"], "dateFieldKind", { name: dateField, kind }));
  }
  return problems;
}

export const autonumberKind = defineFieldKind({
  kind: "autonumber",
  listTier: 0,
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
  valueClass: "text",
  printFilter: "text",
  checkDefinition: numberingProblems,
  parseText: parseTrimmedText,
});
