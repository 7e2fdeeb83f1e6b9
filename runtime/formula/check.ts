import { fieldKinds, isFieldKind } from "../fields/registry";
import { isFormula } from "../fields/structure";
import { walkFormula, type FormulaError } from "./ast";
import { parseFormula } from "./parse";
import { hintFor } from "./suggest";

/**
 * What references must resolve to. Kinds are FieldKind strings from runtime/schema/types.ts; for a
 * formula field either "formula" or its result kind may be given.
 */
export interface FormulaScope {
  /** Fields of the record the formula belongs to: key → kind. */
  fields: Record<string, string>;
  /** Related lists (the `x-inverse` names pointing here): list → (field key → kind). */
  lists: Record<string, Record<string, string>>;
}

/** An aggregate adds up numbers. A formula whose result is not given here is given the benefit of the doubt. */
const summable = (kind: string): boolean => isFieldKind(kind) && (fieldKinds[kind].valueClass === "number" || isFormula({ kind }));

const own = <T>(record: Record<string, T>, key: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;

/** Every problem in a formula, in source order, each saying how to fix it; empty when it is fine. */
export function checkFormula(source: string, scope: FormulaScope): FormulaError[] {
  const parsed = parseFormula(source);
  if (!parsed.ok) return [parsed.error];
  const fieldKeys = Object.keys(scope.fields);
  const listNames = Object.keys(scope.lists);
  const errors: FormulaError[] = [];

  walkFormula(parsed.ast, (node) => {
    if (node.type === "field" && own(scope.fields, node.name) === undefined) {
      const message =
        own(scope.lists, node.name) !== undefined
          ? `"${node.name}" is a related list, not a field: use e.g. sum(${node.name}.<field>) or count(${node.name})`
          : `unknown field "${node.name}": ${hintFor(node.name, fieldKeys, "fields")}`;
      errors.push({ message, position: node.position });
    }
    if (node.type !== "aggregate") return;
    const { list, field } = node;
    const listFields = own(scope.lists, list.name);
    if (listFields === undefined) {
      const message =
        own(scope.fields, list.name) !== undefined
          ? `"${list.name}" is a field, not a related list; related lists: ${listNames.join(", ") || "none"}`
          : `unknown related list "${list.name}": ${hintFor(list.name, listNames, "related lists")}`;
      errors.push({ message, position: list.position });
      return;
    }
    if (field === null) return;
    const kind = own(listFields, field.name);
    if (kind === undefined) {
      errors.push({
        message: `unknown field "${field.name}" in related list "${list.name}": ${hintFor(field.name, Object.keys(listFields), "fields")}`,
        position: field.position,
      });
    } else if (!summable(kind)) {
      errors.push({
        message: `${node.fn} needs a number field, but "${list.name}.${field.name}" is ${kind}`,
        position: field.position,
      });
    }
  });
  return errors.sort((a, b) => a.position - b.position);
}
