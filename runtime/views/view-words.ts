import { type ApiError, wordedApiError } from "../errors";
import { englishWords, phrased, type Phrase } from "../i18n/words";

/**
 * What the list screen's services refuse or report (saved views, bulk delete, a filter in the
 * address that cannot be read), in English for the API, the CLI and the logs; the list screen
 * says the same phrases in its reader's language (`locales/*.json`, same keys).
 */
export const VIEW_ENGLISH: Readonly<Record<string, string>> = {
  "refusals.views.noTable": 'There is no table "{{table}}".',
  "refusals.views.selectFirst": "Select the records to delete first.",
  "refusals.views.tooMany": "At most {{max}} records can be deleted at once.",
  "refusals.views.unknownAction": 'Unknown list action "{{intent}}".',
  "refusals.views.name": "Give the view a name.",
  "refusals.views.nameLong": "A view's name can be at most 200 characters.",
  "refusals.views.notView": "That is not a saved view.",
  "refusals.views.gone": "That view does not exist any more.",
  "refusals.views.notYours": '"{{name}}" belongs to someone else: save your own copy instead.',
  "refusals.views.defaultAdmin": "Only an administrator can change the default view for everyone.",
  "refusals.views.viewMissing": "The saved view in this address no longer exists; showing the usual list.",
  "refusals.views.storedUnreadable": 'The view "{{name}}" could not be read; showing the usual columns.',
  "refusals.views.storedColumns_one": 'The view "{{name}}" showed a column for a field that was removed; it was left out.',
  "refusals.views.storedColumns_other": 'The view "{{name}}" showed {{count}} columns for a field that was removed; they were left out.',
  "refusals.views.storedSort": 'The view "{{name}}" was sorted by a field that was removed; that sort was dropped.',
  "refusals.views.storedFilterUnreadable": 'The filter of the view "{{name}}" could not be read and was dropped.',
  "refusals.views.storedConditions_one": 'The view "{{name}}" filtered on a field that was removed; that condition was dropped.',
  "refusals.views.storedConditions_other":
    'The view "{{name}}" filtered on {{count}} fields that were removed; those conditions were dropped.',
  "common.sentences": "{{first}} {{rest}}",
  "refusals.views.withoutFilter": "{{problem}} — showing the list without the filter and sort.",
  "refusals.views.filterUnreadable": "The filter in this address is not readable, so it was left out.",
  "refusals.views.filterNotList": "The filter in this address is not a list of conditions, so it was left out.",
  "refusals.views.filterTooMany": "A filter can have at most {{max}} conditions; this one was left out.",
  "refusals.views.conditionShape": "A condition in this address's filter is not [field, operator, value], so the filter was left out.",
  "refusals.views.conditionOp": '"{{op}}" is not a filter operator, so the filter was left out.',
  "refusals.views.conditionValue": 'The condition on "{{field}}" has no usable value, so the filter was left out.',
  "refusals.views.addressSort": 'The sort "{{sort}}" is not a field name, so the list is in its usual order.',
  "refusals.views.addressGroupBy": 'The board column field "{{field}}" is not a field name, so the usual one is used.',
  "refusals.views.addressDate": 'The calendar\'s date field "{{field}}" is not a field name, so the usual one is used.',
  "refusals.views.addressSpan": 'A calendar shows a month, a week or an agenda; "{{span}}" is none of them, so a month is shown.',
  "refusals.views.addressDay": '"{{day}}" is not a day (YYYY-MM-DD), so the calendar shows today.',
  "refusals.views.addressColumns": "Some columns in this address are not field names and were left out.",
  "refusals.views.addressView": '"{{view}}" is not a saved view.',
  "refusals.views.addressPageSize": 'Pages hold {{sizes}} or {{last}} rows; "{{size}}" is not one of them.',
  "refusals.views.addressPage": '"{{page}}" is not a page number, so the first page is shown.',
  "refusals.views.addressCursor": "The page position in this address is not readable, so the page was counted from the start.",
  "refusals.views.noConditionField": '{{table}} have no field "{{field}}"; that condition was left out.',
  "refusals.views.conditionNotFor": '"{{op}}" does not apply to {{field}}; that condition was left out.',
  "refusals.views.notSortable": "{{table}} cannot be sorted by {{field}}.",
  "refusals.views.noSortField": '{{table}} have no field "{{field}}" to sort by.',
  "refusals.views.unknownColumns_one": "A column ({{columns}}) is not a field of {{table}} and was left out.",
  "refusals.views.unknownColumns_other": "{{count}} columns ({{columns}}) are not a field of {{table}} and were left out.",
};
const english = englishWords(VIEW_ENGLISH);

/** A refusal (`refusals.views.<key>`) whose English message is the catalog's. */
export const viewRefusal = (status: ApiError["status"], key: string, values: Record<string, unknown> = {}): ApiError =>
  wordedApiError(status, english, { key: `refusals.views.${key}`, values });

/** A notice of the list screen (`refusals.views.<key>`) as a phrase. */
export const viewNotice = (key: string, values: Record<string, unknown> = {}): Phrase => ({ key: `refusals.views.${key}`, values });

/** Several notices as one phrase, sentence after sentence (Chinese sets them without a space). */
export function sentences(notices: readonly Phrase[]): Phrase {
  const [first, ...rest] = notices;
  return rest.length ? { key: "common.sentences", values: { first, rest: sentences(rest) } } : first;
}

/** A notice in English with its phrase beside it. */
export const viewNoticePhrased = (key: string, values: Record<string, unknown> = {}): { message: string; words: Phrase } =>
  phrased(english, `refusals.views.${key}`, values);
