/** The formula language of formula fields: parse, check against a schema, evaluate, rename, order. */
export type { FormulaAst, FormulaError, BinaryOperator, UnaryOperator, AggregateFunction, NameRef } from "./ast";
export { parseFormula } from "./parse";
export { formulaDependencies, formulaReferencesField, formulaReferencesList } from "./dependencies";
export type { FormulaDependencies } from "./dependencies";
export { checkFormula } from "./check";
export type { FormulaScope } from "./check";
export { evaluateFormula } from "./evaluate";
export type { FormulaContext } from "./evaluate";
export { toResultValue } from "./result-value";
export type { FormulaValue } from "./result-value";
export { renameInFormula } from "./rename";
export type { FormulaRenames } from "./rename";
export { formulaOrder } from "./order";
export { KNOWN_FUNCTION_NAMES } from "./functions";
export { FormulaDecimal } from "./values";
export { formulaScopeFor } from "./scope";
