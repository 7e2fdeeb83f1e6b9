import { useEffect, useState } from "react";

interface Target {
  key: string;
  pluralLabel: string;
  fields: { key: string; label: string }[];
  keys: string[];
}

interface Status {
  state: string;
  processed: number;
  total: number;
  created: number;
  updated: number;
  errors: { row: number; field: string | null; message: string }[];
  undone: boolean;
}

type Mode = "dry-run" | "insert" | "upsert";

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\s_-]+/g, "");

/** The first lines of a CSV, split on its likeliest delimiter: a preview only; the server parses for real. */
function previewCsv(text: string): string[][] {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter(Boolean)
    .slice(0, 6);
  const delimiter = [",", ";", "\t", "|"].sort((a, b) => (lines[0]?.split(b).length ?? 0) - (lines[0]?.split(a).length ?? 0))[0];
  return lines.map((l) => l.split(delimiter).map((c) => c.replace(/^"|"$/g, "")));
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** `"weird": "weird" is not one of the options` reads better once: the value is quoted by both the reader and the field. */
const withoutRepeatedValue = (message: string) => message.replace(/^("[^"]*"): (?=\1)/, "");

/** One line on where the check or the import stands, and what to do next. */
function summary(status: Status, mode: Mode | null): string {
  const dry = mode === "dry-run";
  const what = dry ? "Dry run" : "Import";
  const rows = `${status.processed} of ${count(status.total, "row")}`;
  if (status.state === "queued" || status.state === "running") return `${what} ${status.state}: ${rows}…`;
  const counts = dry
    ? `would create ${status.created}, would update ${status.updated}`
    : `created ${status.created}, updated ${status.updated}`;
  const bad = new Set(status.errors.map((e) => e.row)).size;
  const problems =
    bad === 0
      ? "no problems"
      : `${bad === 1 ? "1 row has" : `${bad} rows have`} problems, listed below${dry ? ": fix them in the file, choose it again and check again" : ""}`;
  return `${what} ${status.state}: ${rows}; ${counts}; ${problems}.`;
}

function undoQuestion(status: Status): string {
  const parts = [
    status.created ? `move the ${count(status.created, "record")} it created to the trash` : "",
    status.updated ? `give the ${count(status.updated, "record")} it updated their values from before the import` : "",
  ].filter(Boolean);
  return `Undo this import: ${parts.join(" and ")}? Nothing is undone if any of them was changed since.`;
}

/** Upload, preview, map columns, dry run, then run with progress. */
export function ImportScreen({ target }: { target: Target }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string[][]>([]);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [key, setKey] = useState(target.keys[0] ?? "");
  const [jobId, setJobId] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [undone, setUndone] = useState<string | null>(null);

  async function pick(chosen: File | null) {
    // A new file is a new check: what was said about the last one no longer holds.
    setFile(chosen);
    setStatus(null);
    setJobId(null);
    setMode(null);
    setError(null);
    setUndone(null);
    setConfirming(false);
    setPreview([]);
    if (!chosen || /\.xlsx$/i.test(chosen.name)) return;
    const rows = previewCsv(await chosen.slice(0, 64 * 1024).text());
    setPreview(rows);
    const guess: Record<string, string> = {};
    for (const header of rows[0] ?? []) {
      const field = target.fields.find((f) => fold(f.label) === fold(header) || fold(f.key) === fold(header));
      guess[header] = field?.key ?? "";
    }
    setMapping(guess);
  }

  async function start(chosen: Mode) {
    if (!file) return;
    const form = new FormData();
    form.set("file", file);
    form.set("mode", chosen);
    const explicit = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v));
    if (Object.keys(explicit).length) form.set("mapping", JSON.stringify(explicit));
    if (chosen === "upsert") form.set("key", key);
    setError(null);
    setStatus(null);
    setConfirming(false);
    setUndone(null);
    const response = await fetch(`/api/import/${encodeURIComponent(target.key)}`, { method: "POST", body: form });
    const body = (await response.json()) as { jobId?: string; error?: string };
    if (!response.ok || !body.jobId) return setError(body.error ?? `the import was refused (${response.status})`);
    setMode(chosen);
    setJobId(body.jobId);
  }

  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    const poll = async () => {
      const response = await fetch(`/api/import/jobs/${jobId}`);
      const next = (await response.json()) as Status;
      if (stopped) return;
      setStatus(next);
      if (next.state === "queued" || next.state === "running") setTimeout(poll, 500);
    };
    void poll();
    return () => {
      stopped = true;
    };
  }, [jobId]);

  async function undo() {
    setConfirming(false);
    setError(null);
    const response = await fetch(`/api/import/jobs/${jobId}/undo`, { method: "POST" });
    const body = (await response.json()) as { trashed?: number; restored?: number; error?: string };
    if (!response.ok) return setError(body.error ?? `the undo was refused (${response.status})`);
    const trashed = body.trashed ?? 0;
    const restored = body.restored ?? 0;
    const parts = [
      trashed ? `${count(trashed, "new record")} moved to the trash` : "",
      restored ? `${count(restored, "updated record")} given back ${restored === 1 ? "its" : "their"} old values` : "",
    ];
    setUndone(`Import undone: ${parts.filter(Boolean).join(", ")}.`);
    if (status) setStatus({ ...status, undone: true });
  }

  const running = status?.state === "queued" || status?.state === "running";
  /** A problem's column as the file names it (the header mapped to its field), else the field's label. */
  const columnOf = (field: string | null) => {
    if (!field) return "—";
    const header = Object.entries(mapping).find(([, key]) => key === field)?.[0];
    return header ?? target.fields.find((f) => f.key === field)?.label ?? field;
  };
  /** The dry run's problem with a previewed cell (or its whole row), to mark it there. */
  const problemAt = (row: number, header: string) =>
    status?.errors.find((e) => e.row === row && (e.field === null || mapping[header] === e.field))?.message;
  // Importing the same file again would add its records twice: a new file (or an undo) comes first.
  const imported = mode !== "dry-run" && status?.state === "done" && !status.undone && status.created + status.updated > 0;
  const checkedClean = mode === "dry-run" && status?.state === "done" && status.errors.length === 0;
  const tone = !status || running ? "" : status.errors.length ? "notice notice--error" : "notice notice--success";
  const undoable = mode !== "dry-run" && status?.state === "done" && !status.undone && status.created + status.updated > 0;
  return (
    <div className="import-screen">
      <label className="field">
        <span>CSV or XLSX file</span>
        <input type="file" accept=".csv,.txt,.xlsx,text/csv" onChange={(e) => void pick(e.target.files?.[0] ?? null)} />
      </label>
      {preview.length > 0 ? (
        <section aria-label="Preview">
          <h2>First rows and mapping</h2>
          <table className="list-table">
            <thead>
              <tr>
                <th scope="col" className="import-screen__row">
                  Row
                </th>
                {preview[0].map((header) => (
                  <th key={header}>
                    <div>{header}</div>
                    <select
                      aria-label={`Field for ${header}`}
                      value={mapping[header] ?? ""}
                      onChange={(e) => setMapping({ ...mapping, [header]: e.target.value })}
                    >
                      <option value="">— skip —</option>
                      {target.fields.map((f) => (
                        <option key={f.key} value={f.key}>
                          {f.label}
                        </option>
                      ))}
                    </select>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.slice(1).map((row, i) => (
                <tr key={i}>
                  {/* Numbered as the file's rows are (the header is row 1), so the problems below point here. */}
                  <td className="import-screen__row">{i + 2}</td>
                  {row.map((cell, j) => {
                    const problem = problemAt(i + 2, preview[0][j]);
                    return (
                      <td key={j} className={problem ? "is-problem" : undefined} title={problem}>
                        {cell}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <div className="import-screen__actions">
        <button
          type="button"
          className={checkedClean || imported ? "button button--ghost" : "button"}
          disabled={!file || running || imported}
          onClick={() => void start("dry-run")}
        >
          Check (dry run)
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!file || running || mode !== "dry-run" || !status || status.errors.length > 0}
          onClick={() => void start("insert")}
        >
          Import as new records
        </button>
        {target.keys.length ? (
          <>
            <button
              type="button"
              className="button"
              disabled={!file || running || mode !== "dry-run" || !status}
              onClick={() => void start("upsert")}
            >
              Update or add, matched by
            </button>
            <select aria-label="Match by" value={key} onChange={(e) => setKey(e.target.value)}>
              {target.keys.map((k) => (
                <option key={k} value={k}>
                  {target.fields.find((f) => f.key === k)?.label ?? k}
                </option>
              ))}
            </select>
          </>
        ) : null}
      </div>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {status ? (
        <section aria-label="Result" aria-live="polite">
          <progress max={status.total || 1} value={status.processed} />
          <p className={`import-screen__summary ${tone}`}>
            {summary(status, mode)} {imported ? <a href={`/t/${encodeURIComponent(target.key)}`}>Open {target.pluralLabel}</a> : null}
          </p>
          {undoable && !confirming ? (
            <button type="button" className="button button--ghost import-screen__undo" onClick={() => setConfirming(true)}>
              Undo this import
            </button>
          ) : null}
          {undoable && confirming ? (
            <div className="notice import-screen__confirm" role="group" aria-label="Confirm undo">
              <span>{undoQuestion(status)}</span>
              <button type="button" className="button button--danger" onClick={() => void undo()}>
                Yes, undo
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          ) : null}
          {undone ? (
            <p className="notice" role="status">
              {undone}
            </p>
          ) : null}
          {status.errors.length ? (
            <table className="list-table import-screen__problems" aria-label="Problems">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {status.errors.slice(0, 200).map((e, i) => (
                  <tr key={i}>
                    <td>{e.row || "—"}</td>
                    <td>{columnOf(e.field)}</td>
                    <td>{withoutRepeatedValue(e.message)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
