import i18next, { type i18n, type Resource } from "i18next";
import { FALLBACK_LANGUAGE } from "./negotiate";

/** What a page needs to speak one language: the language, its Intl locale and its messages (English filled in). */
export interface LanguagePack {
  language: string;
  /** BCP 47 tag for `Intl` (dates, numbers, money): `sv-SE`. */
  locale: string;
  messages: Record<string, unknown>;
}

/**
 * A translator for one language, ready at once (no loading step): the server renders with it and
 * the browser hydrates with the same pack, so the first paint is already in the reader's language.
 */
export function createTranslator(pack: LanguagePack): i18n {
  const instance = i18next.createInstance();
  const resources: Resource = { [pack.language]: { translation: pack.messages as Resource[string]["translation"] } };
  void instance.init({
    lng: pack.language,
    fallbackLng: FALLBACK_LANGUAGE,
    resources,
    initAsync: false,
    // React escapes what it renders; escaping here too would show `&amp;` on screen.
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  rememberSentences(instance);
  return instance;
}

/** Sentences remembered per translator before the memory starts over (row numbers and counts vary without end). */
const REMEMBERED = 5_000;

/**
 * Makes the translator's own `t` (what `useTranslation` hands every component) remember what it
 * said. i18next builds each sentence anew: the fixed `t` copies all of the instance's options
 * into a fresh object, then the key is split, looked up and interpolated. A list page asks for a
 * few hundred sentences, most of them the same as on the last page, and those lookups were a
 * tenth of its server render. A translator's messages never change after it is made (nothing
 * adds resources or switches its language), so a sentence is a function of its key and its
 * plain options; anything else (another language or namespace, a key prefix, objects among the
 * options) is passed through to i18next unchanged.
 */
function rememberSentences(instance: i18n): void {
  const fixedTOf = instance.getFixedT.bind(instance) as (lng: unknown, ns: unknown, keyPrefix: unknown) => unknown;
  const plain = fixedTOf(null, null, undefined) as (key: unknown, options?: unknown) => string;
  const said = new Map<string, string>();
  const remembering = (key: unknown, options?: unknown): string => {
    const id = typeof key === "string" ? sentenceId(key, options) : null;
    if (id === null) return plain(key, options);
    let sentence = said.get(id);
    if (sentence === undefined) {
      sentence = plain(key, options);
      if (typeof sentence !== "string") return sentence;
      if (said.size >= REMEMBERED) said.clear();
      said.set(id, sentence);
    }
    return sentence;
  };
  Object.assign(remembering, { lng: instance.language, ns: (plain as { ns?: unknown }).ns, keyPrefix: undefined });
  instance.getFixedT = ((lng: unknown, ns: unknown, keyPrefix: unknown) =>
    (lng === null || lng === undefined || lng === instance.language) &&
    (ns === null || ns === undefined || ns === "translation") &&
    keyPrefix === undefined
      ? remembering
      : fixedTOf(lng, ns, keyPrefix)) as unknown as i18n["getFixedT"];
}

/** Options that only hold strings, numbers and booleans, and none that picks a language, namespace or prefix. */
const STEERING = new Set(["lng", "lngs", "ns", "keyPrefix", "returnObjects", "postProcess", "interpolation"]);

function sentenceId(key: string, options: unknown): string | null {
  if (options === undefined) return key;
  if (typeof options === "string") return `${key}\u0000${options}`;
  if (typeof options !== "object" || options === null || Object.getPrototypeOf(options) !== Object.prototype) return null;
  let id = `${key}\u0001`;
  for (const name in options) {
    const value = (options as Record<string, unknown>)[name];
    if (STEERING.has(name)) return null;
    const type = typeof value;
    if (type !== "string" && type !== "number" && type !== "boolean" && value !== undefined && value !== null) return null;
    id += `${name}\u0002${type[0]}${String(value)}\u0003`;
  }
  return id;
}

/** What code that writes sentences takes instead of a language (see words.ts). */
export type { Words } from "./words";
