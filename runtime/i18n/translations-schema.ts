/**
 * `x-translations`: a node's people-facing words in other languages, beside the words themselves
 * (ADR 035). `{ "sv": { "title": "Kunder" }, "zh": { "title": "客户" } }` on a table, a field or the
 * workspace; a field with options may also translate its option labels (`x-labels`). `title` stays
 * a plain JSON Schema string, so any JSON Schema tool still reads the schema.
 */

export const LANGUAGE_TAG = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$";
export const MAX_TRANSLATED_LANGUAGES = 50;

export const LABEL_TEXT = { type: "string", minLength: 1, maxLength: 200 };
export const DESCRIPTION_TEXT = { type: "string", maxLength: 2000 };
export const OPTION_LABELS = { type: "object", additionalProperties: LABEL_TEXT };

/** The keyword's JSON Schema, for a node whose translatable words are `words`. */
export function translationsSchema(words: Record<string, unknown>): Record<string, unknown> {
  return {
    type: "object",
    maxProperties: MAX_TRANSLATED_LANGUAGES,
    propertyNames: { pattern: LANGUAGE_TAG },
    additionalProperties: { type: "object", properties: words, additionalProperties: false },
  };
}
