import { useEffect, useState } from "react";
import { askWhichCopy } from "./service-worker";

interface WorkerMessage {
  type?: string;
  keptAt?: string | null;
}

function when(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "an earlier visit";
  const sameDay = at.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(undefined, sameDay ? { timeStyle: "short" } : { dateStyle: "medium", timeStyle: "short" }).format(at);
}

/**
 * "Offline — showing the copy from 14:02": the service worker tells the page when what it shows
 * (the document, or the data of a page opened since) is the copy kept from an earlier visit, and
 * when it is live again.
 */
export function OfflineBanner() {
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
  return (
    <p className="offline-banner" role="status">
      <strong>Offline</strong> — showing the copy from {keptAt ? <time dateTime={keptAt}>{when(keptAt)}</time> : "an earlier visit"}.
      Changes you save are kept on this device.
    </p>
  );
}
