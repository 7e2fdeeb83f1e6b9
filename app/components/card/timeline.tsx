import { useTranslation } from "react-i18next";
import { answeredError, type Words } from "@runtime/i18n/words";
import { useEffect, useState, type FormEvent } from "react";
import type { FormatOptions } from "@runtime/fields/types";
import type { TimelineItem, TimelinePage } from "@runtime/records/timeline";
import type { CompiledTable } from "@runtime/schema/compile";
import { describeHistoryEntry, formatAuditTime } from "./card-history";
import type { CardTimeline, QuickAddType } from "./card-types";
import { appendDictated, DictationButton } from "@runtime/fields/ui/dictation";
import { LogCallForm, type LogCallBody } from "./log-call-form";

export const TIMELINE_PAGE = 20;

export interface TimelineProps {
  timeline: CardTimeline;
  table: CompiledTable;
  recordId: number;
  format: FormatOptions;
  /** The record as it is now: money fields in its changes take their currency from it. */
  record?: Record<string, unknown> | null;
  /** The browser's fetch; tests hand in their own. */
  fetcher?: typeof fetch;
  /** Called after a quick add was saved. */
  onAdded?(): void;
  /** Opens *Log call* starting at `at` (a tap on the number, or the card's action); `seq` tells requests apart. */
  callRequest?: { at: string; seq: number } | null;
}

/** The note's and the task's short forms; a call has a form of its own (log-call-form.tsx). */
const PLACEHOLDERS: Record<Exclude<QuickAddType, "call">, { main: string; second?: string }> = {
  note: { main: "timeline.notePlaceholder" },
  task: { main: "timeline.taskPlaceholder", second: "timeline.due" },
};

/** The answer's body; a refusal as an Error in the reader's words. */
async function answer(response: Response, t: Words): Promise<unknown> {
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new Error(answeredError(body, t, t("timeline.serverAnswered", { status: response.status })));
  return body;
}

/**
 * The record's timeline, newest first: what was added about it or pointing at it, the documents
 * kept for it and its own changes, with *Load more* for older ones. The quick adds write through
 * `POST /api/t/<table>/<id>/timeline` and then reload the first page.
 */
