/**
 * What a *Log call* form sends, checked and put into words (pure; timeline.server.ts writes it):
 * when the call started, how long it took, how it went, notes, and an optional next step that
 * becomes a task. Bad input is refused naming the field.
 */
import type { Words } from "@runtime/i18n/translator";
import { cardRefusal } from "./card-words";

export const CALL_RESULTS = {
  reached: "Reached",
  no_answer: "No answer",
  left_message: "Left message",
  wrong_number: "Wrong number",
} as const;
export type CallResult = keyof typeof CALL_RESULTS;

/** A call longer than a working day is a typo. */
const MAX_MINUTES = 600;

export interface CallLog {
  startedAt: Date;
  minutes: number | null;
  result: CallResult | null;
  subject: string | null;
  notes: string | null;
  nextStep: { subject: string; due: Date | null } | null;
}

function text(raw: unknown, name: string): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== "string") throw cardRefusal(400, "notText", { name });
  return raw.trim() === "" ? null : raw.trim();
}

function time(raw: unknown, name: string): Date | null {
  const value = text(raw, name);
  if (value === null) return null;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw cardRefusal(400, "badTime", { name });
  return at;
}

export function parseCallLog(body: Record<string, unknown>, now: Date): CallLog {
  let minutes: number | null = null;
  if (body.durationMinutes !== undefined && body.durationMinutes !== null && body.durationMinutes !== "") {
    minutes = Number(body.durationMinutes);
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_MINUTES) throw cardRefusal(400, "minutes", { max: MAX_MINUTES });
  }
  const result = text(body.result, "result");
  if (result !== null && !(result in CALL_RESULTS))
    throw cardRefusal(400, "result", {
      results: Object.keys(CALL_RESULTS)
        .map((r) => `"${r}"`)
        .join(", "),
    });
  let nextStep: CallLog["nextStep"] = null;
  if (body.nextStep !== undefined && body.nextStep !== null) {
    if (typeof body.nextStep !== "object" || Array.isArray(body.nextStep)) throw cardRefusal(400, "nextStepShape");
    const step = body.nextStep as Record<string, unknown>;
    const subject = text(step.subject, "nextStep.subject");
    if (subject === null) throw cardRefusal(400, "nextStepSubject");
    nextStep = { subject, due: time(step.due, "nextStep.due") };
  }
  return {
    startedAt: time(body.startedAt, "startedAt") ?? now,
    minutes,
    result: result as CallResult | null,
    subject: text(body.subject, "subject"),
    // `text` is what the first quick add sent as the call's result.
    notes: text(body.notes, "notes") ?? text(body.text, "text"),
    nextStep,
  };
}

const englishWords: Words = (key, values = {}) =>
  ({
    "callLog.call": "Call",
    "callLog.subject": `Call — ${String(values.parts)}`,
    "callLog.minutesShort": `${String(values.n)} min`,
    "callLog.partSeparator": ", ",
  })[key] ??
  CALL_RESULTS[key.split(".").pop() as CallResult] ??
  key;

/**
 * "Call — Reached, 5 min": what the timeline shows when the caller typed no subject, in the
 * caller's words (it is stored as the call's subject, like a subject they typed).
 */
export function callSubject(log: CallLog, t: Words = englishWords): string {
  const parts = [
    log.result ? t(`callLog.results.${log.result}`) : null,
    log.minutes !== null ? t("callLog.minutesShort", { n: log.minutes }) : null,
  ];
  const present = parts.filter((p): p is string => Boolean(p));
  return present.length ? t("callLog.subject", { parts: present.join(t("callLog.partSeparator")) }) : t("callLog.call");
}
