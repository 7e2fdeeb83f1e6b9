import type { Phrase } from "../i18n/words";

/** What the mail service answers, for the server and the card alike. */

/** `skipped`: a mailing's message whose address unsubscribed before its turn came. */
export type MessageStatus = "queued" | "retrying" | "sent" | "failed" | "skipped";

/** What a card's *Send by email* offers for one record, filled in for it. */
export interface MailOffer {
  /** False with `reason` when no mail server is set: the action is shown disabled, saying why. */
  enabled: boolean;
  reason?: string;
  /** `reason` as a catalog phrase, for the card to say in its reader's language. */
  reasonWords?: Phrase;
  to: string;
  /** The table's message templates, subject and body rendered for this record. */
  templates: { id: string; name: string; subject: string; body: string; problem?: string }[];
  /** Print templates the actor may attach, the default first; empty when they may not print. */
  attachments: { id: string; name: string }[];
}

/** Why sending is off on a fresh install; screens show it in the reader's language (`mail.offNoServer`). */
export const MAIL_NOT_SET_REASON =
  "Sending email is off: no mail server is set (SMTP_URL and MAIL_FROM, or an administrator under Admin → Email).";
