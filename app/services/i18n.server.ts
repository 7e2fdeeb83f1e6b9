import type { i18n } from "i18next";
import { languageCodes, languagePack } from "@runtime/i18n/catalogs.server";
import { pickLanguage } from "@runtime/i18n/negotiate";
import { createTranslator } from "@runtime/i18n/translator";
import { inLanguage } from "@runtime/i18n/schema-translations";
import { phraseInSchema } from "@runtime/i18n/schema-names";
import { isPhrase, say, sayError, type Phrase } from "@runtime/i18n/words";
import { identify } from "./auth.server";
import { oncePerRequest } from "./request-scope.server";
import { getRuntime } from "./runtime.server";

/** The request's language: the signed-in user's choice, else the browser's Accept-Language, else English. */
export function languageOf(request: Request): Promise<string> {
  return oncePerRequest("language", async () => {
    const identity = await identify(request).catch(() => null);
    return pickLanguage(identity?.user.language, request.headers.get("accept-language"), languageCodes());
  });
}

// One translator per language: they are only read (nobody switches a shared instance's language).
const translators = new Map<string, i18n>();

export function translatorOf(language: string): i18n {
  let translator = translators.get(language);
  if (!translator) {
    translator = createTranslator(languagePack(language));
    translators.set(language, translator);
  }
  return translator;
}

/** The request's translator, for what a loader or action says (titles, errors). */
export async function translatorFor(request: Request): Promise<i18n> {
  return translatorOf(await languageOf(request));
}

/** The Intl locale of the request's language (dates, numbers, money): `sv-SE`. */
export async function localeFor(request: Request): Promise<string> {
  return languagePack(await languageOf(request)).locale;
}

/** A phrase with the table and field names in it as the request's reader's schema gives them. */
export async function phraseFor(request: Request, phrase: Phrase): Promise<Phrase> {
  const current = await (await getRuntime()).workspace.current();
  return phraseInSchema(phrase, inLanguage(current, await languageOf(request)).compiled);
}

/** An error as the request's reader should read it: its phrase in their language when it has one, else as thrown. */
export async function errorIn(request: Request, error: unknown): Promise<string> {
  const { t } = await translatorFor(request);
  const phrase = error instanceof Error ? (error as { phrase?: unknown }).phrase : undefined;
  return isPhrase(phrase) ? say(await phraseFor(request, phrase), t) : sayError(error, t);
}
