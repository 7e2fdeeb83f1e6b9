import { say, type Phrase, type Words } from "@runtime/i18n/words";

/** What an action answered as its error: `{ error, words }`, the English message and, when it has one, its phrase. */
export interface ErrorData {
  error?: string | null;
  words?: Phrase | null;
}

/** An action's error in the reader's words when it carries a phrase; as the server worded it otherwise. */
export function saidError(data: ErrorData, t: Words): string | null {
  if (data.words) return say(data.words, t);
  return data.error ?? null;
}
