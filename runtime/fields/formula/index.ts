import type { FieldSchema, FormulaResultKind } from "../../schema/types";
import type { DefinitionContext, DefinitionProblem, FieldKindDef, FilterOperator } from "../types";
import { currencySchema, defineFieldKind, fieldDefinitionSchema, keySchema, scaleSchema } from "../common";
import { booleanKind } from "../boolean";
import { dateKind } from "../date";
import { decimalKind } from "../decimal";
import { integerKind } from "../integer";
import { moneyKind } from "../money";
import { percentKind } from "../percent";
import { textKind } from "../text";
import { definitionProblem } from "../definition-words";

/** A formula is stored (so lists can sort and filter on it) and behaves like the kind it yields. */
export const formulaResultKinds: { readonly [K in FormulaResultKind]: FieldKindDef & { kind: K } } = {
  integer: integerKind,
  decimal: decimalKind,
  money: moneyKind,
  percent: percentKind,
  text: textKind,
  boolean: booleanKind,
  date: dateKind,
};

export const FORMULA_RESULTS = Object.keys(formulaResultKinds) as FormulaResultKind[];

export function formulaResultKind(field: FieldSchema): FieldKindDef {
  // The definition schema requires x-result; text is the harmless reading of a broken definition.
  const result = field["x-result"];
  return result !== undefined && Object.hasOwn(formulaResultKinds, result) ? formulaResultKinds[result] : textKind;
}

/** A formula declares the JSON type of its result. */
function resultTypeProblems({ def }: DefinitionContext): DefinitionProblem[] {
  const result = def["x-result"];
  const expected =
    typeof result === "string" && Object.hasOwn(formulaResultKinds, result)
      ? formulaResultKinds[result as FormulaResultKind].jsonType
      : undefined;
  if (expected === undefined || def.type === expected) return [];
  return [definitionProblem(["type"], "formulaResultType", { result: String(result), expected, type: JSON.stringify(def.type) })];
}

/** Every operator some result offers; `filterOperatorsFor(field)` in the registry narrows it per field. */
const anyResultOperators = [...new Set(Object.values(formulaResultKinds).flatMap((kind) => kind.filterOperators))] as FilterOperator[];

export const formulaKind = defineFieldKind({
  kind: "formula",
  listTier: 0,
  label: "Formula",
  jsonType: "string",
  definitionSchema: fieldDefinitionSchema("formula", {
    type: ["integer", "number", "string", "boolean"],
    uniqueable: false,
    required: ["x-formula", "x-result"],
    properties: {
      "x-formula": { type: "string", minLength: 1, maxLength: 10_000 },
      "x-result": { enum: FORMULA_RESULTS },
      "x-scale": scaleSchema,
      "x-currency": currencySchema,
      "x-currency-field": keySchema,
    },
  }),
  valueSchema: (field) => formulaResultKind(field).valueSchema(field),
  column: (field) => formulaResultKind(field).column(field),
  toDb: (value, field) => formulaResultKind(field).toDb(value, field),
  fromDb: (raw, field) => formulaResultKind(field).fromDb(raw, field),
  filterOperators: anyResultOperators,
  sortable: true,
  searchable: false,
  readOnly: true,
  // Its values are its result kind's (valueKindOf); read alone, a formula is text, as a broken one is.
  valueClass: textKind.valueClass,
  printFilter: textKind.printFilter,
  checkDefinition: resultTypeProblems,
  parseText: (text, field) => formulaResultKind(field).parseText(text, field),
  formatText: (value, field) => formulaResultKind(field).formatText(value, field),
  formatDisplay: (value, field, options, record) => formulaResultKind(field).formatDisplay(value, field, options, record),
});
