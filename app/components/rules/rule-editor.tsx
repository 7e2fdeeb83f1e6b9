import { useNavigate } from "@remix-run/react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { say } from "@runtime/i18n/words";
import { useWords } from "../../i18n/use-words";
import type { Action, ActionType, DryRunResult, Filter, Rule, RuleProblem, Trigger } from "@runtime/automation/types";
import { useLeaveGuard } from "../use-leave-guard";
import { ACTION_TYPES, ActionEditor, startAction } from "./action-editor";
import { ConditionEditor } from "./condition-editor";
import { DryRunPanel } from "./dry-run-panel";
import type { RuleDraft, RuleEditorData } from "./editor-types";
import { FieldProblems, ProblemsContext, TemplateInput } from "./rule-problems";
import { actionTitle } from "./rule-text";
import { RunLog } from "./run-log";
import { startTrigger, TriggerEditor } from "./trigger-editor";
import { useRuleChecks } from "./use-rule-checks";
import { answeredError } from "@runtime/i18n/words";

type Notice = { kind: "success" | "error"; text: string } | null;

async function send(method: string, path: string, body?: unknown): Promise<{ ok: boolean; status: number; json: Record<string, unknown> }> {
  const response = await fetch(path, {
    method,
    headers: { Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = response.status === 204 ? {} : ((await response.json()) as Record<string, unknown>);
  return { ok: response.ok, status: response.status, json };
}

/** What the service takes: the draft without its id (the version travels beside it). */
function definitionOf(draft: RuleDraft) {
  const { id: _id, version: _version, ...definition } = draft;
  return definition;
}

function problemsOf(json: Record<string, unknown>): RuleProblem[] | null {
  const details = json.details as { problems?: RuleProblem[] } | undefined;
  return details?.problems ?? null;
}

/** The rule editor: table, trigger, condition and actions, checked as the admin types; save, enable, delete, try. */
export function RuleEditor({ data }: { data: RuleEditorData }) {
  const { t } = useTranslation();
  const words = useWords();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<RuleDraft>(data.rule);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const [dry, setDry] = useState<DryRunResult | null>(null);
  const [addType, setAddType] = useState<ActionType>("create");
  const definition = definitionOf(draft);
  const { problems, checking, setProblems } = useRuleChecks(definition);
  const table = data.tables.find((t) => t.key === draft.table);
  const stored = draft.id !== undefined;
  // The definition as last saved (or loaded): anything else is unsaved work to ask about before leaving.
  const savedRef = useRef(JSON.stringify(definitionOf(data.rule)));
  const currentRef = useRef("");
  currentRef.current = JSON.stringify(definition);
  useLeaveGuard(() => currentRef.current !== savedRef.current, t("rules.editor.leave"));

  const patch = (p: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...p }));
  const setAction = (i: number, a: Action) => patch({ actions: draft.actions.map((x, j) => (j === i ? a : x)) });
  const moveAction = (i: number, by: -1 | 1) => {
    const next = [...draft.actions];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    patch({ actions: next });
  };

  async function save(enabled = draft.enabled) {
    setBusy(true);
    const body = { ...definitionOf(draft), enabled };
    const answer = stored
      ? await send("PUT", `/api/rules/${draft.id}`, { ...body, version: draft.version })
      : await send("POST", "/api/rules", body);
    setBusy(false);
    if (!answer.ok) {
      const found = problemsOf(answer.json);
      if (found) setProblems(found);
      const text =
        answer.status === 409 && stored && String(answer.json.error).includes("version")
          ? t("rules.editor.conflict")
          : answeredError(answer.json, t, t("rules.editor.notSaved"));
      return setNotice({ kind: "error", text });
    }
    const rule = answer.json as unknown as Rule;
    // A new rule opens as stored (its page reloads it); a stored one keeps this draft, now saved.
    savedRef.current = stored ? JSON.stringify({ ...definitionOf(draft), enabled: rule.enabled }) : currentRef.current;
    setNotice({ kind: "success", text: t(rule.enabled ? "rules.editor.savedEnabled" : "rules.editor.savedDisabled", { name: rule.name }) });
    if (!stored) return navigate(`/admin/rules/${rule.id}`, { replace: true });
    setDraft((d) => ({ ...d, enabled: rule.enabled, version: rule.version }));
  }

  async function remove() {
    if (!stored || !window.confirm(t("rules.editor.confirmDelete", { name: draft.name }))) return;
    const answer = await send("DELETE", `/api/rules/${draft.id}`);
    if (answer.ok) {
      savedRef.current = currentRef.current;
      return navigate("/admin/rules");
    }
    setNotice({ kind: "error", text: answeredError(answer.json, t, String(answer.json.error)) });
  }

  async function tryIt() {
    setBusy(true);
    setDry(null);
    const path = stored ? `/api/rules/${draft.id}/dry-run` : "/api/rules/dry-run";
    const answer = await send("POST", path, { definition: definitionOf(draft) });
    setBusy(false);
    if (!answer.ok) {
      const found = problemsOf(answer.json);
      if (found) setProblems(found);
      return setNotice({
        kind: "error",
        text: t("rules.editor.dryRunFailed", { error: answeredError(answer.json, t, String(answer.json.error)) }),
      });
    }
    setNotice(null);
    setDry(answer.json as unknown as DryRunResult);
  }

  const elsewhere = problems.filter((p) => !/^\/(name|table|trigger|condition|actions|description)(\/|$)/.test(p.path));
  return (
    <ProblemsContext.Provider value={problems}>
      <form className="rules-editor" onSubmit={(e) => (e.preventDefault(), void save())} aria-busy={busy}>
        <div className="rules-editor__bar">
          <div>
            <a href="/admin/rules" className="rules-muted">
              {t("rules.editor.back")}
            </a>
            <h1>{stored ? draft.name || t("rules.editor.untitled") : t("rules.editor.new")}</h1>
          </div>
          <span className="rules-editor__status" aria-live="polite">
            {checking
              ? t("rules.editor.checking")
              : problems.length
                ? t("rules.editor.problems", { n: problems.length })
                : t("rules.editor.noProblems")}
          </span>
          <span className={`pill ${draft.enabled ? "pill--ok" : ""}`}>
            {draft.enabled ? t("rules.editor.enabled") : t("rules.editor.disabled")}
          </span>
          <button type="button" className="button button--ghost" onClick={() => void tryIt()} disabled={busy}>
            {t("rules.editor.dryRun")}
          </button>
          {stored ? (
            <button type="button" className="button button--ghost button--danger" onClick={() => void remove()} disabled={busy}>
              {t("card.delete")}
            </button>
          ) : null}
          <button type="button" className="button button--ghost" onClick={() => void save(!draft.enabled)} disabled={busy}>
            {draft.enabled ? t("rules.editor.saveDisable") : t("rules.editor.saveEnable")}
          </button>
          <button type="submit" className="button" disabled={busy}>
            {t("card.save")}
          </button>
        </div>
        {notice ? (
          <p className={`notice notice--${notice.kind}`} role={notice.kind === "error" ? "alert" : "status"}>
            {notice.text}
          </p>
        ) : null}
        <FieldProblems path="" />
        {elsewhere.length ? (
          <ul className="rules-problems">
            {elsewhere.map((p, i) => (
              <li key={i}>
                {p.path} {p.words ? say(p.words, words) : p.message}
              </li>
            ))}
          </ul>
        ) : null}
        {dry ? <DryRunPanel result={dry} table={draft.table} onClose={() => setDry(null)} /> : null}

        <section className="rules-card" aria-labelledby="rule-basics">
          <h2 id="rule-basics">{t("rules.editor.rule")}</h2>
          <div className="rules-row">
            <TemplateInput
              label={t("rules.editor.name")}
              path="/name"
              value={draft.name}
              placeholder={t("rules.editor.nameExample")}
              onChange={(name) => patch({ name })}
            />
            <label className="rules-input">
              <span className="rules-input__label">{t("rules.editor.actsOn")}</span>
              <select
                name="table"
                value={draft.table}
                onChange={(e) => {
                  const next = data.tables.find((t) => t.key === e.target.value);
                  patch({
                    table: e.target.value,
                    condition: undefined,
                    previous: undefined,
                    trigger: startTrigger(draft.trigger.type, next),
                  });
                }}
              >
                {data.tables.map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.pluralLabel}
                  </option>
                ))}
              </select>
              <FieldProblems path="/table" />
            </label>
          </div>
          <TemplateInput
            label={t("rules.editor.description")}
            path="/description"
            value={draft.description}
            onChange={(description) => patch({ description: description || undefined })}
          />
        </section>

        <section className="rules-card" aria-labelledby="rule-trigger">
          <h2 id="rule-trigger">{t("rules.editor.when")}</h2>
          <TriggerEditor trigger={draft.trigger} table={table} onChange={(trigger: Trigger) => patch({ trigger })} />
        </section>

        {table ? (
          <section className="rules-card" aria-labelledby="rule-condition">
            <h2 id="rule-condition">{t("rules.editor.onlyIf")}</h2>
            <ConditionEditor
              condition={draft.condition}
              table={table}
              today={data.today}
              onChange={(condition?: Filter) => patch({ condition })}
            />
          </section>
        ) : null}

        <section className="rules-card" aria-labelledby="rule-actions">
          <h2 id="rule-actions">{t("rules.editor.then")}</h2>
          {draft.actions.length === 0 ? <p className="rules-muted">{t("rules.editor.noActions")}</p> : null}
          <ol className="rules-actions">
            {draft.actions.map((action, i) => (
              <ActionEditor
                key={i}
                action={action}
                index={i}
                count={draft.actions.length}
                table={table}
                tables={data.tables}
                onChange={(a) => setAction(i, a)}
                onMove={(by) => moveAction(i, by)}
                onRemove={() => patch({ actions: draft.actions.filter((_, j) => j !== i) })}
              />
            ))}
          </ol>
          <FieldProblems path="/actions" />
          <div className="rules-add-action">
            <label>
              <span className="visually-hidden">{t("rules.editor.actionToAdd")}</span>
              <select value={addType} onChange={(e) => setAddType(e.target.value as ActionType)} aria-label={t("rules.editor.actionToAdd")}>
                {ACTION_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {actionTitle(type, words)}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="button button--ghost"
              onClick={() => patch({ actions: [...draft.actions, startAction(addType, table, data.tables)] })}
            >
              {t("rules.editor.addAction")}
            </button>
          </div>
        </section>

        {stored ? (
          <section className="rules-card" aria-labelledby="rule-runs">
            <h2 id="rule-runs">{t("rules.editor.runLog")}</h2>
            <RunLog runs={data.runs} />
          </section>
        ) : null}
      </form>
    </ProblemsContext.Provider>
  );
}
