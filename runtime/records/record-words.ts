import { type ApiError, wordedApiError } from "../errors";
import { englishWords } from "../i18n/words";

/**
 * What the records service says when it refuses a write, a read or a restore, in English (the
 * API, the CLI and the logs); screens say the same phrases in their reader's language
 * (`locales/*.json`, same keys).
 */
export const RECORD_ENGLISH: Readonly<Record<string, string>> = {
  "refusals.records.notFound": "{{label}} #{{id}} does not exist (it may have been deleted: see the trash)",
  "refusals.records.noTable": 'there is no table "{{table}}"',
  "refusals.records.stale":
    "{{label}} #{{id}} was changed by someone else after you opened it (you edited version {{edited}}, it is now version {{current}}). Your changes were not saved: reload to see theirs, then apply yours again.",
  "refusals.records.uniqueRace": "a value that must be unique was saved by someone else at the same moment: reload and try again",
  "refusals.records.unique": "{{label}} must be unique: {{table}} #{{id}} already has {{value}}",
  "refusals.records.notSaved_one": "{{label}} was not saved: one field needs attention",
  "refusals.records.notSaved_other": "{{label}} was not saved: {{count}} fields need attention",
  "refusals.records.busy": "A schema change is being applied right now. Try again in a few seconds.",
  "refusals.records.locked": "{{title}} is locked: {{what}}. {{why}}",
  "refusals.records.lockedFields": "{{fields}} cannot change",
  "refusals.records.lockedState": "it cannot go back to that state",
  "refusals.records.lockedDelete": "it cannot be deleted",
  "refusals.records.lockedLines": "its {{list}} cannot change",
  "refusals.records.lockedHow": "Change it through what the configuration offers for corrections.",
  "refusals.trash.stillUsed": "{{title}} is still used by {{uses}}: delete or reassign those first",
  "refusals.trash.gone": "{{label}} #{{id}} does not exist (it may already be in the trash)",
  "refusals.trash.notInTrash": "{{label}} #{{id}} is not in the trash",
  "refusals.trash.exists": "{{label}} #{{id}} already exists",
  "refusals.trash.entryGone": "trash entry #{{id}} does not exist or was already restored",
  "refusals.trash.tableInTrash": 'the field "{{field}}" belonged to a table that is itself in the trash: restore the table first',
  "refusals.trash.idTaken": "a table with the id {{id}} exists again; it cannot be restored beside it",
};
const english = englishWords(RECORD_ENGLISH);
/** The records service's English, for field problems noted with `addFieldPhrase`. */
export const recordWords = english;

/** A refusal (`refusals.records.<key>`, or a whole `refusals.trash.*` key) whose English message is the catalog's. */
export function recordRefusal(status: ApiError["status"], key: string, values: Record<string, unknown>, details?: unknown): ApiError {
  return wordedApiError(status, english, { key: key.startsWith("refusals.") ? key : `refusals.records.${key}`, values }, details);
}
