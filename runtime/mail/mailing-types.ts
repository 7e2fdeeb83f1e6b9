import type { Phrase } from "../i18n/words";

/** What the mailings service answers, for the server and the screens alike (docs/decisions/029-mailings.md). */

/** preparing: reading the list and queueing messages; sending: messages waiting their turn; done: none waiting. */
export type MailingStatus = "preparing" | "sending" | "done" | "failed";

export interface MailingCounts {
  total: number;
  queued: number;
  retrying: number;
  sent: number;
  failed: number;
  skipped: number;
}

export interface MailingSummary {
  id: number;
  table: string;
  tableLabel: string;
  /** The list view's id; null for the whole table. */
  viewId: number | null;
  view: string;
  template: string;
  status: MailingStatus;
  /** Why preparing stopped (status failed). */
  error?: string;
  createdBy: number | null;
  createdAt: string;
  counts: MailingCounts;
}

/**
 * Why a recipient is skipped, as stored with the recipient and answered by the API. Kept in English
 * and fixed, so a screen can name each in its reader's language.
 */
export const SKIP_REASONS = {
  noAddress: "no email address",
  invalidAddress: "not a valid email address",
  unsubscribed: "unsubscribed",
  duplicate: "address already in this mailing",
} as const;

export interface RecipientStatus {
  record: number;
  label: string;
  address: string;
  status: "queued" | "retrying" | "sent" | "failed" | "skipped";
  /** Why a recipient was skipped: no address, unsubscribed, already in this mailing. */
  reason?: string;
  /** The mail server's answer to the last attempt. */
  error?: string;
  sentAt?: string;
  attempts: number;
}

export interface MailingDetail extends MailingSummary {
  recipients: RecipientStatus[];
  /** More recipients than listed (the counts hold them all). */
  more: boolean;
}

export interface MailingOptions {
  enabled: boolean;
  reason?: string;
  /** `reason` as a catalog phrase, for the screen to say in its reader's language. */
  reasonWords?: Phrase;
  templates: { id: string; name: string; table: string }[];
  /** Tables with a template the actor may use, and their list views (`all` for the whole table). */
  tables: { key: string; label: string; views: { id: string; name: string }[] }[];
}

export interface MailingPreview {
  table: string;
  view: string;
  total: number;
  totalExact: boolean;
  /** The list's first records, to choose whose message to preview. */
  recipients: { id: number; label: string }[];
  /** The chosen recipient's message as it would be sent (its unsubscribe link cut short); null for an empty list. */
  message: { record: number; to: string; subject: string; body: string; skipped?: string } | null;
}
