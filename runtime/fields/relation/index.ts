import { USERS_TABLE } from "../../schema/types";
import type { DefinitionContext, DefinitionProblem } from "../types";
import { defineFieldKind, fieldDefinitionSchema, isNullish, keySchema, mapPresent, ok, quote, RELATION_OPERATORS } from "../common";
import { refuse } from "../value-words";
import { definitionProblem } from "../definition-words";
import { numberFromDb } from "../numbers";

/** The target exists, and a composition (a line of its target) names its list and is required. */
function relationProblems({ key, def, table, tables }: DefinitionContext): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const target = def["x-target"];
  if (typeof target === "string" && target !== USERS_TABLE && !tables.includes(target))
    problems.push(definitionProblem(["x-target"], "targetMissing", { target, tables: [...tables, USERS_TABLE].join(", ") }));
  const fill = def["x-fill"];
  if (typeof fill === "object" && fill !== null)
    for (const own of Object.keys(fill)) {
      if (own === key || !table.hasField(own))
        problems.push(definitionProblem(["x-fill", own], "fillNotField", { name: own, table: table.key }));
    }
  if (def["x-composition"] === true) {
    if (typeof def["x-inverse"] !== "string")
      problems.push(definitionProblem(["x-composition"], "compositionInverse", { target: String(target) }));
    if (!table.required.includes(key))
      problems.push(definitionProblem(["x-composition"], "compositionRequired", { key, path: table.path }));
  }
  return problems;
}

export const relationKind = defineFieldKind({
  kind: "relation",
  listTier: 0,
  label: "Link to record",
  jsonType: "integer",
  definitionSchema: fieldDefinitionSchema("relation", {
    type: "integer",
    required: ["x-target"],
    properties: {
      "x-target": keySchema,
      "x-inverse": keySchema,
      "x-composition": { type: "boolean" },
      "x-fill": { type: "object", maxProperties: 50, propertyNames: keySchema, additionalProperties: keySchema },
    },
  }),
  // The column is a signed INT on MySQL.
  valueSchema: () => ({ type: "integer", minimum: 1, maximum: 2_147_483_647 }),
  // Record ids are auto-increment integers on both dialects.
  column: () => ({ type: "integer" }),
  toDb: (value) => mapPresent(value, Number),
  fromDb: (raw) => numberFromDb(raw),
  filterOperators: RELATION_OPERATORS,
  sortable: true,
  searchable: false,
  readOnly: false,
  valueClass: "reference",
  // A Field chip follows a relation to its target's fields instead.
  printFilter: null,
  checkDefinition: relationProblems,
  parseText: (text) => {
    const trimmed = text.trim();
    if (trimmed === "") return ok(null);
    const id = Number(trimmed);
    if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(id) || id < 1) {
      return refuse("notRecordId", { value: quote(trimmed) });
    }
    return ok(id);
  },
  formatText: (value) => (isNullish(value) ? "" : String(value)),
  // The target's title needs a database read; the records service replaces this where it can.
  formatDisplay: (value) => (isNullish(value) ? "" : `#${String(value)}`),
});
