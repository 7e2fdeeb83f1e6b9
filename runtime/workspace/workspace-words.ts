import { type ApiError, wordedApiError } from "../errors";
import { englishWords } from "../i18n/words";

/**
 * What the schema service refuses of a change (a stale base version, problems, destructive steps,
 * duplicates, unconvertible values) and what the trash refuses to restore, in English for the API,
 * the CLI and the logs; the schema designer and the trash screen say the same phrases in their
 * reader's language (`locales/*.json`, same keys).
 */
export const WORKSPACE_ENGLISH: Readonly<Record<string, string>> = {
  "refusals.workspace.finishing":
    "A schema change to version {{version}} was left half-applied by an instance that stopped; this instance is finishing it. Try again in a few seconds.",
  "refusals.workspace.applying": "Another instance is applying a schema change to version {{version}}. Try again in a few seconds.",
  "refusals.workspace.baseVersion": "baseVersion must be the schema version your change starts from (an integer ≥ 0)",
  "refusals.workspace.stale":
    "The schema changed since you started: your change is based on version {{base}}, but version {{current}} is current. Reload, redo the change on version {{current}}, and apply again.",
  "refusals.workspace.problems_one": "The schema has {{count}} problem(s)",
  "refusals.workspace.problems_other": "The schema has {{count}} problem(s)",
  "refusals.workspace.raced": "Another change was applied at the same moment as version {{version}}. Reload and apply your change again.",
  "refusals.workspace.destructive": "This change removes or converts data. Review the steps and apply again with confirmDestructive: true.",
  "refusals.workspace.duplicates":
    "Some values occur more than once, so {{fields}} cannot be made unique; change or clear the duplicates first.",
  "refusals.workspace.conversions": "Some values cannot be converted to the new field kind; fix or clear them first.",
  "refusals.workspace.meanwhile": "The schema changed meanwhile: version {{version}} is current.",
  "refusals.trash.entryRestored": "Trash entry #{{id}} is no longer in the trash (someone may have restored it already): reload the page.",
  "refusals.trash.tableTrashed": "“{{label}}” belonged to {{table}}, which is in the trash itself: restore that table first.",
  "refusals.trash.isRecord": "trash entry #{{id}} is a record: restore it with POST /api/t/{{table}}/{{record}}/restore",
};
const english = englishWords(WORKSPACE_ENGLISH);

/** A schema service refusal (`refusals.workspace.<key>`) whose English message is the catalog's. */
export const workspaceRefusal = (
  status: ApiError["status"],
  key: string,
  values: Record<string, unknown> = {},
  details?: unknown,
): ApiError => wordedApiError(status, english, { key: `refusals.workspace.${key}`, values }, details);

/** A refusal of the trash (`refusals.trash.<key>`). */
export const trashRefusal = (status: ApiError["status"], key: string, values: Record<string, unknown> = {}): ApiError =>
  wordedApiError(status, english, { key: `refusals.trash.${key}`, values });
