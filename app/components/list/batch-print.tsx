import { useCallback, useEffect, useRef, useState } from "react";
import { batchChunks, batchFileName, responseError } from "./batch-print-plan";

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
  /** The table's templates; when absent they are fetched from `/api/prints` (empty for an actor who may not print). */
  templates?: BatchTemplate[];
  /** Today, for file names; a prop so tests can fix it. */
  now?(): Date;
}

interface PrintedPart {
  label: string;
  fileName: string;
  href: string;
}

type Job =
  | { state: "idle" }
  | { state: "running"; total: number; done: number; inFlight: number; parts: number }
  | { state: "done"; total: number }
  | { state: "failed"; message: string };

/** Saves a blob under a file name, the way a download link would. */
function saveBlob(href: string, fileName: string) {
  const a = document.createElement("a");
  a.href = href;
  a.download = fileName;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * Prints the selected rows with a chosen template. Up to 100 records make one request and one
 * PDF, saved at once; more are printed in parts of 100 (there is no PDF merging in the browser),
 * each offered as a download link as soon as it is ready. A refusal shows the server's message.
 */
export function BatchPrint({ tableKey, pluralLabel, ids, templates: given, now = () => new Date() }: BatchPrintProps) {
  const [loaded, setLoaded] = useState<BatchTemplate[] | null>(given ?? null);
  const templates = given ?? loaded;
  const [chosen, setChosen] = useState("");
  const [job, setJob] = useState<Job>({ state: "idle" });
  const [parts, setParts] = useState<PrintedPart[]>([]);
  const abortRef = useRef<AbortController | null>(null);
  const urlsRef = useRef<string[]>([]);

  useEffect(() => {
    if (given) return;
    const controller = new AbortController();
    fetch(`/api/prints?table=${encodeURIComponent(tableKey)}`, { signal: controller.signal, headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? (r.json() as Promise<{ templates?: BatchTemplate[] }>) : { templates: [] }))
      .then((body) => setLoaded((body.templates ?? []).map((t) => ({ id: t.id, name: t.name, problems: t.problems ?? [] }))))
      // No templates to offer is the same as no printing: the button simply does not appear.
      .catch(() => (controller.signal.aborted ? undefined : setLoaded([])));
    return () => controller.abort();
  }, [given, tableKey]);

  const revokeAll = useCallback(() => {
    urlsRef.current.forEach((u) => URL.revokeObjectURL(u));
    urlsRef.current = [];
  }, []);
  useEffect(
    () => () => {
      abortRef.current?.abort();
      revokeAll();
    },
    [revokeAll],
  );

  const usable = (templates ?? []).filter((t) => !t.problems?.length);
  if (!templates || usable.length === 0) return null;
  const templateId = usable.some((t) => t.id === chosen) ? chosen : usable[0].id;
  const running = job.state === "running";
  const noun = pluralLabel.toLowerCase();

  async function print() {
    const selection = [...ids];
    const chunks = batchChunks(selection);
    if (chunks.length === 0) return;
    abortRef.current?.abort();
    revokeAll();
    setParts([]);
    const controller = new AbortController();
    abortRef.current = controller;
    const today = now();
    let done = 0;
    for (const [i, chunk] of chunks.entries()) {
      setJob({ state: "running", total: selection.length, done, inFlight: chunk.length, parts: chunks.length });
      let response: Response;
      try {
        response = await fetch(`/api/print/${encodeURIComponent(templateId)}/batch`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/pdf" },
          body: JSON.stringify({ ids: chunk }),
          signal: controller.signal,
        });
      } catch (error) {
        if (controller.signal.aborted) return;
        return setJob({ state: "failed", message: failedPart(i, chunks.length, `the server could not be reached (${(error as Error).message})`) });
      }
      if (!response.ok) return setJob({ state: "failed", message: failedPart(i, chunks.length, await responseError(response)) });
      const blob = await response.blob();
      if (controller.signal.aborted) return;
      const href = URL.createObjectURL(blob);
      urlsRef.current.push(href);
      const single = chunks.length === 1;
      const fileName = batchFileName(pluralLabel, selection.length, today, single ? undefined : { index: i + 1, of: chunks.length });
      setParts((p) => [...p, { label: single ? fileName : `Part ${i + 1} of ${chunks.length}`, fileName, href }]);
      if (single) saveBlob(href, fileName);
      done += chunk.length;
    }
    setJob({ state: "done", total: selection.length });
  }

  return (
    <div className="batch-print">
      <label className="batch-print__choice">
        <span className="visually-hidden">Print template</span>
        <select className="input input--small" value={templateId} onChange={(e) => setChosen(e.target.value)} disabled={running} aria-label="Print template">
          {templates.map((t) => (
            <option key={t.id} value={t.id} disabled={Boolean(t.problems?.length)} title={t.problems?.map((p) => p.message).join("; ")}>
              {t.problems?.length ? `${t.name} (needs fixing in the print designer)` : t.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button button--small" onClick={() => void print()} disabled={running || ids.length === 0}>
        {running ? "Printing…" : "Print"}
      </button>
      {job.state === "running" ? (
        <div className="batch-print__progress" role="status" aria-live="polite">
          {job.parts === 1 ? (
            <>
              <progress aria-label={`Printing ${job.total} ${noun}`} />
              <span>
                Printing {job.total} {job.total === 1 ? "record" : noun}…
              </span>
            </>
          ) : (
            <>
              <progress max={job.total} value={job.done} aria-label="Printing progress" />
              <span>
                Printing {job.done + job.inFlight} of {job.total}…
              </span>
            </>
          )}
        </div>
      ) : null}
      {job.state === "done" ? (
        <span className="batch-print__done" role="status">
          Printed {job.total} {job.total === 1 ? "record" : noun}.
        </span>
      ) : null}
      {job.state === "failed" ? (
        <p className="batch-print__error" role="alert">
          {job.message}
        </p>
      ) : null}
      {parts.length ? (
        <ul className="batch-print__parts" aria-label="Printed files">
          {parts.map((p) => (
            <li key={p.href}>
              <a href={p.href} download={p.fileName} title={p.fileName}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function failedPart(index: number, of: number, message: string): string {
  return of > 1 ? `Part ${index + 1} of ${of} was not printed: ${message}` : `Not printed: ${message}`;
}
