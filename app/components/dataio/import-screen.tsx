import type { TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/use-locale";
import { answeredError, say, type Phrase } from "@runtime/i18n/words";

interface Target {
  key: string;
  pluralLabel: string;
  /** `stored`: the label as the schema stores it (exports head their columns with it), when `label` is a translation. */
  fields: { key: string; label: string; stored?: string }[];
  keys: string[];
}

interface Status {
  state: string;
  processed: number;
  total: number;
  created: number;
  updated: number;
  errors: Problem[];
  undone: boolean;
}

type Mode = "dry-run" | "insert" | "upsert";

/** A row's problem: English, with its phrase when the server had one (a cell a field kind refused). */
interface Problem {
  row: number;
  field: string | null;
  message: string;
  words?: Phrase;
}

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

/** `"weird": "weird" is not one of the options` reads better once: the value is quoted by both the reader and the field. */
const withoutRepeatedValue = (message: string) => message.replace(/^("[^"]*"): (?=\1)/, "");

/** A problem in the reader's words when it has a phrase, in English otherwise. */
const problemText = (problem: Problem, t: TFunction) =>
  withoutRepeatedValue(problem.words ? say(problem.words, (key, values) => t(key, values)) : problem.message);

/** One line on where the check or the import stands, and what to do next. */
function summary(t: TFunction, status: Status, mode: Mode | null): string {
  const dry = mode === "dry-run";
  const what = dry ? t("importScreen.dryRun") : t("importScreen.import");
  const state = t(`importScreen.state.${status.state}`, { defaultValue: status.state });
  const rows = t("importScreen.rowsOf", { processed: status.processed, count: status.total });
  if (status.state === "queued" || status.state === "running") return t("importScreen.progress", { what, state, rows });
  const counts = t(dry ? "importScreen.wouldWrite" : "importScreen.wrote", { created: status.created, updated: status.updated });
  const bad = new Set(status.errors.map((e) => e.row)).size;
  const problems = bad === 0 ? t("importScreen.noProblems") : t(dry ? "importScreen.problemsDry" : "importScreen.problems", { count: bad });
  return t("importScreen.summary", { what, state, rows, counts, problems });
}

function undoQuestion(t: TFunction, and: (parts: string[]) => string, status: Status): string {
  const parts = [
    status.created ? t("importScreen.undoTrash", { count: status.created }) : "",
    status.updated ? t("importScreen.undoRestore", { count: status.updated }) : "",
  ].filter(Boolean);
  return t("importScreen.undoQuestion", { parts: and(parts) });
}

/** Upload, preview, map columns, dry run, then run with progress. */
export function ImportScreen({ target }: { target: Target }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const and = (parts: string[]) => new Intl.ListFormat(locale, { type: "conjunction" }).format(parts);
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
      const field = target.fields.find((f) => [f.label, f.stored ?? f.label, f.key].some((name) => fold(name) === fold(header)));
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
    if (!response.ok || !body.jobId) return setError(answeredError(body, t, t("importScreen.refused", { status: response.status })));
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
    if (!response.ok) return setError(answeredError(body, t, t("importScreen.undoRefused", { status: response.status })));
    const trashed = body.trashed ?? 0;
    const restored = body.restored ?? 0;
    const parts = [
      trashed ? t("importScreen.undoneTrashed", { count: trashed }) : "",
      restored ? t("importScreen.undoneRestored", { count: restored }) : "",
    ];
    setUndone(t("importScreen.undone", { parts: parts.filter(Boolean).join(t("importScreen.separator")) }));
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
  const problemAt = (row: number, header: string) => {
    const problem = status?.errors.find((e) => e.row === row && (e.field === null || mapping[header] === e.field));
    return problem ? problemText(problem, t) : undefined;
  };
  // Importing the same file again would add its records twice: a new file (or an undo) comes first.
  const imported = mode !== "dry-run" && status?.state === "done" && !status.undone && status.created + status.updated > 0;
  const checkedClean = mode === "dry-run" && status?.state === "done" && status.errors.length === 0;
  const tone = !status || running ? "" : status.errors.length ? "notice notice--error" : "notice notice--success";
  const undoable = mode !== "dry-run" && status?.state === "done" && !status.undone && status.created + status.updated > 0;
  return (
    <div className="import-screen">
      <label className="field">
        <span>{t("importScreen.file")}</span>
        <input type="file" accept=".csv,.txt,.xlsx,text/csv" onChange={(e) => void pick(e.target.files?.[0] ?? null)} />
      </label>
      {preview.length > 0 ? (
        <section aria-label={t("importScreen.preview")}>
          <h2>{t("importScreen.firstRows")}</h2>
          <table className="list-table">
            <thead>
              <tr>
                <th scope="col" className="import-screen__row">
                  {t("importScreen.row")}
                </th>
                {preview[0].map((header) => (
                  <th key={header}>
                    <div>{header}</div>
                    <select
                      aria-label={t("importScreen.fieldFor", { header })}
                      value={mapping[header] ?? ""}
                      onChange={(e) => setMapping({ ...mapping, [header]: e.target.value })}
                    >
                      <option value="">{t("importScreen.skip")}</option>
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
          {t("importScreen.check")}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!file || running || mode !== "dry-run" || !status || status.errors.length > 0}
          onClick={() => void start("insert")}
        >
          {t("importScreen.importNew")}
        </button>
        {target.keys.length ? (
          <>
            <button
              type="button"
              className="button"
              disabled={!file || running || mode !== "dry-run" || !status}
              onClick={() => void start("upsert")}
            >
              {t("importScreen.upsert")}
            </button>
            <select aria-label={t("importScreen.matchBy")} value={key} onChange={(e) => setKey(e.target.value)}>
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
        <section aria-label={t("importScreen.result")} aria-live="polite">
          <progress max={status.total || 1} value={status.processed} />
          <p className={`import-screen__summary ${tone}`}>
            {summary(t, status, mode)}{" "}
            {imported ? (
              <a href={`/t/${encodeURIComponent(target.key)}`}>{t("importScreen.open", { records: target.pluralLabel })}</a>
            ) : null}
          </p>
          {undoable && !confirming ? (
            <button type="button" className="button button--ghost import-screen__undo" onClick={() => setConfirming(true)}>
              {t("importScreen.undo")}
            </button>
          ) : null}
          {undoable && confirming ? (
            <div className="notice import-screen__confirm" role="group" aria-label={t("importScreen.confirmUndo")}>
              <span>{undoQuestion(t, and, status)}</span>
              <button type="button" className="button button--danger" onClick={() => void undo()}>
                {t("importScreen.yesUndo")}
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                {t("importScreen.cancel")}
              </button>
            </div>
          ) : null}
          {undone ? (
            <p className="notice" role="status">
              {undone}
            </p>
          ) : null}
          {status.errors.length ? (
            <table className="list-table import-screen__problems" aria-label={t("importScreen.problemsTitle")}>
              <thead>
                <tr>
                  <th scope="col">{t("importScreen.row")}</th>
                  <th scope="col">{t("importScreen.column")}</th>
                  <th scope="col">{t("importScreen.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {status.errors.slice(0, 200).map((e, i) => (
                  <tr key={i}>
                    <td>{e.row || "—"}</td>
                    <td>{columnOf(e.field)}</td>
                    <td>{problemText(e, t)}</td>
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
