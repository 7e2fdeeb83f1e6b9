import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/use-locale";
import type { RuleRun, RunState as State } from "@runtime/automation/types";
import { relativeTime } from "../../utils/relative-time";
import { answeredError, say } from "@runtime/i18n/words";

const STATE_CLASS: Record<State, string> = { done: "pill--ok", failed: "pill--danger", stopped: "pill--warn", skipped: "" };

/** A run's state as a pill (`rules.runs.state.<state>`), with when it happened. */
export function RunState({ state, when }: { state: State; when?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <span className="rules-run-state">
      <span className={`pill ${STATE_CLASS[state]}`}>{t(`rules.runs.state.${state}`)}</span>
      {when ? (
        <span className="rules-muted" suppressHydrationWarning>
          {relativeTime(when, new Date(), locale)}
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
  const { t } = useTranslation();
  const [runs, setRuns] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  /** Runs sent back to the queue from this page: their next attempt is on its way. */
  const [retried, setRetried] = useState<ReadonlySet<number>>(new Set());
  const retry = async (id: number) => {
    const response = await fetch(`/api/rules/runs/${id}/retry`, { method: "POST", headers: { Accept: "application/json" } });
    const body = (await response.json()) as RuleRun & { error?: string };
    if (!response.ok) return setError(answeredError(body, t, t("rules.runs.retryFailed")));
    setError(null);
    setRetried((ids) => new Set(ids).add(id));
    setRuns((rs) => rs.map((r) => (r.id === id ? body : r)));
  };
  if (runs.length === 0) return <p className="rules-muted">{t("rules.runs.none")}</p>;
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
            {ruleNames ? <th>{t("rules.editor.rule")}</th> : null}
            <th>{t("rules.runs.stateHeader")}</th>
            <th>{t("rules.dryRun.record")}</th>
            <th>{t("rules.runs.occurrence")}</th>
            <th>{t("rules.runs.whatItDid")}</th>
            <th>
              <span className="visually-hidden">{t("rules.runs.retry")}</span>
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
                {run.error ? (
                  <span className="rules-error">{run.errorWords ? say(run.errorWords, t) : run.error}</span>
                ) : (
                  t("rules.runs.actions", { n: run.actions.filter((a) => !a.skipped).length })
                )}
                {run.attempts > 1 ? <div className="rules-muted">{t("rules.runs.attempts", { n: run.attempts })}</div> : null}
              </td>
              <td>
                {retried.has(run.id) ? (
                  <span className="pill pill--accent">{t("rules.runs.queued")}</span>
                ) : run.retryable ? (
                  <button type="button" className="button button--small button--ghost" onClick={() => void retry(run.id)}>
                    {t("rules.runs.retry")}
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
