import { useTranslation } from "react-i18next";
import type { Words } from "@runtime/i18n/translator";
import { useCounting } from "~/i18n/use-counting";
import { useEffect, useRef, useState } from "react";
import { MAX_JOB_RECORDS, type PrintJobFormat, type PrintJobQuery, type PrintJobStatus } from "@runtime/print/print-jobs";
import { jobFileUrl, jobStatusUrl, responseError, sentenceCase } from "./batch-print-plan";
import { say } from "@runtime/i18n/words";
import { printPhrase } from "@runtime/print/print-words";

export interface BatchTemplate {
  id: string;
  name: string;
  /** A removed field the template still uses: listed, but it cannot be chosen. */
  problems?: { message: string }[];
}

export interface BatchPrintProps {
  tableKey: string;
  pluralLabel: string;
  /** The selected record ids, in list order. */
  ids: number[];
  /** Instead of `ids`: every record the list finds (the server looks them up), about `count`. */
  everything?: { query: PrintJobQuery; count: number };
  /** The table's templates; when absent they are fetched from `/api/prints` (empty for an actor who may not print). */
  templates?: BatchTemplate[];
  /** How often a running job's progress is asked for; a prop so tests can run fast. */
  pollMs?: number;
}

type View =
  | { state: "idle" }
  | { state: "starting"; total: number }
  | { state: "running"; job: PrintJobStatus }
  | { state: "done"; job: PrintJobStatus }
  | { state: "canceled"; job: PrintJobStatus }
  | { state: "failed"; message: string };

/** `Skipped 3 that “Receipt” does not apply to: INV-1, INV-2 and 1 more.` */
function skippedText(job: PrintJobStatus, template: string, t: Words, integer: (n: number) => string): string {
  const more = job.skipped - job.skippedNames.length;
  const names = job.skippedNames.join(t("filters.listSeparator"));
  const list = !names ? "" : more > 0 ? t("batchPrint.namesAndMore", { names, more: integer(more) }) : t("batchPrint.names", { names });
  return t("batchPrint.skipped", { count: job.skipped, n: integer(job.skipped), template, list });
}

/** Saves the finished file the way a download link would (one file, so browsers allow it). */
function saveFile(href: string, fileName: string) {
  const a = document.createElement("a");
  a.href = href;
  a.download = fileName;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
}

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * The table's print templates from `/api/prints` (empty for an actor who may not print), or
 * `given` as they are. The list asks once when it opens, so the print controls are there the
 * moment rows are selected instead of appearing (and shifting the bar) a request later.
 */
export function usePrintTemplates(tableKey: string, given?: BatchTemplate[]): BatchTemplate[] | null {
  const [loaded, setLoaded] = useState<{ tableKey: string; templates: BatchTemplate[] } | null>(null);
  useEffect(() => {
    if (given) return;
    const controller = new AbortController();
    fetch(`/api/prints?table=${encodeURIComponent(tableKey)}`, { signal: controller.signal, headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? (r.json() as Promise<{ templates?: BatchTemplate[] }>) : { templates: [] }))
      .then((body) =>
        setLoaded({ tableKey, templates: (body.templates ?? []).map((t) => ({ id: t.id, name: t.name, problems: t.problems ?? [] })) }),
      )
      // No templates to offer is the same as no printing: the button simply does not appear.
      .catch(() => (controller.signal.aborted ? undefined : setLoaded({ tableKey, templates: [] })));
    return () => controller.abort();
  }, [given, tableKey]);
  return given ?? (loaded?.tableKey === tableKey ? loaded.templates : null);
}

/**
 * Prints the selected rows with a chosen template as a server-side job: one PDF with every
 * record, or a ZIP of one PDF per record. The job's progress is polled into a progress bar; it
 * can be canceled, and when it is done the file is saved and stays offered as a link. A refusal
 * shows the server's message.
 */
