import { useTranslation } from "react-i18next";
import type { MailingCounts, MailingStatus, RecipientStatus } from "@runtime/mail/mailing-types";

const MAILING_STATUSES: readonly string[] = ["preparing", "sending", "done", "failed"] satisfies MailingStatus[];

/** A mailing's or a recipient's state as a pill: green when sent or done, red when failed. */
export function StatusPill({ status }: { status: MailingStatus | RecipientStatus["status"] }) {
  const { t } = useTranslation();
  const label = MAILING_STATUSES.includes(status) ? t(`mailings.state.${status}`) : t(`mailings.recipientState.${status}`);
  const tone = status === "sent" || status === "done" ? "pill--ok" : status === "sending" || status === "preparing" ? "pill--accent" : "";
  return <span className={`pill mailing-pill mailing-pill--${status} ${tone}`}>{label}</span>;
}

/** "12 sent · 3 queued · 1 failed · 2 skipped", leaving out what is zero. */
export function CountsLine({ counts }: { counts: MailingCounts }) {
  const { t } = useTranslation();
  const parts = (
    [
      ["sent", counts.sent],
      ["queued", counts.queued],
      ["retrying", counts.retrying],
      ["failed", counts.failed],
      ["skipped", counts.skipped],
    ] as const
  ).filter(([, n]) => n > 0);
  if (parts.length === 0) return <span className="muted">{t("mailings.noRecipients")}</span>;
  return (
    <span className="mailing-counts">
      {parts.map(([name, n]) => (
        <span key={name} className={`mailing-counts__item mailing-counts__item--${name}`}>
          {t(`mailings.counts.${name}`, { count: n })}
        </span>
      ))}
    </span>
  );
}
