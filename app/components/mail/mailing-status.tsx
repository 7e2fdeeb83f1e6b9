import type { MailingCounts, MailingStatus, RecipientStatus } from "@runtime/mail/mailing-types";

const MAILING_LABELS: Record<MailingStatus, string> = { preparing: "Preparing", sending: "Sending", done: "Done", failed: "Failed" };
const RECIPIENT_LABELS: Record<RecipientStatus["status"], string> = {
  queued: "Queued",
  retrying: "Retrying",
  sent: "Sent",
  failed: "Failed",
  skipped: "Skipped",
};

/** A mailing's or a recipient's state as a pill: green when sent or done, red when failed. */
export function StatusPill({ status }: { status: MailingStatus | RecipientStatus["status"] }) {
  const label = status in MAILING_LABELS ? MAILING_LABELS[status as MailingStatus] : RECIPIENT_LABELS[status as RecipientStatus["status"]];
  const tone = status === "sent" || status === "done" ? "pill--ok" : status === "sending" || status === "preparing" ? "pill--accent" : "";
  return <span className={`pill mailing-pill mailing-pill--${status} ${tone}`}>{label}</span>;
}

/** "12 sent · 3 queued · 1 failed · 2 skipped", leaving out what is zero. */
export function CountsLine({ counts }: { counts: MailingCounts }) {
  const parts = (
    [
      ["sent", counts.sent],
      ["queued", counts.queued],
      ["retrying", counts.retrying],
      ["failed", counts.failed],
      ["skipped", counts.skipped],
    ] as const
  ).filter(([, n]) => n > 0);
  if (parts.length === 0) return <span className="muted">No recipients yet</span>;
  return (
    <span className="mailing-counts">
      {parts.map(([name, n]) => (
        <span key={name} className={`mailing-counts__item mailing-counts__item--${name}`}>
          {n} {name}
        </span>
      ))}
    </span>
  );
}
