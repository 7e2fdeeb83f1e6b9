import { type ApiError, wordedApiError } from "../errors";
import { englishWords, say, type Words } from "../i18n/words";

/**
 * What importing a configuration bundle says when it refuses, in English for the API and the CLI;
 * the admin's configuration screen says the same phrases in its reader's language.
 */
export const BUNDLE_ENGLISH: Readonly<Record<string, string>> = {
  "refusals.bundle.invalid": "The bundle cannot be imported: {{count}} problem(s), the first at {{path}}: {{problem}}",
  "refusals.bundle.baseVersion": "baseVersion must be the schema version the review was made on (an integer ≥ 0): review the bundle first",
  "refusals.bundle.changed":
    "The schema of this installation changed since the review: the review was made on version {{reviewed}}, version {{current}} is current now. Nothing was imported; review the bundle again and apply the new review.",
  "refusals.bundle.confirm": "Importing this bundle removes or converts data ({{steps}} step(s)). Review the steps and confirm to apply.",
  "refusals.bundle.restFailed":
    "Nothing was imported: the card layouts, shared views, print templates, rules, home panels and Word templates could not be written (the server log has the reason). Import the same file again to finish.",
  "refusals.bundle.cannotImport": "{{file}} cannot be imported.",
  "refusals.bundle.fileTooLarge": "{{file}} is larger than {{mb}} MB: is it really a configuration bundle?",
  "refusals.bundle.chooseFile": "Choose a bundle file first.",
  "refusals.bundle.restFailedAfterSchema":
    "The schema was imported as version {{version}}, but the card layouts, shared views, print templates, rules, home panels and Word templates could not be written (the server log has the reason). Import the same file again to finish.",
  "configPage.outcome.nothing": "Nothing to import: this installation already had this configuration.",
  "configPage.outcome.imported": "Imported {{file}}. {{summary}}",
  "configPage.outcome.version": "{{message}} The schema is now version {{version}}.",
};
const english = englishWords(BUNDLE_ENGLISH);

/** A refusal (`refusals.bundle.<key>`) whose English message is the catalog's. */
export const bundleRefusal = (status: ApiError["status"], key: string, values: Record<string, unknown> = {}, details?: unknown): ApiError =>
  wordedApiError(status, english, { key: `refusals.bundle.${key}`, values }, details);

/** A bundle phrase said with `words` (the reader's), or in English without them. */
export const bundleSaid = (key: string, values: Record<string, unknown> = {}, words?: Words): string =>
  say({ key: `refusals.bundle.${key}`, values }, words ?? english);

/** What an applied import says (`configPage.outcome.<key>`), with `words` (the reader's) or in English. */
export const outcomeSaid = (key: string, values: Record<string, unknown> = {}, words?: Words): string =>
  say({ key: `configPage.outcome.${key}`, values }, words ?? english);
