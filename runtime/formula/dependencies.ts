import { walkFormula, type FormulaAst } from "./ast";
import { parseFormula } from "./parse";

export interface FormulaDependencies {
  /** Keys of the same record, in order of first use. */
  fields: string[];
  /** Related lists and the fields read from their rows (empty for `count(list)`). */
  children: { list: string; fields: string[] }[];
}

export function formulaDependencies(ast: FormulaAst): FormulaDependencies {
  const fields = new Set<string>();
  const children = new Map<string, Set<string>>();
  walkFormula(ast, (node) => {
    if (node.type === "field") fields.add(node.name);
    if (node.type === "aggregate") {
      const listFields = children.get(node.list.name) ?? new Set<string>();
      if (node.field) listFields.add(node.field.name);
      children.set(node.list.name, listFields);
    }
  });
  return {
    fields: [...fields],
    children: [...children].map(([list, listFields]) => ({ list, fields: [...listFields] })),
  };
}

function astOf(formula: string | FormulaAst): FormulaAst | undefined {
  if (typeof formula !== "string") return formula;
  const parsed = parseFormula(formula);
  return parsed.ok ? parsed.ast : undefined;
}

/** Does the formula read this field of its own record? False for a formula that does not parse. */
export function formulaReferencesField(formula: string | FormulaAst, field: string): boolean {
  const ast = astOf(formula);
  return ast !== undefined && formulaDependencies(ast).fields.includes(field);
}

/**
 * Does the formula aggregate over this related list (or, with `field`, read this field of its
 * rows)? False for a formula that does not parse.
 */
export function formulaReferencesList(formula: string | FormulaAst, list: string, field?: string): boolean {
  const ast = astOf(formula);
  if (ast === undefined) return false;
  const child = formulaDependencies(ast).children.find((c) => c.list === list);
  return child !== undefined && (field === undefined || child.fields.includes(field));
}
