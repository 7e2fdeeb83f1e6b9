import { say, type Phrase } from "../i18n/words";
import { mailPhrase, mailWords } from "./mail-words";

/** Why recipients are refused, in English with its phrase beside it. */
function refused(key: string, values: Record<string, unknown> = {}): { ok: false; reason: string; words: Phrase } {
  const words = mailPhrase(key, values);
  return { ok: false, reason: say(words, mailWords), words };
}

/**
 * What may go into a mail header. A line break in a subject or a client's name must never start a
 * header of its own (`Bcc: …`): every header value is made one line here, before nodemailer, which
 * folds long lines but is not where we rely on the stripping.
 */

/** One line: line breaks and other control characters become spaces, runs of spaces one. */
export function headerText(value: string, max = 300): string {
  return value
    .replace(/[\p{Cc}\u2028\u2029]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max);
}

// Deliberately narrow: one mailbox, no display-name syntax, no quoted local parts, nothing a header could hide in.
const ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/**
 * Recipients typed as `a@x.org, b@y.org`: each a plain address. Returns the addresses, or the
 * reason the text is refused (a line break is refused outright rather than stripped: it is no typo).
 */
export function parseRecipients(text: string): { ok: true; addresses: string[] } | { ok: false; reason: string; words: Phrase } {
  if (/[\r\n]/.test(text)) return refused("oneLine");
  const addresses = text
    .split(/[,;]/)
    .map((a) => a.trim())
    .filter(Boolean);
  if (addresses.length === 0) return refused("noRecipient");
  if (addresses.length > 20) return refused("tooManyRecipients");
  const bad = addresses.find((a) => a.length > 254 || !ADDRESS.test(a));
  if (bad !== undefined) return refused("notAddress", { address: headerText(bad, 80) });
  return { ok: true, addresses };
}
