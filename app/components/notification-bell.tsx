import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../i18n/use-locale";
import { relativeTime } from "../utils/relative-time";

interface NotificationRow {
  id: number;
  title: string;
  href: string | null;
  createdAt: string;
  readAt: string | null;
}

/** How often the count is refreshed while the page is open (and at once when it regains focus). */
const POLL_MS = 45_000;

async function post(path: string): Promise<void> {
  // The same-origin fetch carries the session's CSRF token (utils/csrf-fetch.ts).
  await fetch(path, { method: "POST", headers: { Accept: "application/json" } });
}

/**
 * The header's bell: the unread count (from the page's loader, then polled), and a panel with the
 * latest notifications, each a link, marked read one by one or all at once.
 */
export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [unread, setUnread] = useState(initialUnread);
  const [rows, setRows] = useState<NotificationRow[] | null>(null);
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const panelId = useId();

  // A navigation reloads the root loader: take its fresh count.
  useEffect(() => setUnread(initialUnread), [initialUnread]);

  const refresh = useCallback(async () => {
    try {
      const response = await fetch("/api/notifications?limit=20", { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as { rows: NotificationRow[]; unread: number };
      setRows(body.rows);
      setUnread(body.unread);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, []);

  useEffect(() => {
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    const onFocus = () => void refresh();
    window.addEventListener("focus", onFocus);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("focus", onFocus);
    };
  }, [refresh]);

  useEffect(() => {
    if (!open) return;
    void refresh();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    const onClick = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open, refresh]);

  const markRead = async (id: number) => {
    setRows((rs) => rs?.map((r) => (r.id === id ? { ...r, readAt: r.readAt ?? new Date().toISOString() } : r)) ?? null);
    setUnread((n) => Math.max(0, n - 1));
    await post(`/api/notifications/${id}/read`);
    await refresh();
  };

  const markAllRead = async () => {
    setRows((rs) => rs?.map((r) => ({ ...r, readAt: r.readAt ?? new Date().toISOString() })) ?? null);
    setUnread(0);
    await post("/api/notifications/read-all");
    await refresh();
  };

  return (
    <div className="bell" ref={root}>
      <button
        type="button"
        className={`bell__button${open ? " bell__button--open" : ""}`}
        aria-label={t("notifications.unread", { count: unread })}
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="notification-bell"
        onClick={() => setOpen((o) => !o)}
      >
        <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path
            d="M10 2.5a5 5 0 0 0-5 5v2.8c0 .6-.2 1.2-.6 1.7L3.3 13.5c-.4.5 0 1.3.6 1.3h12.2c.6 0 1-.8.6-1.3L15.6 12c-.4-.5-.6-1.1-.6-1.7V7.5a5 5 0 0 0-5-5zM8 16.5a2 2 0 0 0 4 0"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        {unread > 0 ? (
          <span className="bell__count" aria-hidden="true">
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      <div id={panelId} className="bell__panel" role="region" aria-label={t("notifications.title")} hidden={!open}>
        <div className="bell__head">
          <h2 className="bell__title">{t("notifications.title")}</h2>
          <button type="button" className="bell__all" onClick={() => void markAllRead()} disabled={unread === 0}>
            {t("notifications.markAllRead")}
          </button>
        </div>
        {failed && rows === null ? (
          <p className="bell__empty">{t("notifications.failed")}</p>
        ) : rows === null ? (
          <p className="bell__empty">{t("notifications.loading")}</p>
        ) : rows.length === 0 ? (
          <p className="bell__empty">{t("notifications.empty")}</p>
        ) : (
          <ul className="bell__list">
            {rows.map((n) => (
              <li key={n.id} className={`bell__item${n.readAt ? "" : " bell__item--unread"}`}>
                <a
                  className="bell__link"
                  href={n.href ?? "#"}
                  onClick={() => (n.readAt ? undefined : void post(`/api/notifications/${n.id}/read`))}
                >
                  <span className="bell__item-title">{n.title}</span>
                  <time className="bell__time" dateTime={n.createdAt} title={new Date(n.createdAt).toLocaleString(locale)}>
                    {relativeTime(n.createdAt, new Date(), locale)}
                  </time>
                </a>
                {n.readAt ? null : (
                  <button
                    type="button"
                    className="bell__read"
                    aria-label={t("notifications.markReadOf", { title: n.title })}
                    title={t("notifications.markRead")}
                    onClick={() => void markRead(n.id)}
                  >
                    <span aria-hidden="true" className="bell__dot" />
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        <p className="bell__foot">
          <a href="/tasks">{t("nav.tasks")}</a>
        </p>
      </div>
    </div>
  );
}
