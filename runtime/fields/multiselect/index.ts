import {
  defineFieldKind,
  isPlainObject,
  enumSchema,
  fieldDefinitionSchema,
  jsonFromDb,
  jsonToDb,
  labelsSchema,
  MULTISELECT_OPERATORS,
  ok,
  optionValueSchema,
} from "../common";
import type { ParseResult } from "../types";
import { formatOptionDisplay, matchOption, optionDefinitionProblems, optionValues } from "../options";

/** `;` separates options in import and export cells, so no option may contain one. */
const multiOptionSchema = { ...optionValueSchema, pattern: "^[^;\\s](?:[^;]*[^;\\s])?$" };
const SEPARATOR = ";";

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export const multiselectKind = defineFieldKind({
  kind: "multiselect",
  listTier: 2,
  label: "Multiple choice",
  jsonType: "array",
  definitionSchema: fieldDefinitionSchema("multiselect", {
    type: "array",
    // A JSON column takes no plain index.
    indexable: false,
    required: ["items"],
    defaultSchema: { type: "array", uniqueItems: true, items: multiOptionSchema },
    properties: {
      items: {
        type: "object",
        required: ["type", "enum"],
        properties: { type: { const: "string" }, enum: enumSchema(multiOptionSchema) },
        additionalProperties: false,
      },
      uniqueItems: { const: true },
      "x-labels": labelsSchema,
    },
  }),
  valueSchema: (field) => ({ type: "array", uniqueItems: true, items: { type: "string", enum: optionValues(field) } }),
  column: () => ({ type: "json" }),
  toDb: (value) => jsonToDb(value),
  fromDb: (raw) => jsonFromDb(raw),
  filterOperators: MULTISELECT_OPERATORS,
  sortable: false,
  searchable: false,
  readOnly: false,
  valueClass: "options",
  printFilter: "option",
  checkDefinition: ({ def }) =>
    optionDefinitionProblems(def, isPlainObject(def.items) ? def.items.enum : undefined, () =>
      Array.isArray(def.default) ? def.default : [],
    ),
  // A condition names one option: "has any of vip, partner" is one value per option.
  parseFilterText: (text, field) => (text.trim() === "" ? ok(null) : matchOption(text, field)),
  // No option chosen is stored as an empty JSON list.
  storedEmpty: ["[]"],
  parseText: (text, field): ParseResult<string[]> => {
    const chosen: string[] = [];
    for (const part of text.split(SEPARATOR)) {
      if (part.trim() === "") continue;
      const match = matchOption(part, field);
      if (!match.ok) return match;
      if (!chosen.includes(match.value)) chosen.push(match.value);
    }
    return ok(chosen);
  },
  formatText: (value) => asList(value).map(String).join(`${SEPARATOR} `),
  formatDisplay: (value, field) =>
    asList(value)
      .map((option) => formatOptionDisplay(option, field))
      .join(", "),
});
