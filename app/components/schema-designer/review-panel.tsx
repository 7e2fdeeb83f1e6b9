import { useCallback, useEffect, useState } from "react";
import type { SchemaProblem } from "@runtime/schema/types";
import { describeDraft, replayDraft } from "@schema-designer/draft";
import { draftImpacts, type ImpactSources } from "@schema-designer/draft-impact";
import { describeBlockers, describePlan, locateProblem } from "@schema-designer/review";
import { applyDraft, fetchCurrentSchema, planDraft, type ApiOutcome, type PlanAnswer } from "./schema-api";
import type { SchemaDraftState } from "./use-schema-draft";
import { IndexAdviceList, type AdviceItem } from "./index-advice";

type Phase =
  | { kind: "planning" }
  | { kind: "planned"; plan: PlanAnswer }
  | { kind: "stale"; currentVersion: number }
  | { kind: "problems"; problems: SchemaProblem[]; message: string }
  | { kind: "blocked"; lines: string[]; message: string }
  | { kind: "error"; message: string }
  | { kind: "applying" }
  | { kind: "applied"; version: number };

/** What the panel shows when the plan or the apply did not go through. */
function failurePhase(answer: Exclude<ApiOutcome<unknown>, { kind: "ok" }>): Phase {
  switch (answer.kind) {
    case "stale":
      return { kind: "stale", currentVersion: answer.currentVersion };
    case "problems":
      return { kind: "problems", problems: answer.problems, message: answer.message };
    case "blocked":
      return { kind: "blocked", lines: describeBlockers(answer.conversions, answer.duplicates), message: answer.message };
    case "error":
      return { kind: "error", message: answer.message };
  }
}

/**
 * The only place where the draft reaches the server: the plan in plain words, what the changed
 * fields are used by, a confirmation for steps that remove or convert data, then apply. A stale
 * base is said plainly, with rebase or discard offered, never overwritten.
 */
