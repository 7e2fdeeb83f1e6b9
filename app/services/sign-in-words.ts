import { englishWords, phrased, type Phrase } from "@runtime/i18n/words";

/** Why a sign-in is refused, in English as the catalog words it (`locales/*.json`, same keys); the sign-in page says it in its reader's language. */
export const SIGN_IN_ENGLISH: Readonly<Record<string, string>> = {
  "login.wrong": "Wrong email or password.",
  "refusals.signIn.throttled": "Too many failed sign-ins. Wait {{minutes}} minutes, or ask an administrator to reset the password.",
};
const english = englishWords(SIGN_IN_ENGLISH);

/** A refused sign-in's message and phrase. */
export const signInRefusal = (
  key: "login.wrong" | "refusals.signIn.throttled",
  values: Record<string, unknown> = {},
): { message: string; words: Phrase } => phrased(english, key, values);
