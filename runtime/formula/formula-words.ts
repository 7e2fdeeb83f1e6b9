import { englishWords, phrased, type Phrase } from "../i18n/words";
import type { FormulaError } from "./ast";

/**
 * What the formula parser and checker say of a formula, in English (the API, the CLI and the
 * schema validation read `message`); the schema designer's formula input says the same phrases
 * in its reader's language (`locales/*.json`).
 */
export const FORMULA_ENGLISH: Readonly<Record<string, string>> = {
  "formulaProblems.digitsAfterPoint": "expected digits after the decimal point",
  "formulaProblems.afterNumber": 'unexpected "{{character}}" after the number',
  "formulaProblems.unterminatedString": 'unterminated string: add the closing "',
  "formulaProblems.unknownEscape": 'unknown escape in string: only \\" and \\\\ are allowed',
  "formulaProblems.unknownOperator": 'unknown operator "{{operator}}": {{advice}}',
  "formulaProblems.useEquals": 'use "=" to compare',
  "formulaProblems.useNotEqual": 'use "!=" for "not equal"',
  "formulaProblems.useAnd": 'use "and"',
  "formulaProblems.useOr": 'use "or"',
  "formulaProblems.singleQuotes": 'strings use double quotes: "text"',
  "formulaProblems.unexpectedCharacter": 'unexpected character "{{character}}"',
  "formulaProblems.notText": "the formula must be text",
  "formulaProblems.empty": "the formula is empty",
  "formulaProblems.endOfFormula": "end of formula",
  "formulaProblems.quoted": '"{{text}}"',
  "formulaProblems.expected": 'expected "{{operator}}" {{context}}, found {{found}}',
  "formulaProblems.missingClose": 'missing ")" {{context}}',
  "formulaProblems.toCloseParenthesis": 'to close the "(" at {{position}}',
  "formulaProblems.toCloseCall": "to close {{name}}(",
  "formulaProblems.afterName": "after {{name}}",
  "formulaProblems.unmatchedClose": 'unmatched ")"',
  "formulaProblems.expectedOperator": "unexpected {{found}}: expected an operator or the end of the formula",
  "formulaProblems.tooDeep": "the formula is nested too deeply",
  "formulaProblems.chainedComparison": 'comparisons cannot be chained: combine them with "and"',
  "formulaProblems.expectedValue": "unexpected {{found}}: expected a value, a field or a function",
  "formulaProblems.listPath": '"{{path}}" refers to a related list: use it inside sum(), avg(), min() or max(), e.g. sum({{path}})',
  "formulaProblems.unknownFunctionClose": 'unknown function "{{name}}": did you mean "{{close}}"?; known functions: {{functions}}',
  "formulaProblems.unknownFunction": 'unknown function "{{name}}"; known functions: {{functions}}',
  "formulaProblems.countTakesList": "count takes the name of a related list, e.g. count(items)",
  "formulaProblems.takesListField": "{{name}} takes a field of a related list, e.g. {{name}}(items.amount)",
  "formulaProblems.takesOrMore": "{{name}} takes {{min}} or more arguments",
  "formulaProblems.takes_one": "{{name}} takes {{count}} argument",
  "formulaProblems.takes_other": "{{name}} takes {{count}} arguments",
  "formulaProblems.takesRange": "{{name}} takes {{min}} to {{max}} arguments",
  "formulaProblems.arityGot": "{{arity}}; got {{given}}",
  "formulaProblems.arityOrListGot": "{{arity}}, or one field of a related list, e.g. {{name}}(items.amount); got {{given}}",
  "formulaProblems.countOnlyList": "count takes only the list: count({{list}})",
  "formulaProblems.listNotField": '"{{name}}" is a related list, not a field: use e.g. sum({{name}}.<field>) or count({{name}})',
  "formulaProblems.unknownField": 'unknown field "{{name}}": {{hint}}',
  "formulaProblems.fieldNotList": '"{{name}}" is a field, not a related list; related lists: {{lists}}',
  "formulaProblems.none": "none",
  "formulaProblems.unknownList": 'unknown related list "{{name}}": {{hint}}',
  "formulaProblems.unknownListField": 'unknown field "{{field}}" in related list "{{list}}": {{hint}}',
  "formulaProblems.needsNumber": '{{function}} needs a number field, but "{{list}}.{{field}}" is {{kind}}',
  "formulaProblems.didYouMean": 'did you mean "{{name}}"?',
  "formulaProblems.noFields": "there are no fields",
  "formulaProblems.noLists": "there are no related lists",
  "formulaProblems.knownFields": "known fields: {{names}}",
  "formulaProblems.knownLists": "known related lists: {{names}}",
  "schemaProblems.formulaCycle": "formulas depend on each other: {{cycle}}",
};
export const englishFormulaWords = englishWords(FORMULA_ENGLISH);

/** A phrase of the formula checker (`formulaProblems.<key>`), for a value inside another phrase. */
export const formulaPhrase = (key: string, values: Record<string, unknown> = {}): Phrase => ({ key: `formulaProblems.${key}`, values });

/** A problem at `position`: its English message and its phrase, side by side. */
export function formulaError(position: number, key: string, values: Record<string, unknown> = {}): FormulaError {
  return { ...phrased(englishFormulaWords, `formulaProblems.${key}`, values), position };
}
