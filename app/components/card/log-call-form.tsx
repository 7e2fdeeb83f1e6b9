import { useEffect, useRef, useState, type FormEvent } from "react";
import { appendDictated, DictationButton } from "@runtime/fields/ui/dictation";
import { CALL_RESULTS, type CallResult } from "../../services/call-log";
import { useTranslation } from "react-i18next";

/** `2026-12-06T09:30` in the browser's time zone, as a datetime-local input shows it. */
export function localInputValue(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

export interface LogCallBody {
  type: "call";
  startedAt: string;
  durationMinutes?: number;
  result?: CallResult;
  notes?: string;
  nextStep?: { subject: string; due?: string };
}

export interface LogCallFormProps {
  /** When the call started: the tap on the number, or now. */
  startedAt: Date;
  busy: boolean;
  /** Scroll to the form when it opens: it was asked for from elsewhere on the card. */
  reveal?: boolean;
  onSend(body: LogCallBody): void;
  onCancel(): void;
}

/**
 * *Log call*: when, how long, how it went, notes (dictated where the browser can), and an
 * optional next step that becomes the caller's task. The server checks it all again (call-log.ts).
 */
export function LogCallForm(props: LogCallFormProps) {
  const [started, setStarted] = useState(() => localInputValue(props.startedAt));
  const [minutes, setMinutes] = useState("");
  const { t } = useTranslation();
  const [result, setResult] = useState<CallResult | "">("");
  const [notes, setNotes] = useState("");
  const [next, setNext] = useState("");
  const [due, setDue] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const reveal = props.reveal ?? false;
  useEffect(() => {
    // The card's header sticks to the top: the form is brought to the middle, not under it.
    if (reveal) formRef.current?.scrollIntoView?.({ block: "center" });
  }, [reveal]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const at = new Date(started);
    props.onSend({
      type: "call",
      startedAt: (Number.isNaN(at.getTime()) ? props.startedAt : at).toISOString(),
      ...(minutes.trim() ? { durationMinutes: Number(minutes) } : {}),
      ...(result ? { result } : {}),
      ...(notes.trim() ? { notes } : {}),
      ...(next.trim() ? { nextStep: { subject: next, ...(due ? { due: new Date(due).toISOString() } : {}) } } : {}),
    });
  }

  return (
    <form ref={formRef} className="timeline__form log-call" onSubmit={submit} aria-label={t("card.logCall")}>
      <div className="log-call__row">
        <label className="log-call__field">
          {t("callLog.started")}
          <input className="tf-input" type="datetime-local" value={started} onChange={(e) => setStarted(e.target.value)} required />
        </label>
        <label className="log-call__field log-call__field--short">
          {t("callLog.minutes")}
          <input
            className="tf-input"
            type="number"
            inputMode="numeric"
            min={0}
            max={600}
            step={1}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
        </label>
      </div>
      <fieldset className="log-call__results">
        <legend>{t("callLog.result")}</legend>
        {(Object.keys(CALL_RESULTS) as CallResult[]).map((key) => (
          <label key={key} className="log-call__result">
            <input type="radio" name="call-result" value={key} checked={result === key} onChange={() => setResult(key)} />
            {t(`callLog.results.${key}`)}
          </label>
        ))}
      </fieldset>
      <div className="tf-longtext">
        <label className="log-call__field">
          {t("callLog.notes")}
          <textarea className="tf-input tf-textarea" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        <DictationButton label={t("callLog.notes")} onHeard={(heard) => setNotes((now) => appendDictated(now, heard))} />
      </div>
      <div className="log-call__row">
        <label className="log-call__field">
          {t("callLog.nextStep")}
          <input className="tf-input" value={next} onChange={(e) => setNext(e.target.value)} placeholder={t("callLog.nextExample")} />
        </label>
        <label className="log-call__field log-call__field--short">
          {t("callLog.due")}
          <input className="tf-input" type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} disabled={!next.trim()} />
        </label>
      </div>
      <div className="timeline__form-actions">
        <button type="submit" className="button button--small" disabled={props.busy}>
          {props.busy ? t("card.saving") : t("callLog.save")}
        </button>
        <button type="button" className="button button--small button--ghost" onClick={props.onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