export function Timeline({ timeline, table, recordId, format, record, fetcher, onAdded, callRequest }: TimelineProps) {
  const { t } = useTranslation();
  const doFetch = fetcher ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const [items, setItems] = useState<TimelineItem[]>(timeline.page.items);
  const [cursor, setCursor] = useState<string | null>(timeline.page.nextCursor);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [adding, setAdding] = useState<QuickAddType | null>(null);
  const [main, setMain] = useState("");
  const [second, setSecond] = useState("");
  const [callStart, setCallStart] = useState<Date>(() => new Date());
  // Asked for from elsewhere on the card (its header, a tapped number): the form is scrolled to.
  const [revealCall, setRevealCall] = useState(false);
  const base = `/api/t/${encodeURIComponent(table.key)}/${recordId}/timeline`;
  // A revalidated card (a message sent from its header) brings a new first page.
  useEffect(() => {
    setItems(timeline.page.items);
    setCursor(timeline.page.nextCursor);
  }, [timeline]);

  const offersCall = timeline.adds.some((a) => a.type === "call");
  useEffect(() => {
    if (!callRequest || !offersCall) return;
    setCallStart(new Date(callRequest.at));
    setAdding("call");
    setProblem(null);
    setRevealCall(true);
  }, [callRequest, offersCall]);

  async function loadMore() {
    if (!cursor) return;
    setBusy(true);
    setProblem(null);
    try {
      const page = (await answer(await doFetch(`${base}?limit=${TIMELINE_PAGE}&before=${encodeURIComponent(cursor)}`), t)) as TimelinePage;
      setItems((now) => [...now, ...page.items.filter((i) => !now.some((n) => n.key === i.key))]);
      setCursor(page.nextCursor);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  function add(event: FormEvent) {
    event.preventDefault();
    if (!adding) return;
    void send(
      adding === "note"
        ? { type: "note", text: main }
        : { type: "task", subject: main, ...(second ? { due: new Date(second).toISOString() } : {}) },
    );
  }

  async function send(body: Record<string, unknown> | LogCallBody) {
    setBusy(true);
    setProblem(null);
    try {
      await answer(await doFetch(base, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }), t);
      const page = (await answer(await doFetch(`${base}?limit=${TIMELINE_PAGE}`), t)) as TimelinePage;
      setItems(page.items);
      setCursor(page.nextCursor);
      setAdding(null);
      setMain("");
      setSecond("");
      onAdded?.();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  const open = (type: QuickAddType) => {
    if (type === "call") {
      setCallStart(new Date());
      setRevealCall(false);
    }
    setAdding(adding === type ? null : type);
    setProblem(null);
  };
  const placeholder = adding && adding !== "call" ? PLACEHOLDERS[adding] : null;

  return (
    <section className="card-section timeline" aria-label={t("timeline.activity")}>
      <div className="timeline__top">
        <h2 className="card-section__title">{t("timeline.activity")}</h2>
        {timeline.adds.length ? (
          <div className="timeline__adds" role="group" aria-label={t("timeline.addTo")}>
            {timeline.adds.map((a) => (
              <button
                key={a.type}
                type="button"
                className={`button button--small button--secondary${adding === a.type ? " button--pressed" : ""}`}
                aria-pressed={adding === a.type}
                onClick={() => open(a.type)}
              >
                {t(`timeline.add.${a.type}`, { defaultValue: a.label })}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      {adding === "call" ? (
        <LogCallForm
          key={callStart.getTime()}
          reveal={revealCall}
          startedAt={callStart}
          busy={busy}
          onSend={(body) => void send(body)}
          onCancel={() => setAdding(null)}
        />
      ) : adding && placeholder ? (
        <form className="timeline__form" onSubmit={add} aria-label={t(`timeline.add.${adding}`)}>
          {adding === "note" ? (
            <div className="tf-longtext">
              <textarea
                className="tf-input tf-textarea"
                aria-label={t("timeline.note")}
                placeholder={t(placeholder.main)}
                value={main}
                onChange={(e) => setMain(e.target.value)}
                rows={3}
                required
                autoFocus
              />
              <DictationButton label="the note" onHeard={(heard) => setMain((now) => appendDictated(now, heard))} />
            </div>
          ) : (
            <input
              className="tf-input"
              aria-label={t("timeline.subject")}
              placeholder={t(placeholder.main)}
              value={main}
              onChange={(e) => setMain(e.target.value)}
              required={adding === "task"}
              autoFocus
            />
          )}
          {adding === "task" ? (
            <label className="timeline__due">
              {t("timeline.due")}{" "}
              <input className="tf-input" type="datetime-local" value={second} onChange={(e) => setSecond(e.target.value)} />
            </label>
          ) : null}
          <div className="timeline__form-actions">
            <button type="submit" className="button button--small" disabled={busy}>
              {t("card.save")}
            </button>
            <button type="button" className="button button--small button--ghost" onClick={() => setAdding(null)}>
              {t("timeline.cancel")}
            </button>
          </div>
        </form>
      ) : null}
      {problem ? (
        <p className="timeline__problem" role="alert">
          {problem}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="timeline__empty">{t("timeline.empty")}</p>
      ) : (
        <ol className="timeline__list" aria-label={t("timeline.timeline")}>
          {items.map((item) => (
            <TimelineEntry key={item.key} item={item} table={table} format={format} record={record ?? undefined} />
          ))}
        </ol>
      )}
      {cursor ? (
        <button
          type="button"
          className="button button--small button--secondary timeline__more"
          onClick={() => void loadMore()}
          disabled={busy}
        >
          {t(busy ? "timeline.loading" : "timeline.loadMore")}
        </button>
      ) : null}
    </section>
  );
}

function TimelineEntry({
  item,
  table,
  format,
  record,
}: {
  item: TimelineItem;
  table: CompiledTable;
  format: FormatOptions;
  record?: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const when = <time dateTime={item.at}>{formatAuditTime(item.at, format)}</time>;
  if (item.type === "change") {
    const line = describeHistoryEntry(
      { id: item.id, at: item.at, user: item.by, action: item.action, changes: item.changes },
      table,
      format,
      record,
      (key, values) => t(key, values),
    );
    return (
      <li className="timeline__item timeline__item--change">
        <span className="timeline__badge">{t("timeline.change")}</span>
        <div className="timeline__main">
          <p className="timeline__head">
            <strong>{line.who}</strong> {line.what}
          </p>
          <p className="timeline__meta">{when}</p>
        </div>
      </li>
    );
  }
  if (item.type === "document") {
    return (
      <li className="timeline__item timeline__item--document">
        <span className="timeline__badge">{t("timeline.document")}</span>
        <div className="timeline__main">
          <p className="timeline__head">
            {item.pdfHref ? <a href={item.pdfHref}>{item.filename}</a> : item.filename} {t("timeline.keptFor")}{" "}
            <a href={`/t/${encodeURIComponent(item.table)}/${item.recordId}`}>
              {item.tableLabel.toLowerCase()} #{item.recordId}
            </a>
          </p>
          <p className="timeline__meta">{when}</p>
        </div>
      </li>
    );
  }
  if (item.type === "message") {
    return (
      <li className="timeline__item timeline__item--message">
        <span className="timeline__badge">{t("timeline.email")}</span>
        <div className="timeline__main">
          <p className="timeline__head">
            <strong>{item.subject}</strong> {t("timeline.to")} {item.to}
          </p>
          <p className="timeline__meta">
            {when} ·{" "}
            <span className={`mail-status mail-status--${item.status}`}>
              {t(`timeline.status.${item.status}`, { defaultValue: item.status })}
            </span>
            {item.by ? ` · ${item.by}` : null}
            {item.error ? ` · ${item.error}` : null}
          </p>
        </div>
      </li>
    );
  }
  return (
    <li className="timeline__item">
      <span className="timeline__badge">{item.tableLabel}</span>
      <div className="timeline__main">
        <p className="timeline__head">
          <a href={`/t/${encodeURIComponent(item.table)}/${item.id}`}>{item.title}</a>
        </p>
        {item.text ? <p className="timeline__text">{item.text}</p> : null}
        {item.details.length ? (
          <p className="timeline__details">
            {item.details.map((d, i) => (
              <span key={d.label}>
                {i > 0 ? " · " : null}
                <span className="timeline__label">{d.label}:</span> {d.text}
              </span>
            ))}
          </p>
        ) : null}
        <p className="timeline__meta">
          {item.by ? `${item.by} · ` : null}
          {when}
        </p>
      </div>
    </li>
  );
}
