import type { Approval } from "@runtime/automation/types";
import { relativeTime } from "../../utils/relative-time";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/use-locale";

/** On My tasks: the approvals waiting for the user's decision, each opening its record with the approval banner. */
export function PendingApprovals({
  approvals,
}: {
  approvals: Pick<Approval, "id" | "message" | "ruleName" | "table" | "recordId" | "createdAt">[];
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (approvals.length === 0) return null;
  return (
    <section className="my-tasks__group my-tasks__group--approvals" aria-labelledby="tasks-approvals" data-testid="pending-approvals">
      <h2 id="tasks-approvals" className="my-tasks__group-title">
        {t("rules.approvals.waiting")} <span className="my-tasks__count">{approvals.length}</span>
      </h2>
      <ul className="my-tasks__list">
        {approvals.map((a) => (
          <li key={a.id} className="task-row">
            <div className="task-row__body">
              <a className="task-row__subject" href={`/t/${encodeURIComponent(a.table)}/${a.recordId}?approval=${a.id}`}>
                {a.message}
              </a>
              <div className="task-row__meta">
                <span>{a.ruleName}</span>
                <span suppressHydrationWarning>{relativeTime(a.createdAt, new Date(), locale)}</span>
              </div>
            </div>
            <span className="pill pill--accent">{t("rules.approvals.approval")}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
