import { ApiError } from "../errors";
import { englishWords, phrased, say, type Phrase } from "../i18n/words";
import type { LayoutNotice } from "./types";

/**
 * What the layouts service says of a card layout (notices, refused saves), in English; the form
 * designer says the same phrases in its reader's language (`locales/*.json`, same keys).
 */
export const LAYOUT_ENGLISH: Readonly<Record<string, string>> = {
  "formDesigner.notices.fieldRemoved": 'The field "{{field}}" was removed from {{table}}; its cell is no longer shown',
  "formDesigner.notices.placedTwice": "{{field}} is placed twice; only the first is shown",
  "formDesigner.notices.listGone": 'The related list "{{list}}" no longer exists on {{table}}',
  "formDesigner.notices.columnsGone": 'Some columns of "{{list}}" point at fields that were removed',
  "formDesigner.notices.renamed": 'The field "{{was}}" is now "{{now}}"; the card follows it',
  "formDesigner.notices.unreadable": "The stored layout could not be read; the default card is shown",
  "formDesigner.notices.noField": '{{table}} have no field with id "{{id}}"',
  "formDesigner.notices.noList": '{{table}} have no related list "{{list}}"',
  "formDesigner.notices.noColumn": '{{table}} have no field with id "{{id}}" to show as a column',
  "formDesigner.save.invalid": "the layout of {{table}} is not valid",
  "formDesigner.save.missing": "the layout of {{table}} points at fields, lists or columns that do not exist",
  "formDesigner.save.conflict": "the layout of {{table}} was saved by someone else meanwhile (version {{current}}, you edited {{edited}})",
  "formDesigner.save.taken": "the layout of {{table}} was saved by someone else meanwhile",
  "refusals.layouts.adminOnly": "only an administrator can change card layouts",
  "refusals.layouts.noTable": 'there is no table "{{table}}"',
};
const english = englishWords(LAYOUT_ENGLISH);

/** A notice at `path`, in English with its phrase (`formDesigner.notices.<key>`) beside it. */
export function layoutNotice(path: string, key: string, values: Record<string, unknown> = {}): LayoutNotice {
  return { path, ...phrased(english, `formDesigner.notices.${key}`, values) };
}

/** An error of the layouts service whose message is a catalog phrase (`formDesigner.save.<key>`). */
export function layoutError(status: ApiError["status"], key: string, values: Record<string, unknown>, details?: unknown): ApiError {
  const phrase: Phrase = { key: `formDesigner.save.${key}`, values };
  const error = new ApiError(status, say(phrase, english), details);
  error.phrase = phrase;
  return error;
}

/** A refusal of the layouts service (`refusals.layouts.<key>`) whose English message is the catalog's. */
export function layoutRefusal(status: ApiError["status"], key: string, values: Record<string, unknown> = {}): ApiError {
  const phrase: Phrase = { key: `refusals.layouts.${key}`, values };
  const error = new ApiError(status, say(phrase, english));
  error.phrase = phrase;
  return error;
}
