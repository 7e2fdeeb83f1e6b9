/**
 * How code outside React says things in the reader's language: it takes a `Words` function (i18next's
 * `t` on a screen, or the request's translator on the server) and, when none is given, speaks
 * English from its own table of messages, the same text `locales/en.json` holds under those keys
 * (`runtime/i18n/english-words.test.ts` keeps the two equal).
 */
export type Words = (key: string, values?: Record<string, unknown>) => string;

/** A message by key, not yet said: errors carry these so a screen can say them in its reader's language. */
export interface Phrase {
  key: string;
  values?: Record<string, unknown>;
}

/**
 * English from a table of messages, as i18next would read it: `{{name}}` filled in, and a message
 * with `_one` / `_other` forms chosen by `count`.
 */
export function englishWords(messages: Readonly<Record<string, string>>): Words {
  return (key, values = {}) => {
    const form = typeof values.count === "number" ? `${key}_${values.count === 1 ? "one" : "other"}` : null;
    const text = (form !== null ? messages[form] : undefined) ?? messages[key] ?? key;
    return text.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => String(values[name] ?? ""));
  };
}

export const isPhrase = (v: unknown): v is Phrase => typeof v === "object" && v !== null && typeof (v as Phrase).key === "string";

/**
 * A table's or field's name inside a phrase. Said as stored (the English message, the API's);
 * before a screen says the phrase, the server puts the name its reader's schema gives in its place
 * (`schema-names.ts`), so a Swedish refusal names "Kunder", not "Clients".
 */
export interface SchemaName {
  schemaName: string;
  table: string;
  field?: string;
  plural?: boolean;
  /** The table's lock message (`x-lock.message`) rather than a name. */
  lockMessage?: boolean;
}

export const isSchemaName = (v: unknown): v is SchemaName =>
  typeof v === "object" && v !== null && typeof (v as SchemaName).schemaName === "string" && typeof (v as SchemaName).table === "string";

/** The name of table `table` (its plural with `plural`), or of its field `field`, as a phrase value. */
export function schemaName(
  name: string,
  table: string,
  options: { field?: string; plural?: boolean; lockMessage?: boolean } = {},
): SchemaName {
  return { schemaName: name, table, ...options };
}

/** A phrase said with `t`; values that are phrases (or lists of them, joined by commas) are said first. */
export function say(phrase: Phrase, t: Words): string {
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(phrase.values ?? {}))
    values[name] = isPhrase(value)
      ? say(value, t)
      : isSchemaName(value)
        ? value.schemaName
        : Array.isArray(value) && value.every(isPhrase)
          ? value.map((p) => say(p, t)).join(", ")
          : value;
  return t(phrase.key, values);
}

/** A message in English with its phrase beside it: data (a problem, a notice) a screen says again in its reader's words. */
export function phrased(english: Words, key: string, values: Record<string, unknown> = {}): { message: string; words: Phrase } {
  const words = { key, values };
  return { message: say(words, english), words };
}

/**
 * An error whose message is one of the catalog's: thrown in English (the CLI and the API read
 * `message`), said again in the reader's language by `sayError` on a screen.
 */
export class WordedError extends Error {
  constructor(
    readonly phrase: Phrase,
    english: Words,
  ) {
    super(say(phrase, english));
  }
}

/**
 * What went wrong, in the reader's words when the error carries a phrase (a `WordedError`, or an
 * `ApiError` made by `wordedApiError`); as thrown otherwise.
 */
export function sayError(error: unknown, t: Words): string {
  const phrase = error instanceof Error ? (error as { phrase?: unknown }).phrase : undefined;
  if (isPhrase(phrase)) return say(phrase, t);
  return error instanceof Error ? error.message : String(error);
}

/**
 * What a JSON API answer says went wrong, in the reader's words: its phrase (`words`, which the
 * API adds for the app's own screens) said with `t`, else its English `error`, else `fallback`.
 */
export function answeredError(body: unknown, t: Words, fallback: string): string {
  const answer = (typeof body === "object" && body !== null ? body : {}) as { error?: unknown; words?: unknown };
  if (isPhrase(answer.words)) return say(answer.words, t);
  return typeof answer.error === "string" && answer.error ? answer.error : fallback;
}
