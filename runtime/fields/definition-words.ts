import { englishWords, phrased, type Phrase } from "../i18n/words";
import type { DefinitionProblem } from "./types";

/**
 * What a kind finds wrong in a field's definition, in English (the API, the CLI and the schema
 * validation read `message`); the schema designer says the same phrases in its reader's language
 * (`locales/*.json`, under `schemaProblems`).
 */
export const DEFINITION_ENGLISH: Readonly<Record<string, string>> = {
  "schemaProblems.currencyFieldMissing":
    'currency field "{{name}}" does not exist in this table; add a text or select field holding the currency code',
  "schemaProblems.currencyFieldKind":
    'currency field "{{name}}" is a {{kind}} field; it must be a text or select field holding a code such as "EUR"',
  "schemaProblems.conditionFieldMissing": 'field "{{name}}" does not exist in this table; the condition must test one of its fields',
  "schemaProblems.dateFieldMissing": 'date field "{{name}}" does not exist in this table; name a date or datetime field',
  "schemaProblems.dateFieldKind": '"{{name}}" is a {{kind}} field; the year of the number must come from a date or datetime field',
  "schemaProblems.targetMissing": 'target table "{{target}}" does not exist; use one of: {{tables}}',
  "schemaProblems.fillNotField": '"{{name}}" is not another field of {{table}}, so picking a record cannot fill it',
  "schemaProblems.compositionInverse":
    'a composition needs "x-inverse", the name of the list of these records on "{{target}}" (e.g. "items")',
  "schemaProblems.compositionRequired":
    'a composition field must be required: add "{{key}}" to {{path}}/required, since a part cannot exist without its whole',
  "schemaProblems.formulaResultType": 'a formula with x-result "{{result}}" has type "{{expected}}", not {{type}}',
  "schemaProblems.optionKeyUnknown":
    '{{keyword}} for "{{value}}", which is not one of the options; remove it or add "{{value}}" to the options',
  "schemaProblems.labelUnknown":
    'label for "{{value}}", which is not one of the options; remove the label or add "{{value}}" to the options',
  "schemaProblems.defaultNotOption": "default {{values}} is not one of the options; use one of: {{options}}",
};
const english = englishWords(DEFINITION_ENGLISH);

/** A definition problem at `at`: the English `message` and its phrase (`schemaProblems.<key>`) side by side. */
export function definitionProblem(at: readonly string[], key: string, values: Record<string, unknown> = {}): DefinitionProblem {
  const { message, words }: { message: string; words: Phrase } = phrased(english, `schemaProblems.${key}`, values);
  return { at, message, words };
}
