import { isFormula, relationList, relationTarget } from "../fields/structure";
import type { FieldSchema, WorkspaceSchema } from "../schema/types";
import type { FormulaScope } from "./check";

/** A formula field counts as its result kind, so aggregates over it can be checked. */
const kindOf = (field: FieldSchema): string => (isFormula(field) && field["x-result"] ? field["x-result"] : field["x-kind"]);

const kindsOf = (properties: Record<string, FieldSchema>): Record<string, string> =>
  Object.fromEntries(Object.entries(properties).map(([key, field]) => [key, kindOf(field)]));

/**
 * What a formula on `table` can reference: its own fields, and each related list, i.e. every
 * relation field elsewhere that targets `table` and names an `x-inverse`.
 */
export function formulaScopeFor(schema: WorkspaceSchema, table: string): FormulaScope {
  const own = Object.prototype.hasOwnProperty.call(schema.$defs, table) ? schema.$defs[table] : undefined;
  const lists: FormulaScope["lists"] = {};
  for (const child of Object.values(schema.$defs)) {
    for (const field of Object.values(child.properties)) {
      const inverse = relationList(field);
      if (inverse && relationTarget(field) === table) lists[inverse] = kindsOf(child.properties);
    }
  }
  return { fields: own ? kindsOf(own.properties) : {}, lists };
}