export function BatchPrint({ tableKey, pluralLabel, ids, everything, templates: given, pollMs = 500 }: BatchPrintProps) {
  const templates = usePrintTemplates(tableKey, given);
  const { t } = useTranslation();
  const { integer } = useCounting();
  const [chosen, setChosen] = useState("");
  const [format, setFormat] = useState<PrintJobFormat>("pdf");
  const [view, setView] = useState<View>({ state: "idle" });
  const runRef = useRef<{ controller: AbortController; jobId?: string } | null>(null);

  function stopRun(cancelOnServer: boolean) {
    const run = runRef.current;
    runRef.current = null;
    run?.controller.abort();
    if (cancelOnServer && run?.jobId) void fetch(jobStatusUrl(run.jobId), { method: "DELETE", keepalive: true }).catch(() => undefined);
  }
  // Leaving the list (or clearing the selection) stops a job nobody could download any more.
  useEffect(() => () => stopRun(true), []);

  const usable = (templates ?? []).filter((template) => !template.problems?.length);
  if (!templates || usable.length === 0) return null;
  const templateId = usable.some((template) => template.id === chosen) ? chosen : usable[0].id;
  const busy = view.state === "starting" || view.state === "running";
  const noun = pluralLabel.toLowerCase();
  // "1 record", "3 invoices": the list has its plural label only, so one reads as a record.
  const records = (n: number) =>
    n === 1 ? t("batchPrint.oneRecord", { n: integer(n) }) : t("batchPrint.manyRecords", { n: integer(n), noun });
  const notPrinted = (why: string) => t("batchPrint.notPrinted", { why });

  async function print() {
    const target = everything ? { query: everything.query } : { ids: [...ids] };
    const count = everything ? everything.count : ids.length;
    if (count === 0) return;
    if (count > MAX_JOB_RECORDS)
      return setView({
        state: "failed",
        message: `${notPrinted(say(printPhrase("tooMany", { max: integer(MAX_JOB_RECORDS), count: integer(count) }), t))}.`,
      });
    stopRun(true);
    const run = { controller: new AbortController(), jobId: undefined as string | undefined };
    runRef.current = run;
    const { signal } = run.controller;
    setView({ state: "starting", total: count });
    try {
      const started = await fetch(`/api/print/${encodeURIComponent(templateId)}/jobs`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ ...target, format }),
        signal,
      });
      if (!started.ok) return setView({ state: "failed", message: notPrinted(await responseError(started, t)) });
      let job = (await started.json()) as PrintJobStatus;
      run.jobId = job.jobId;
      while (job.state === "running") {
        setView({ state: "running", job });
        await wait(pollMs, signal);
        if (signal.aborted) return;
        const polled = await fetch(jobStatusUrl(job.jobId), { headers: { Accept: "application/json" }, signal });
        if (!polled.ok) return setView({ state: "failed", message: t("batchPrint.stopped", { why: await responseError(polled, t) }) });
        job = (await polled.json()) as PrintJobStatus;
      }
      if (signal.aborted) return;
      runRef.current = null;
      if (job.state === "done") {
        setView({ state: "done", job });
        saveFile(jobFileUrl(job.jobId), job.fileName);
      } else if (job.state === "canceled") setView({ state: "canceled", job });
      else
        setView({
          state: "failed",
          message: notPrinted(job.errorWords ? say(job.errorWords, t) : (job.error ?? t("batchPrint.jobFailed"))),
        });
    } catch (error) {
      if (signal.aborted) return;
      setView({ state: "failed", message: notPrinted(t("batchPrint.unreachable", { detail: (error as Error).message })) });
    }
  }

  async function cancel() {
    const run = runRef.current;
    if (!run) return;
    const jobId = run.jobId;
    stopRun(false);
    if (!jobId) return setView({ state: "idle" });
    const answer = await fetch(jobStatusUrl(jobId), { method: "DELETE", headers: { Accept: "application/json" } }).catch(() => null);
    if (answer?.ok) setView({ state: "canceled", job: (await answer.json()) as PrintJobStatus });
    else
      setView({
        state: "failed",
        message: t("batchPrint.cancelFailed", { why: answer ? await responseError(answer, t) : t("batchPrint.serverUnreachable") }),
      });
  }

  return (
    <div className="batch-print">
      <label>
        <span className="visually-hidden">{t("batchPrint.template")}</span>
        <select className="batch-print__select" value={templateId} onChange={(e) => setChosen(e.target.value)} disabled={busy}>
          {templates.map((template) => (
            <option
              key={template.id}
              value={template.id}
              disabled={Boolean(template.problems?.length)}
              title={template.problems?.map((p) => p.message).join("; ")}
            >
              {template.problems?.length ? t("batchPrint.needsFixing", { name: template.name }) : template.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="visually-hidden">{t("batchPrint.into")}</span>
        <select
          className="batch-print__select"
          value={format}
          onChange={(e) => setFormat(e.target.value as PrintJobFormat)}
          disabled={busy}
        >
          <option value="pdf">{t("batchPrint.onePdf")}</option>
          <option value="zip">{t("batchPrint.zip")}</option>
        </select>
      </label>
      <button
        type="button"
        className="button button--small"
        onClick={() => void print()}
        disabled={busy || (everything ? everything.count : ids.length) === 0}
      >
        {busy ? t("batchPrint.printing") : t("card.print")}
      </button>
      {view.state === "starting" || view.state === "running" ? (
        <div className="batch-print__progress" role="status">
          <progress
            max={view.state === "running" ? view.job.total : view.total}
            value={view.state === "running" ? view.job.done : 0}
            aria-label={t("batchPrint.progress")}
            aria-valuetext={
              view.state === "running"
                ? t("batchPrint.doneOf", { done: integer(view.job.done), total: records(view.job.total) })
                : t("batchPrint.starting")
            }
          />
          <span>
            {view.state === "running"
              ? t("batchPrint.printedOf", { done: integer(view.job.done), total: records(view.job.total) })
              : t("batchPrint.startingToPrint", { total: records(view.total) })}
          </span>
          <button type="button" className="button button--ghost button--small" onClick={() => void cancel()}>
            {t("batchPrint.cancel")}
          </button>
        </div>
      ) : null}
      {view.state === "done" ? (
        <span className="batch-print__done" role="status">
          {t("batchPrint.printed", { records: records(view.job.done) })}{" "}
          {view.job.skipped > 0 ? (
            <>
              {skippedText(
                view.job,
                usable.find((template) => template.id === templateId)?.name ?? t("batchPrint.theTemplate"),
                t,
                integer,
              )}{" "}
            </>
          ) : null}
          <a href={jobFileUrl(view.job.jobId)} download={view.job.fileName}>
            {t("card.downloadOf", { name: view.job.fileName })}
          </a>
        </span>
      ) : null}
      {view.state === "canceled" ? (
        <span className="batch-print__done batch-print__done--muted" role="status">
          {t("batchPrint.canceled", { done: integer(view.job.done), total: records(view.job.total) })}
        </span>
      ) : null}
      {view.state === "failed" ? (
        <p className="batch-print__error" role="alert">
          {sentenceCase(view.message)}
        </p>
      ) : null}
    </div>
  );
}