export function ReviewPanel({
  draft,
  sources,
  advice,
  onClose,
  onApplied,
  onProblems,
}: {
  draft: SchemaDraftState;
  sources: ImpactSources;
  advice: AdviceItem[];
  onClose: () => void;
  onApplied: (version: number) => void;
  onProblems: (problems: SchemaProblem[]) => void;
}) {
  const [phase, setPhase] = useState<Phase>({ kind: "planning" });
  const [confirmed, setConfirmed] = useState(false);
  const [rebaseNote, setRebaseNote] = useState<string[] | null>(null);
  const { schema, baseVersion, ops } = draft;

  const plan = useCallback(async () => {
    setPhase({ kind: "planning" });
    setConfirmed(false);
    const answer = await planDraft(baseVersion, schema);
    if (answer.kind === "ok") {
      const blockers = describeBlockers(answer.value.conversions, answer.value.duplicates);
      setPhase(
        blockers.length
          ? {
              kind: "blocked",
              lines: blockers,
              message: "The change cannot be applied as it is.",
            }
          : { kind: "planned", plan: answer.value },
      );
      onProblems([]);
    } else {
      setPhase(failurePhase(answer));
      if (answer.kind === "problems") onProblems(answer.problems);
    }
  }, [baseVersion, schema, onProblems]);

  useEffect(() => {
    if (ops.length > 0) void plan();
  }, [plan, ops.length]);

  const apply = async () => {
    if (phase.kind !== "planned") return;
    const destructive = phase.plan.destructive;
    setPhase({ kind: "applying" });
    const answer = await applyDraft(baseVersion, schema, destructive && confirmed);
    if (answer.kind === "ok") {
      setPhase({ kind: "applied", version: answer.value.version });
      onApplied(answer.value.version);
    } else {
      setPhase(failurePhase(answer));
      if (answer.kind === "problems") onProblems(answer.problems);
    }
  };

  const rebase = async () => {
    const fresh = await fetchCurrentSchema();
    if (fresh.kind !== "ok") return setPhase({ kind: "error", message: fresh.message });
    const { applied, dropped } = replayDraft(fresh.value.schema, ops);
    setRebaseNote(dropped.map((d) => `${describeDraft(draft.schema, [d.op])[0]}: ${d.error}`));
    draft.rebase({ version: fresh.value.version, schema: fresh.value.schema }, applied);
  };

  const edits = describeDraft(draft.base.schema, ops);
  const impacts = draftImpacts(draft.base.schema, ops, sources);
  const destructive = phase.kind === "planned" && phase.plan.destructive;

  return (
    <section className="sd-review" aria-labelledby="sd-review-title">
      <header className="sd-review__header">
        <h2 id="sd-review-title">Review and apply</h2>
        <button type="button" className="button button--small" onClick={onClose}>
          Back to editing
        </button>
      </header>

      {phase.kind === "applied" ? (
        <p className="sd-notice sd-notice--ok" role="status" data-testid="schema-applied">
          Applied. The schema is now at version {phase.version}; staff see the change on their next page.
        </p>
      ) : null}

      {ops.length > 0 && phase.kind !== "applied" ? (
        <>
          <h3>Your edits</h3>
          <ol className="sd-review__edits">
            {edits.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ol>
        </>
      ) : null}
      {ops.length === 0 && phase.kind !== "applied" ? <p className="muted">The draft is empty: make some edits first.</p> : null}

      {rebaseNote ? (
        <div className="sd-notice" role="status">
          <p>The draft now starts from version {draft.base.version}.</p>
          {rebaseNote.length ? (
            <>
              <p>These edits no longer apply and were left out:</p>
              <ul>
                {rebaseNote.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>Every edit still applies.</p>
          )}
        </div>
      ) : null}

      {phase.kind === "planning" && ops.length > 0 ? <p role="status">Working out what the change does…</p> : null}

      {phase.kind === "stale" ? (
        <div className="sd-notice sd-notice--warn" role="alert" data-testid="schema-conflict">
          <p>
            <strong>Another administrator applied a change meanwhile.</strong> Your draft starts from version {baseVersion}, but version{" "}
            {phase.currentVersion} is current. Nothing was overwritten.
          </p>
          <p>
            Rebase your edits onto version {phase.currentVersion} (they are made again on the new schema, and you review the result), or
            discard your draft.
          </p>
          <div className="sd-form__actions">
            <button type="button" className="button" onClick={() => void rebase()}>
              Rebase my draft onto version {phase.currentVersion}
            </button>
            <button type="button" className="button button--small button--danger" onClick={draft.discard}>
              Discard my draft
            </button>
          </div>
        </div>
      ) : null}

      {phase.kind === "planned" ? (
        <>
          <h3>What happens in the database</h3>
          <ol className="sd-review__steps">
            {describePlan(phase.plan.steps).map((line, i) => (
              <li key={i} className={line.destructive ? "is-destructive" : undefined}>
                {line.destructive ? <span className="pill sd-pill--danger">removes or converts data</span> : null} {line.text}
              </li>
            ))}
          </ol>
        </>
      ) : null}

      {impacts.length && phase.kind !== "applied" ? (
        <>
          <h3>What uses the changed fields</h3>
          <ul className="sd-review__impacts">
            {impacts.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}

      {phase.kind === "problems" ? (
        <div className="sd-notice sd-notice--error" role="alert">
          <p>{phase.message}. Fix these in the draft, then review again:</p>
          <ul>
            {phase.problems.map((p) => (
              <li key={p.path + p.message}>{locateProblem(schema, p).text}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {phase.kind === "blocked" ? (
        <div className="sd-notice sd-notice--error" role="alert">
          <p>{phase.message}</p>
          <ul>
            {phase.lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {phase.kind === "error" ? (
        <p className="sd-notice sd-notice--error" role="alert">
          {phase.message}
        </p>
      ) : null}

      {phase.kind !== "applied" ? <IndexAdviceList advice={advice} draft={draft} compact /> : null}

      {phase.kind === "planned" || phase.kind === "applying" ? (
        <div className="sd-review__apply">
          {destructive ? (
            <label className="sd-check sd-check--confirm">
              <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />I understand that the steps
              marked “removes or converts data” change stored data (the old values are kept in the trash).
            </label>
          ) : null}
          <button
            type="button"
            className="button"
            disabled={phase.kind === "applying" || (destructive && !confirmed)}
            onClick={() => void apply()}
          >
            {phase.kind === "applying" ? "Applying…" : "Apply the change"}
          </button>
          {phase.kind === "applying" ? (
            <span role="status" className="sd-progress">
              Migrating the database; this can take a moment on large tables.
            </span>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
