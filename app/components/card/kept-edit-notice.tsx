import { useTranslation } from "react-i18next";
import { useLocale } from "~/i18n/use-locale";
import type { PendingEdit } from "../offline/pending-edits";

function when(iso: string, locale: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? "" : new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(at);
}

/** What became of this card's edit kept on this device while there was no network. */
export function KeptEditNotice({ edit }: { edit: PendingEdit }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (edit.state === "pending")
    return (
      <p className="card-kept" role="status" data-testid="kept-edit">
        <strong>{t("offline.keptTitle")}</strong> {t("offline.keptWillSend")}
        {edit.savedAt ? (
          <>
            {" "}
            ({t("offline.keptAt")} <time dateTime={edit.savedAt}>{when(edit.savedAt, locale)}</time>)
          </>
        ) : null}
        .
      </p>
    );
  if (edit.state === "conflict")
    return (
      <p className="card-kept" role="status" data-testid="kept-edit">
        {t("offline.keptConflict")}
      </p>
    );
  return (
    <p className="card-kept" role="alert" data-testid="kept-edit">
      {t("offline.keptRefused", { problem: edit.problem ?? t("offline.serverRefused") })}
    </p>
  );
}
