import { fieldKinds, isFieldKind } from "../fields/registry";
import { isFormula } from "../fields/structure";
import { walkFormula, type FormulaError } from "./ast";
import { formulaError, formulaPhrase } from "./formula-words";
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
      errors.push(
        own(scope.lists, node.name) !== undefined
          ? formulaError(node.position, "listNotField", { name: node.name })
          : formulaError(node.position, "unknownField", { name: node.name, hint: hintFor(node.name, fieldKeys, "fields") }),
      );
    }
    if (node.type !== "aggregate") return;
    const { list, field } = node;
    const listFields = own(scope.lists, list.name);
    if (listFields === undefined) {
      errors.push(
        own(scope.fields, list.name) !== undefined
          ? formulaError(list.position, "fieldNotList", { name: list.name, lists: listNames.join(", ") || formulaPhrase("none") })
          : formulaError(list.position, "unknownList", { name: list.name, hint: hintFor(list.name, listNames, "lists") }),
      );
      return;
    }
    if (field === null) return;
    const kind = own(listFields, field.name);
    if (kind === undefined) {
      const hint = hintFor(field.name, Object.keys(listFields), "fields");
      errors.push(formulaError(field.position, "unknownListField", { field: field.name, list: list.name, hint }));
    } else if (!summable(kind)) {
      errors.push(formulaError(field.position, "needsNumber", { function: node.fn, list: list.name, field: field.name, kind }));
    }
  });
  return errors.sort((a, b) => a.position - b.position);
}
