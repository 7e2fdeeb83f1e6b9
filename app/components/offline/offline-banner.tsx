import { Trans, useTranslation } from "react-i18next";
import { useLocale } from "~/i18n/use-locale";
import { useEffect, useState } from "react";
import { askWhichCopy } from "./service-worker";

interface WorkerMessage {
  type?: string;
  keptAt?: string | null;
}

function when(at: Date, locale: string): string {
  const sameDay = at.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(locale, sameDay ? { timeStyle: "short" } : { dateStyle: "medium", timeStyle: "short" }).format(at);
}

/**
 * "Offline — showing the copy from 14:02": the service worker tells the page when what it shows
 * (the document, or the data of a page opened since) is the copy kept from an earlier visit, and
 * when it is live again.
 */
export function OfflineBanner() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [keptAt, setKeptAt] = useState<string | null>(null);
  useEffect(() => {
    const container = typeof navigator === "undefined" ? undefined : navigator.serviceWorker;
    if (!container) return;
    const onMessage = (event: MessageEvent<WorkerMessage>) => {
      if (event.data?.type === "tessera:offline-copy") setKeptAt(event.data.keptAt ?? "");
      else if (event.data?.type === "tessera:live") setKeptAt(null);
    };
    container.addEventListener("message", onMessage);
    container.startMessages?.();
    askWhichCopy();
    return () => container.removeEventListener("message", onMessage);
  }, []);
  if (keptAt === null) return null;
  const at = new Date(keptAt);
  const known = keptAt !== "" && !Number.isNaN(at.getTime());
  return (
    <p className="offline-banner" role="status">
      <strong>{t("offline.title")}</strong>{" "}
      {known ? (
        <Trans i18nKey="offline.showingCopy" values={{ when: when(at, locale) }} components={{ time: <time dateTime={keptAt} /> }} />
      ) : (
        t("offline.showingEarlier")
      )}{" "}
      {t("offline.changesKept")}
    </p>
  );
}
