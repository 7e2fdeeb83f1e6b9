import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { sayError, type Words } from "@runtime/i18n/words";
import { useWords } from "../../i18n/use-words";
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
function failurePhase(answer: Exclude<ApiOutcome<unknown>, { kind: "ok" }>, t: Words): Phase {
  switch (answer.kind) {
    case "stale":
      return { kind: "stale", currentVersion: answer.currentVersion };
    case "problems":
      return { kind: "problems", problems: answer.problems, message: answer.message };
    case "blocked":
      return { kind: "blocked", lines: describeBlockers(answer.conversions, answer.duplicates, t), message: answer.message };
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
  const { t } = useTranslation();
  const words = useWords();
  const [phase, setPhase] = useState<Phase>({ kind: "planning" });
  const [confirmed, setConfirmed] = useState(false);
  const [rebaseNote, setRebaseNote] = useState<string[] | null>(null);
  const { schema, baseVersion, ops } = draft;

  const plan = useCallback(async () => {
    setPhase({ kind: "planning" });
    setConfirmed(false);
    const answer = await planDraft(baseVersion, schema, words);
    if (answer.kind === "ok") {
      const blockers = describeBlockers(answer.value.conversions, answer.value.duplicates, words);
      setPhase(
        blockers.length
          ? {
              kind: "blocked",
              lines: blockers,
              message: t("schemaDesigner.review.blocked"),
            }
          : { kind: "planned", plan: answer.value },
      );
      onProblems([]);
    } else {
      setPhase(failurePhase(answer, words));
      if (answer.kind === "problems") onProblems(answer.problems);
    }
  }, [baseVersion, schema, onProblems, words, t]);

  useEffect(() => {
    if (ops.length > 0) void plan();
  }, [plan, ops.length]);

  const apply = async () => {
    if (phase.kind !== "planned") return;
    const destructive = phase.plan.destructive;
    setPhase({ kind: "applying" });
    const answer = await applyDraft(baseVersion, schema, destructive && confirmed, words);
    if (answer.kind === "ok") {
      setPhase({ kind: "applied", version: answer.value.version });
      onApplied(answer.value.version);
    } else {
      setPhase(failurePhase(answer, words));
      if (answer.kind === "problems") onProblems(answer.problems);
    }
  };

  const rebase = async () => {
    const fresh = await fetchCurrentSchema(words);
    if (fresh.kind !== "ok") return setPhase({ kind: "error", message: fresh.message });
    const { applied, dropped } = replayDraft(fresh.value.schema, ops);
    setRebaseNote(dropped.map((d) => `${describeDraft(draft.schema, [d.op], words)[0]}: ${sayError(d.thrown, words)}`));
    draft.rebase({ version: fresh.value.version, schema: fresh.value.schema }, applied);
  };

  const edits = describeDraft(draft.base.schema, ops, words);
  const impacts = draftImpacts(draft.base.schema, ops, sources, words);
  const destructive = phase.kind === "planned" && phase.plan.destructive;

  return (
    <section className="sd-review" aria-labelledby="sd-review-title">
      <header className="sd-review__header">
        <h2 id="sd-review-title">{t("schemaDesigner.bar.review")}</h2>
        <button type="button" className="button button--small" onClick={onClose}>
          {t("schemaDesigner.review.back")}
        </button>
      </header>

      {phase.kind === "applied" ? (
        <p className="sd-notice sd-notice--ok" role="status" data-testid="schema-applied">
          {t("schemaDesigner.review.applied", { version: phase.version })}
        </p>
      ) : null}

      {ops.length > 0 && phase.kind !== "applied" ? (
        <>
          <h3>{t("schemaDesigner.review.yourEdits")}</h3>
          <ol className="sd-review__edits">
            {edits.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ol>
        </>
      ) : null}
      {ops.length === 0 && phase.kind !== "applied" ? <p className="muted">{t("schemaDesigner.review.emptyDraft")}</p> : null}

      {rebaseNote ? (
        <div className="sd-notice" role="status">
          <p>{t("schemaDesigner.review.rebased", { version: draft.base.version })}</p>
          {rebaseNote.length ? (
            <>
              <p>{t("schemaDesigner.review.leftOut")}</p>
              <ul>
                {rebaseNote.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t("schemaDesigner.review.allApply")}</p>
          )}
        </div>
      ) : null}

      {phase.kind === "planning" && ops.length > 0 ? <p role="status">{t("schemaDesigner.review.planning")}</p> : null}

      {phase.kind === "stale" ? (
        <div className="sd-notice sd-notice--warn" role="alert" data-testid="schema-conflict">
          <p>
            <strong>{t("schemaDesigner.review.staleTitle")}</strong>{" "}
            {t("schemaDesigner.review.staleText", { base: baseVersion, current: phase.currentVersion })}
          </p>
          <p>{t("schemaDesigner.review.rebaseHint", { version: phase.currentVersion })}</p>
          <div className="sd-form__actions">
            <button type="button" className="button" onClick={() => void rebase()}>
              {t("schemaDesigner.review.rebase", { version: phase.currentVersion })}
            </button>
            <button type="button" className="button button--small button--danger" onClick={draft.discard}>
              {t("schemaDesigner.review.discard")}
            </button>
          </div>
        </div>
      ) : null}

      {phase.kind === "planned" ? (
        <>
          <h3>{t("schemaDesigner.review.database")}</h3>
          <ol className="sd-review__steps">
            {describePlan(phase.plan.steps, words).map((line, i) => (
              <li key={i} className={line.destructive ? "is-destructive" : undefined}>
                {line.destructive ? <span className="pill sd-pill--danger">{t("schemaDesigner.review.destructive")}</span> : null}{" "}
                {line.text}
              </li>
            ))}
          </ol>
        </>
      ) : null}

      {impacts.length && phase.kind !== "applied" ? (
        <>
          <h3>{t("schemaDesigner.review.uses")}</h3>
          <ul className="sd-review__impacts">
            {impacts.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}

      {phase.kind === "problems" ? (
        <div className="sd-notice sd-notice--error" role="alert">
          <p>{t("schemaDesigner.review.problems", { n: phase.problems.length })}</p>
          <ul>
            {phase.problems.map((p) => (
              <li key={p.path + p.message}>{locateProblem(schema, p, words).text}</li>
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
              <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
              {t("schemaDesigner.review.confirm")}
            </label>
          ) : null}
          <button
            type="button"
            className="button"
            disabled={phase.kind === "applying" || (destructive && !confirmed)}
            onClick={() => void apply()}
          >
            {phase.kind === "applying" ? t("schemaDesigner.review.applying") : t("schemaDesigner.review.apply")}
          </button>
          {phase.kind === "applying" ? (
            <span role="status" className="sd-progress">
              {t("schemaDesigner.review.migrating")}
            </span>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
