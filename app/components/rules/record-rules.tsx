import { useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Words } from "@runtime/i18n/words";
import { useWords } from "../../i18n/use-words";
import type { Approval, RuleRun } from "@runtime/automation/types";
import { answeredError, say } from "@runtime/i18n/words";

interface ManualRule {
  id: number;
  name: string;
  label: string;
  offered?: boolean;
}

type Outcome = { kind: "success" | "error"; text: string } | null;

async function call<T>(method: string, path: string, body?: unknown): Promise<{ ok: boolean; json: T & { error?: string } }> {
  const response = await fetch(path, {
    method,
    headers: { Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { ok: response.ok, json: (await response.json()) as T & { error?: string } };
}

function runText(label: string, run: RuleRun, t: Words): Outcome {
  if (run.state === "failed")
    return {
      kind: "error",
      text: t("rules.record.failed", {
        label,
        error: run.errorWords ? say(run.errorWords, t) : (run.error ?? t("rules.record.unknownError")),
      }),
    };
  const done = run.actions.filter((a) => !a.skipped);
  const created = done.filter((a) => a.type === "create").length;
  const parts = [t("rules.runs.actions", { n: done.length }), ...(created ? [t("rules.record.created", { n: created })] : [])];
  return { kind: "success", text: t("rules.record.done", { label, parts: parts.join(", ") }) };
}

/** The card's buttons for the table's manual rules: each runs its rule for this record as the user who clicks. */
function ManualRuleButtons({ table, recordId }: { table: string; recordId: string }) {
  const { t } = useTranslation();
  const words = useWords();
  const [rules, setRules] = useState<ManualRule[]>([]);
  const [busy, setBusy] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const revalidator = useRevalidator();

  useEffect(() => {
    let live = true;
    void call<{ rules: ManualRule[] }>(
      "GET",
      `/api/rules/manual?table=${encodeURIComponent(table)}&recordId=${encodeURIComponent(recordId)}`,
    ).then(({ ok, json }) => {
      if (live && ok) setRules(json.rules);
    });
    return () => {
      live = false;
    };
  }, [table, recordId, revalidator.state]);

  // A rule whose condition does not hold for this record is not offered: no button, as print templates do.
  const offered = rules.filter((r) => r.offered !== false);
  if (offered.length === 0 && !outcome) return null;
  const run = async (rule: ManualRule) => {
    setBusy(rule.id);
    const clickId = Math.random().toString(36).slice(2, 14);
    const { ok, json } = await call<RuleRun>("POST", `/api/rules/${rule.id}/run`, { recordId: Number(recordId), clickId });
    setBusy(null);
    setOutcome(
      ok
        ? runText(rule.label, json, words)
        : {
            kind: "error",
            text: t("rules.record.refused", { label: rule.label, error: answeredError(json, t, t("rules.record.couldNotRun")) }),
          },
    );
    if (ok) revalidator.revalidate();
  };
  return (
    <div className="rule-buttons" data-testid="rule-buttons">
      {offered.map((rule) => (
        <button
          key={rule.id}
          type="button"
          className="button button--ghost rule-buttons__button"
          disabled={busy !== null}
          title={rule.name}
          onClick={() => void run(rule)}
        >
          {busy === rule.id ? t("rules.record.running") : rule.label}
        </button>
      ))}
      {outcome ? (
        <span className={`notice notice--${outcome.kind} rule-buttons__outcome`} role={outcome.kind === "error" ? "alert" : "status"}>
          {outcome.text}
        </span>
      ) : null}
    </div>
  );
}

type ShownApproval = Approval & { canDecide: boolean };

function approvalText(a: ShownApproval, t: Words): string {
  if (a.state === "approved") return t("rules.approvals.approved");
  if (a.state === "rejected") return t("rules.approvals.rejected");
  const step = a.steps[a.step];
  const who = step?.users.map((u) => u.name).join(", ") || step?.approver || "";
  return t("rules.approvals.step", { n: a.step + 1, total: a.steps.length, who });
}

/** The banner of `?approval=<id>`: what is asked, and Approve / Reject with a comment for its approver. */
function ApprovalBanner({ id }: { id: string }) {
  const { t } = useTranslation();
  const words = useWords();
  const [approval, setApproval] = useState<ShownApproval | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call<ShownApproval>("GET", `/api/approvals/${encodeURIComponent(id)}`).then(({ ok, json }) =>
      ok ? setApproval(json) : setError(answeredError(json, t, t("rules.approvals.cannotShow"))),
    );
  }, [id, t]);

  const decide = async (decision: "approve" | "reject") => {
    setBusy(true);
    const { ok, json } = await call<Approval>("POST", `/api/approvals/${encodeURIComponent(id)}/${decision}`, comment ? { comment } : {});
    setBusy(false);
    if (!ok) return setError(answeredError(json, t, t("rules.approvals.notTaken")));
    setError(null);
    setApproval({ ...json, canDecide: false });
  };

  if (!approval && !error) return null;
  return (
    <section className="approval-banner" aria-label={t("rules.approvals.approval")} data-testid="approval-banner">
      {approval ? (
        <div className="approval-banner__text">
          <strong>{approval.message}</strong>
          <div className="rules-muted">
            {approval.ruleName} · {approvalText(approval, words)}
          </div>
        </div>
      ) : null}
      {approval?.canDecide ? (
        <>
          <label>
            <span className="visually-hidden">{t("rules.approvals.comment")}</span>
            <input
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              placeholder={t("rules.approvals.commentPlaceholder")}
              maxLength={1000}
            />
          </label>
          <button type="button" className="button" disabled={busy} onClick={() => void decide("approve")}>
            {t("rules.approvals.approve")}
          </button>
          <button type="button" className="button button--ghost button--danger" disabled={busy} onClick={() => void decide("reject")}>
            {t("rules.approvals.reject")}
          </button>
        </>
      ) : null}
      {error ? (
        <span className="rules-error" role="alert">
          {error}
        </span>
      ) : null}
    </section>
  );
}

/** What rules add to a record's card: an approval asked about it (`?approval=`) and its manual rules' buttons. */
export function RecordRules({ table, recordId }: { table: string; recordId: string }) {
  const [params] = useSearchParams();
  const approval = params.get("approval");
  return (
    <div className="record-rules">
      {approval ? <ApprovalBanner id={approval} /> : null}
      <ManualRuleButtons table={table} recordId={recordId} />
    </div>
  );
}
