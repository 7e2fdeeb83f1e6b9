import { englishWords, phrased, type Phrase } from "../i18n/words";
import { FORMULA_ENGLISH } from "../formula/formula-words";
import type { SchemaProblem } from "./types";

/**
 * What the workspace schema validator finds wrong beyond the meta-schema, in English (the API, the
 * CLI and the logs read `message`); the schema designer says the same phrases in its reader's
 * language (`locales/*.json`, under `schemaProblems`). Keys and JSON paths stay as written.
 */
export const SCHEMA_PROBLEMS_ENGLISH: Readonly<Record<string, string>> = {
  "schemaProblems.tableKey": "table key",
  "schemaProblems.fieldKey": "field key",
  "schemaProblems.invalidKey":
    '{{what}} "{{key}}" is not valid: use lowercase letters, digits and underscores, starting with a letter, at most 63 characters',
  "schemaProblems.reservedKey": '{{reason}}; pick another {{what}}, e.g. "{{suggestion}}"',
  "schemaProblems.systemColumn": '"{{key}}" is a system column every record already has',
  "schemaProblems.reservedPrefix": '"{{key}}" starts with "{{prefix}}", which is reserved for Tessera\'s own tables and columns',
  "schemaProblems.sqlWord": '"{{key}}" is a reserved word in SQL (MySQL, MariaDB or SQLite)',
  "schemaProblems.caseOnly":
    '{{what}} "{{key}}" differs from "{{first}}" only by case; databases may treat them as the same, so rename one',
  "schemaProblems.idTaken": 'x-id "{{id}}" is already used at {{first}}; every table, field and index needs an id of its own',
  "schemaProblems.groupTwice": 'navigation group "{{group}}" is listed twice; give each group its own key',
  "schemaProblems.groupsOneOf": "one of: {{groups}}",
  "schemaProblems.noGroups": "none are defined yet",
  "schemaProblems.groupUnknown": 'navigation group "{{group}}" is not in x-groups ({{known}}); add it to x-groups or use an existing key',
  "schemaProblems.noFieldsYet": "none yet",
  "schemaProblems.requiredMissing":
    'required field "{{name}}" does not exist in this table (fields: {{fields}}); remove it from required or add the field',
  "schemaProblems.ownerMissing": 'owner field "{{name}}" does not exist in this table (fields: {{fields}})',
  "schemaProblems.ownerNotUsers": 'owner field "{{name}}" must be a relation to crm_users (the users), e.g. the account manager',
  "schemaProblems.aboutTable": 'about field "{{name}}" must be a text field of this table (fields: {{fields}})',
  "schemaProblems.aboutId": 'about field "{{name}}" must be an integer field of this table (fields: {{fields}})',
  "schemaProblems.titleMissing": 'title field "{{name}}" does not exist in this table (fields: {{fields}})',
  "schemaProblems.titleKind":
    'title field "{{name}}" is a {{kind}} field; pick a text-like field (text, email, phone, url), an autonumber or a text formula',
  "schemaProblems.indexFieldMissing": 'index field "{{name}}" does not exist in this table (fields: {{fields}})',
  "schemaProblems.indexFieldKind":
    'index field "{{name}}" is a {{kind}} field, which cannot be sorted or indexed; remove it from the index',
  "schemaProblems.defaultInvalid": "default {{value}} is not a valid value for this field ({{why}}); change it or remove it",
  "schemaProblems.fillNoSource": '"{{table}}" has no field "{{theirs}}" to fill "{{own}}" from',
  "schemaProblems.fillCalculated": '"{{own}}" is calculated, so picking a record cannot fill it',
  "schemaProblems.fillKinds": '"{{own}}" and "{{table}}.{{theirs}}" are of different kinds; fill a field only from one of the same kind',
  "schemaProblems.notRelation": '"{{via}}" is not a relation of this table to another table; name one, e.g. "invoice.currency"',
  "schemaProblems.noSuchField": '{{table}} has no field "{{name}}"',
  "schemaProblems.convertedNeedsCurrency":
    'a converted amount needs "x-currency-field": the field holding the currency it is converted into',
  "schemaProblems.convertedFromItself": "a field cannot be converted from itself; name another field of {{table}}",
  "schemaProblems.lockUnknown": '"{{name}}" is neither a field of this table nor one of its line lists ({{names}})',
  "schemaProblems.listNameInvalid":
    'related list name "{{name}}" is not valid: use lowercase letters, digits and underscores, starting with a letter',
  "schemaProblems.listTaken": '"{{table}}" already has a related list "{{name}}" (from {{first}}); give this one another name',
  "schemaProblems.listIsField": '"{{table}}" already has a field "{{name}}"; name the related list differently, e.g. "{{name}}_list"',
  "schemaProblems.formulaAt": "{{problem}} (at character {{position}} of the formula)",
  "schemaProblems.cycleAdvice": "{{problem}}; make one of them compute from stored fields instead",
  "schemaProblems.tooDeep": "nesting is deeper than {{max}} levels; flatten this value",
  "schemaProblems.forbiddenReference": '"{{key}}": remote and dynamic references are not allowed; write the definition out in place',
  "schemaProblems.tooLarge": "the document is larger than {{mb}} MB; split it or remove unused tables and fields",
  "schemaProblems.tooManyTables": "{{n}} tables is more than the {{max}} allowed; remove some",
  "schemaProblems.tooManyFields": "{{n}} fields is more than the {{max}} a table may have; move some into a related table",
  "schemaProblems.tooManyIndexes": "{{n}} indexes is more than the {{max}} a table may have; drop the ones no list filters or sorts by",
  "schemaProblems.patternTooLong": "pattern is {{length}} characters long; keep it at most {{max}}",
  "schemaProblems.patternInvalid": "pattern is not a valid regular expression ({{why}}); check brackets, parentheses and escapes",
  "schemaProblems.patternBackreference":
    "pattern uses a backreference (\\1 or \\k<name>), which can take exponential time; repeat the sub-pattern explicitly instead",
  "schemaProblems.patternSimpler":
    "write it without a repeated group that itself repeats or offers overlapping choices, e.g. ^[A-Z]{2}[0-9]{4,10}$ instead of ^([A-Z]+[0-9]*)+$",
  "schemaProblems.patternNested":
    "pattern repeats a group that already contains a repetition (like (a+)+), which can take exponential time on a non-matching value; {{simpler}}",
  "schemaProblems.patternOverlapping":
    "pattern repeats a group of alternatives that can match the same text (like (a|a)*), which can take exponential time on a non-matching value; merge the alternatives into one character class such as [ab]* or {{simpler}}",
  "schemaProblems.patternCatastrophic": "pattern is prone to catastrophic backtracking (too many or nested repetitions); {{simpler}}",
  "schemaProblems.editInvalid": "The change would make the schema invalid: {{problems}}",
  "schemaProblems.asWritten": "{{text}}",
};
// A formula's own problems (and a cycle of formulas) are said inside these messages.
export const englishSchemaProblems = englishWords({ ...FORMULA_ENGLISH, ...SCHEMA_PROBLEMS_ENGLISH });

/** `schemaProblems.<key>` as a phrase, to go inside another one's values. */
export const schemaPhrase = (key: string, values?: Record<string, unknown>): Phrase => ({ key: `schemaProblems.${key}`, values });

/** A problem at `path`: the English `message` and its phrase (`schemaProblems.<key>`) side by side. */
export function schemaProblem(path: string, key: string, values: Record<string, unknown> = {}): SchemaProblem {
  return { path, ...phrased(englishSchemaProblems, `schemaProblems.${key}`, values) };
}

/** Problems as the API answers them to programs: the path and the English message, no phrase. */
export const englishProblems = (problems: readonly SchemaProblem[]): SchemaProblem[] =>
  problems.map(({ path, message }) => ({ path, message }));
