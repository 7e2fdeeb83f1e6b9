/**
 * Names an admin gives to configuration items (reports, dashboards, list views, print and message
 * templates, home panels) in other languages (ADR 035). The item keeps its own `name` (the words
 * everyone falls back to, and what the API matches on); `translations` sits beside it, keyed like
 * the schema's `x-translations`: `{ "sv": { "name": "Intäkter per månad" } }`.
 */
import { wordedApiError } from "../errors";
import { LANGUAGE_TAG, MAX_TRANSLATED_LANGUAGES } from "./translations-schema";
import { englishWords } from "./words";

/** What `checkItemTranslations` refuses, in English (the API); screens say the same keys in their reader's language. */
export const ITEM_NAMES_ENGLISH: Readonly<Record<string, string>> = {
  "refusals.names.shape": 'translations is { "<language>": { "name": "…" } }',
  "refusals.names.tooMany": "translations has more than {{max}} languages",
  "refusals.names.language": 'translations: "{{language}}" is not a language code such as "sv"',
  "refusals.names.words": 'translations.{{language}} is { "name": "…", "description": "…" }',
  "refusals.names.unknownWord": 'translations.{{language}} may give a name and a description, not "{{key}}"',
  "refusals.names.notText": "translations.{{language}}.{{key}} must be text",
  "refusals.names.tooLong": "translations.{{language}}.{{key}} is longer than {{max}} characters",
};
const english = englishWords(ITEM_NAMES_ENGLISH);
const refused = (key: string, values: Record<string, unknown> = {}) =>
  wordedApiError(400, english, { key: `refusals.names.${key}`, values });

export interface ItemWords {
  name?: string;
  description?: string;
}

export type ItemTranslations = Record<string, ItemWords>;

export interface Translatable {
  name: string;
  translations?: ItemTranslations | null;
}

const MAX_NAME = 200;
const MAX_DESCRIPTION = 2000;
const LANGUAGE = new RegExp(LANGUAGE_TAG);

/** The item's name in `language`, else its own. A language tag with a region (`sv-FI`) falls back to its language. */
export function nameIn(item: Translatable, language: string): string {
  return wordsIn(item.translations, language).name ?? item.name;
}

/** The item's description in `language`, else `own`. */
export function descriptionIn(item: { translations?: ItemTranslations | null }, language: string, own: string): string {
  return wordsIn(item.translations, language).description ?? own;
}

function wordsIn(translations: ItemTranslations | null | undefined, language: string): ItemWords {
  if (!translations) return {};
  return translations[language] ?? translations[language.split("-")[0]] ?? {};
}

/**
 * Checks `translations` as a screen or the API sends them and returns them tidied: words trimmed,
 * empty ones and languages left with none dropped. Refuses (400) with a sentence saying what is wrong.
 */
export function checkItemTranslations(input: unknown): ItemTranslations {
  if (input === undefined || input === null) return {};
  if (typeof input !== "object" || Array.isArray(input)) throw refused("shape");
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length > MAX_TRANSLATED_LANGUAGES) throw refused("tooMany", { max: MAX_TRANSLATED_LANGUAGES });
  const out: ItemTranslations = {};
  for (const [language, words] of entries) {
    if (!LANGUAGE.test(language)) throw refused("language", { language: language.slice(0, 20) });
    if (typeof words !== "object" || words === null || Array.isArray(words)) throw refused("words", { language });
    const tidy: ItemWords = {};
    for (const [key, value] of Object.entries(words as Record<string, unknown>)) {
      if (key !== "name" && key !== "description") throw refused("unknownWord", { language, key: key.slice(0, 20) });
      if (value === undefined || value === null) continue;
      if (typeof value !== "string") throw refused("notText", { language, key });
      const text = value.trim();
      const max = key === "name" ? MAX_NAME : MAX_DESCRIPTION;
      if (text.length > max) throw refused("tooLong", { language, key, max });
      if (text) tidy[key] = text;
    }
    if (Object.keys(tidy).length) out[language] = tidy;
  }
  return out;
}

/** Translations sent to a service, checked and as its text column stores them; refused with a 400. */
export function translationsToStore(input: unknown): string | null {
  return storedTranslations(checkItemTranslations(input));
}

/** Translations as a text column stores them: null when there are none. */
export function storedTranslations(translations: ItemTranslations): string | null {
  return Object.keys(translations).length ? JSON.stringify(translations) : null;
}

/** A text column's translations; anything unreadable reads as none, so the item shows its own name. */
export function readTranslations(text: string | null | undefined): ItemTranslations | undefined {
  if (!text) return undefined;
  try {
    return checkItemTranslations(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** A form's `translations.<language>` inputs (`NameTranslations` on the screens), unchecked: the services check them. */
export function translationsFromForm(form: FormData): ItemTranslations {
  const out: ItemTranslations = {};
  for (const [key, value] of form.entries()) {
    if (!key.startsWith("translations.") || typeof value !== "string") continue;
    const language = key.slice("translations.".length);
    // Only language tags become keys: a field named "translations.__proto__" must not reach the object's prototype.
    if (value.trim() && LANGUAGE.test(language)) out[language] = { name: value };
  }
  return out;
}

/** The shipped languages an item gives no name in, for the guard test of the demo configuration. */
export function languagesWithoutName(item: Translatable, languages: readonly string[]): string[] {
  return languages.filter((language) => !item.translations?.[language]?.name);
}

/** The JSON Schema of `translations`, for validators that describe an item in JSON Schema (print templates, the bundle). */
export const itemTranslationsSchema = {
  type: "object",
  maxProperties: MAX_TRANSLATED_LANGUAGES,
  propertyNames: { pattern: LANGUAGE_TAG },
  additionalProperties: {
    type: "object",
    properties: {
      name: { type: "string", maxLength: MAX_NAME },
      description: { type: "string", maxLength: MAX_DESCRIPTION },
    },
    additionalProperties: false,
  },
} as const;
