import { type ApiError, wordedApiError } from "../errors";
import { englishWords, type Phrase } from "../i18n/words";

/**
 * What public forms and the form designer say when they refuse, in English for the API and the
 * logs; the admin screens say the same phrases in their reader's language, and a public form in
 * its visitor's (`locales/*.json`, same keys).
 */
export const FORM_ENGLISH: Readonly<Record<string, string>> = {
  "publicForms.visitor.tooLong": "The form is too long to send. Please shorten the longest text and send it again.",
  "refusals.forms.plainPost": "This form takes a plain web form post (application/x-www-form-urlencoded). Send it from its page.",
  "refusals.forms.notSaved": "the form was not saved: please correct the marked settings",
  "refusals.forms.noForm": "there is no public form {{id}}",
  "refusals.forms.changed": "another administrator changed this form meanwhile: reload it and make your change again",
  "refusals.forms.tableGone": "this form's table no longer exists",
  "refusals.forms.slug": "Use 1–64 lower-case letters, digits and dashes (not at the start or end), e.g. contact-us",
  "refusals.forms.slugTaken": "Another form already uses /f/{{slug}}: choose another address",
  "refusals.forms.table": "Choose the table the form adds records to",
  "refusals.forms.title": "Give the form a title: visitors see it above the fields",
  "refusals.forms.titleLong": "Keep the title under 200 characters",
  "refusals.forms.thankYouLong": "Keep the thank-you message under 2,000 characters",
  "refusals.forms.fields": "Choose at least one field for visitors to fill",
  "refusals.forms.noTable": 'there is no table "{{table}}"',
  "refusals.forms.layoutMissing": "the layout to save is missing",
  "refusals.forms.layoutJson": "the layout to save is not valid JSON",
  "refusals.forms.layoutVersion": "the layout version must be a whole number",
  "refusals.forms.verbatim": "{{text}}",
};
/** English of the form phrases. */
export const formWords = englishWords(FORM_ENGLISH);

/** A form phrase (`refusals.forms.<key>`). */
export const formPhrase = (key: string, values: Record<string, unknown> = {}): Phrase => ({ key: `refusals.forms.${key}`, values });

/** A refusal whose English message is the catalog's. */
export const formRefusal = (status: ApiError["status"], key: string, values: Record<string, unknown> = {}, details?: unknown): ApiError =>
  wordedApiError(status, formWords, formPhrase(key, values), details);
