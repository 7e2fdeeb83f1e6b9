import {
  defineFieldKind,
  enumSchema,
  fieldDefinitionSchema,
  isNullish,
  labelsSchema,
  optionMetaSchema,
  ok,
  optionValueSchema,
  SELECT_OPERATORS,
} from "../common";
import { formatOptionDisplay, matchOption, optionDefinitionProblems, optionKeyProblems, optionValues } from "../options";
import { stringConversions } from "../text-like";

const OPTION_COLUMN_LENGTH = 100;

export const selectKind = defineFieldKind({
  kind: "select",
  listTier: 0,
  label: "Choice",
  jsonType: "string",
  definitionSchema: fieldDefinitionSchema("select", {
    type: "string",
    uniqueable: false,
    required: ["enum"],
    defaultSchema: optionValueSchema,
    properties: { enum: enumSchema(), "x-labels": labelsSchema, "x-option-meta": optionMetaSchema },
  }),
  valueSchema: (field) => ({ type: "string", enum: optionValues(field) }),
  column: () => ({ type: "string", length: OPTION_COLUMN_LENGTH }),
  toDb: stringConversions.toDb,
  fromDb: stringConversions.fromDb,
  filterOperators: SELECT_OPERATORS,
  sortable: true,
  searchable: false,
  readOnly: false,
  valueClass: "option",
  printFilter: "option",
  checkDefinition: ({ def }) => [
    ...optionDefinitionProblems(def, def.enum, () => [def.default]),
    ...optionKeyProblems(def, def.enum, "x-option-meta"),
  ],
  parseText: (text, field) => (text.trim() === "" ? ok(null) : matchOption(text, field)),
  formatText: (value) => (isNullish(value) ? "" : String(value)),
  formatDisplay: (value, field) => formatOptionDisplay(value, field),
});
