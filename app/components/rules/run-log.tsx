import { useState } from "react";
import type { RuleRun, RunState as State } from "@runtime/automation/types";
import { relativeTime } from "../../utils/relative-time";

const STATE_CLASS: Record<State, string> = { done: "pill--ok", failed: "pill--danger", stopped: "pill--warn", skipped: "" };
const STATE_TEXT: Record<State, string> = { done: "Done", failed: "Failed", stopped: "Stopped", skipped: "Skipped" };

/** A run's state as a pill, with when it happened. */
export function RunState({ state, when }: { state: State; when?: string }) {
  return (
    <span className="rules-run-state">
      <span className={`pill ${STATE_CLASS[state]}`}>{STATE_TEXT[state]}</span>
      {when ? (
        <span className="rules-muted" suppressHydrationWarning>
          {relativeTime(when)}
        </span>
      ) : null}
    </span>
  );
}

/**
 * Runs newest first — one rule's log, or (with `ruleNames`) the failed runs of every rule; a
 * failed run the queue gave up on can be retried.
 */
export function RunLog({ runs: initial, ruleNames }: { runs: RuleRun[]; ruleNames?: Record<number, string> }) {
  const [runs, setRuns] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  /** Runs sent back to the queue from this page: their next attempt is on its way. */
  const [retried, setRetried] = useState<ReadonlySet<number>>(new Set());
  const retry = async (id: number) => {
    const response = await fetch(`/api/rules/runs/${id}/retry`, { method: "POST", headers: { Accept: "application/json" } });
    const body = (await response.json()) as RuleRun & { error?: string };
    if (!response.ok) return setError(body.error ?? "The run could not be retried.");
    setError(null);
    setRetried((ids) => new Set(ids).add(id));
    setRuns((rs) => rs.map((r) => (r.id === id ? body : r)));
  };
  if (runs.length === 0) return <p className="rules-muted">This rule has not run yet.</p>;
  return (
    <>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      <table className="admin-table rules-runs" data-testid="run-log">
        <thead>
          <tr>
            {ruleNames ? <th>Rule</th> : null}
            <th>State</th>
            <th>Record</th>
            <th>Occurrence</th>
            <th>What it did</th>
            <th>
              <span className="visually-hidden">Retry</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              {ruleNames ? (
                <td>
                  <a href={`/admin/rules/${run.ruleId}`}>{ruleNames[run.ruleId] ?? `#${run.ruleId}`}</a>
                </td>
              ) : null}
              <td>
                <RunState state={run.state} when={run.createdAt} />
              </td>
              <td>
                <a href={`/t/${encodeURIComponent(run.table)}/${run.recordId}`}>
                  {run.table} #{run.recordId}
                </a>
              </td>
              <td className="rules-muted">{run.occurrence}</td>
              <td>
                {run.error ? <span className="rules-error">{run.error}</span> : `${run.actions.filter((a) => !a.skipped).length} action(s)`}
                {run.attempts > 1 ? <div className="rules-muted">{run.attempts} attempts</div> : null}
              </td>
              <td>
                {retried.has(run.id) ? (
                  <span className="pill pill--accent">Queued again</span>
                ) : run.retryable ? (
                  <button type="button" className="button button--small button--ghost" onClick={() => void retry(run.id)}>
                    Retry
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
