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
  return instance;
}

/** What code that writes sentences takes instead of a language (see words.ts). */
export type { Words } from "./words";
