import { useTranslation } from "react-i18next";
import { useEffect, useState } from "react";
import { PENDING_EVENT, pendingEdits, type PendingEdit } from "./pending-edits";

/** The header's count of edits kept on this device, and where they are. Nothing when there are none. */
export function PendingIndicator({ userId }: { userId: number }) {
  const { t } = useTranslation();
  const [edits, setEdits] = useState<PendingEdit[]>([]);
  useEffect(() => {
    const read = () => setEdits(pendingEdits(userId));
    read();
    window.addEventListener(PENDING_EVENT, read);
    // Another tab of the same browser kept or sent one.
    window.addEventListener("storage", read);
    return () => {
      window.removeEventListener(PENDING_EVENT, read);
      window.removeEventListener("storage", read);
    };
  }, [userId]);
  if (!edits.length) return null;
  const label = t("offline.notSent", { count: edits.length });
  return (
    <details className="pending-edits">
      <summary className="pill pill--warning pending-edits__count" aria-label={label} title={label}>
        <span aria-hidden="true">⇅</span> {edits.length}
      </summary>
      <div className="pending-edits__panel">
        <p className="pending-edits__title">{t("offline.keptTitle")}</p>
        <ul>
          {edits.map((e) => (
            <li key={`${e.table}/${e.id}`}>
              <a href={`/t/${encodeURIComponent(e.table)}/${e.id}`}>{e.title}</a>
              <span className="pending-edits__state"> — {e.problem ?? t(`offline.state.${e.state}`)}</span>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
