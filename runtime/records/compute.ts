import {
  evaluateFormula,
  formulaDependencies,
  formulaOrder,
  parseFormula,
  toResultValue,
  type FormulaAst,
  type FormulaDependencies,
} from "../formula/index";
import { isFormula } from "../fields/structure";
import type { CompiledTable } from "../schema/compile";

/**
 * Stored formulas: computed on every save (and when a related list changes) so lists can sort and
 * filter on them. Pure, so the card in the browser shows the same totals the server stores.
 */
const astCache = new Map<string, FormulaAst>();

function ast(source: string): FormulaAst {
  let a = astCache.get(source);
  if (!a) {
    const parsed = parseFormula(source);
    // The schema check refuses bad formulas before a schema is stored; reaching this is a bug.
    if (!parsed.ok) throw new Error(`formula "${source}" does not parse: ${parsed.error.message}`);
    a = parsed.ast;
    if (astCache.size > 5000) astCache.clear();
    astCache.set(source, a);
  }
  return a;
}

const orderCache = new WeakMap<CompiledTable, string[]>();

function orderedFormulaFields(table: CompiledTable): string[] {
  let order = orderCache.get(table);
  if (!order) {
    const formulas = table.fields.filter(isFormula).map((f) => ({ key: f.key, formula: f.def["x-formula"] ?? "" }));
    order = formulaOrder(formulas);
    orderCache.set(table, order);
  }
  return order;
}

const readsCache = new WeakMap<CompiledTable, Map<string, FormulaDependencies>>();

/** What each formula field reads: fields of its own record, and lists with the fields it aggregates. */
export function formulaReads(table: CompiledTable): ReadonlyMap<string, FormulaDependencies> {
  let reads = readsCache.get(table);
  if (!reads) {
    reads = new Map(table.fields.filter(isFormula).map((f) => [f.key, formulaDependencies(ast(f.def["x-formula"] ?? ""))]));
    readsCache.set(table, reads);
  }
  return reads;
}

/** Names of related lists the table's formulas aggregate over (`items` in `sum(items.gross)`). */
export function listsUsedByFormulas(table: CompiledTable): string[] {
  const names = new Set<string>();
  for (const reads of formulaReads(table).values()) for (const c of reads.children) names.add(c.list);
  return [...names];
}

export function hasFormulas(table: CompiledTable): boolean {
  return table.fields.some(isFormula);
}

/** Returns the record with every formula field (re)computed, in dependency order. */
export function computeFormulas(
  table: CompiledTable,
  record: Record<string, unknown>,
  lists: Record<string, Record<string, unknown>[]> = {},
): Record<string, unknown> {
  if (!hasFormulas(table)) return record;
  return computeFormulasInPlace(table, { ...record }, lists);
}

/** `computeFormulas` into the record itself, for a caller that owns it (a bulk write's copy of its input). */
export function computeFormulasInPlace(
  table: CompiledTable,
  out: Record<string, unknown>,
  lists: Record<string, Record<string, unknown>[]> = {},
): Record<string, unknown> {
  for (const key of orderedFormulaFields(table)) {
    const field = table.fieldsByKey.get(key)!;
    const value = evaluateFormula(ast(field.def["x-formula"] ?? ""), { record: out, lists });
    out[key] = toResultValue(value, field.def["x-result"] ?? "decimal", field.def["x-scale"]);
  }
  return out;
}
