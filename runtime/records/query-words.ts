import { type ApiError, wordedApiError } from "../errors";
import { englishWords, type Phrase } from "../i18n/words";

/**
 * What a records query refuses (a filter, a sort, a cursor, a page or an id that cannot be read),
 * in English for the API, the CLI and the logs; the list screen says the same phrases in its
 * reader's language (`locales/*.json`, same keys).
 */
export const QUERY_ENGLISH: Readonly<Record<string, string>> = {
  "refusals.filter.fieldKey": 'a filter\'s "field" must be a field key, e.g. "name"',
  "refusals.filter.noField": '"{{field}}" is not a field of {{table}}',
  "refusals.filter.notSingle": 'the value for "{{field}}" must be a single {{kind}} value, not an object or a list',
  "refusals.filter.tooLong": 'the value for "{{field}}" is too long (at most 1000 characters)',
  "refusals.filter.badValue": 'filter on "{{field}}": {{problem}}',
  "refusals.filter.tooDeep": "the filter is nested too deeply (at most {{max}} levels)",
  "refusals.filter.notObject": 'a filter must be an object like {"field":"name","op":"contains","value":"acme"}',
  "refusals.filter.onlyList": '"{{key}}" must be the only key and hold a list of filters',
  "refusals.filter.onlyNot": '"not" must be the only key and hold one filter',
  "refusals.filter.tooMany": "the filter has too many conditions (at most {{max}})",
  "refusals.filter.unknownKey": 'unknown key "{{key}}" in a filter: use field, op and value',
  "refusals.filter.unknownOp": 'unknown filter operator "{{op}}": use one of {{ops}}',
  "refusals.filter.opNotFor": '"{{op}}" cannot be used on "{{field}}": use one of {{ops}}',
  "refusals.filter.between": '"between" on "{{field}}" needs a list of two values, [from, to]',
  "refusals.filter.emptyList": '"{{op}}" on "{{field}}" needs a non-empty list of values',
  "refusals.filter.longList": '"{{op}}" takes at most {{max}} values',
  "refusals.filter.oneValue": '"{{op}}" on "{{field}}" takes one value, not a list',
  "refusals.filter.noValue": '"{{op}}" on "{{field}}" needs a "value"',
  "refusals.filter.null": 'a filter value for "{{field}}" cannot be null: use the operators isEmpty or notEmpty',
  "refusals.query.recordId": '"{{value}}" is not a record id: ids are positive whole numbers',
  "refusals.query.ifMatch":
    "send the version you edited in the If-Match header (the record's \"version\"), so no one else's change is overwritten",
  "refusals.query.wholeNumber": "{{name}} must be a whole number of at least 1",
  "refusals.query.expand": 'expand must be a comma-separated list of relation fields, e.g. "client,contract"',
  "refusals.query.notJson": '{{name}} is not valid JSON: e.g. {"field":"status","op":"eq","value":"active"}',
  "refusals.query.groupBy": "groupBy must name a choice field or a relation to users of {{table}}",
  "refusals.query.sum": "sum must name a number field of {{table}}",
  "refusals.query.month": "month must name a date or date-and-time field of {{table}}",
  "refusals.query.qText": "q must be text",
  "refusals.query.sortKey": 'sort must be a field key, optionally with "-" for descending, e.g. "-date"',
  "refusals.query.notSortable": '{{table}} cannot be sorted by "{{field}}" ({{kind}} fields are not sortable)',
  "refusals.query.cursor": "the cursor is not valid for this sort: start again from the first page",
  "refusals.query.notRelation": '"{{field}}" is not a relation of {{table}}: expand takes relation fields',
  "refusals.query.notObject": 'the record must be a JSON object of field values, e.g. {"name":"Acme"}',
  "refusals.query.lineRemoval_one":
    "{{refusal}} The {{list}} you sent leave out a line that would be deleted: send every line back to keep it.",
  "refusals.query.lineRemoval_other":
    "{{refusal}} The {{list}} you sent leave out {{count}} lines that would be deleted: send every line back to keep it.",
  "refusals.query.assertion": "{{title}}: {{message}}",
};
/** The English of the query phrases. */
export const queryWords = englishWords(QUERY_ENGLISH);

/** A query phrase: `refusals.filter.<key>` or `refusals.query.<key>`, named with its group (`filter.tooDeep`). */
export const queryPhrase = (key: string, values: Record<string, unknown> = {}): Phrase => ({ key: `refusals.${key}`, values });

/** A refusal (`filter.<key>` or `query.<key>`) whose English message is the catalog's. */
export const queryRefusal = (status: ApiError["status"], key: string, values: Record<string, unknown> = {}, details?: unknown): ApiError =>
  wordedApiError(status, queryWords, queryPhrase(key, values), details);

/** A 400 refusal of a filter or a query parameter. */
export const badQuery = (key: string, values: Record<string, unknown> = {}, details?: unknown): ApiError =>
  queryRefusal(400, key, values, details);
