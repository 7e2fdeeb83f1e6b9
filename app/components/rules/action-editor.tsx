import { useTranslation } from "react-i18next";
import type { Action, ActionType } from "@runtime/automation/types";
import { useWords } from "../../i18n/use-words";
import type { EditorTable } from "./editor-types";
import { actionTitle } from "./rule-text";
import { FieldProblems, TemplateInput } from "./rule-problems";

export const ACTION_TYPES: ActionType[] = ["create", "update", "assign", "closeTasks", "notify", "requestApproval"];

const TEMPLATE_HINT = "Liquid: {{ record.name }}, {{ user.id }}, {{ now | add_days: 2 }}";

/** A new action of `type` for a rule on `table`. */
export function startAction(type: ActionType, table: EditorTable | undefined, tables: EditorTable[]): Action {
  switch (type) {
    case "create":
      return { type, table: tables.find((t) => t.key === "tasks")?.key ?? tables[0]?.key ?? "", values: {} };
    case "update":
      return { type, values: {} };
    case "assign":
      return { type, field: table?.fields.find((f) => f.user)?.key ?? "", pool: { role: "staff" } };
    case "closeTasks":
      return { type };
    case "notify":
      return { type, to: "", title: "" };
    case "requestApproval":
      return { type, steps: [{ approver: "role:admin" }], message: "" };
  }
}

type Values = Record<string, string>;

/** A Liquid template per writable field of `table`; an empty one is left out. */
function ValuesGrid({
  table,
  values,
  path,
  onChange,
}: {
  table: EditorTable | undefined;
  values: Values;
  path: string;
  onChange(v: Values): void;
}) {
  const keys = new Set((table?.fields ?? []).filter((f) => f.writable).map((f) => f.key));
  const labelOf = new Map((table?.fields ?? []).map((f) => [f.key, f.label]));
  // Keys the table no longer has stay visible, so their problems can be seen and fixed.
  for (const key of Object.keys(values)) keys.add(key);
  const set = (key: string, value: string) => {
    const next = { ...values };
    if (value === "") delete next[key];
    else next[key] = value;
    onChange(next);
  };
  return (
    <div className="rules-values">
      {[...keys].map((key) => (
        <TemplateInput
          key={key}
          label={labelOf.get(key) ?? key}
          path={`${path}/${key}`}
          value={values[key]}
          onChange={(v) => set(key, v)}
        />
      ))}
      <FieldProblems path={path} />
    </div>
  );
}

function TableSelect({
  label,
  value,
  tables,
  onChange,
}: {
  label: string;
  value: string;
  tables: EditorTable[];
  onChange(v: string): void;
}) {
  return (
    <label className="rules-input">
      <span className="rules-input__label">{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {tables.map((t) => (
          <option key={t.key} value={t.key}>
            {t.pluralLabel}
          </option>
        ))}
      </select>
    </label>
  );
}

interface FormProps<A extends Action> {
  action: A;
  path: string;
  table: EditorTable | undefined;
  tables: EditorTable[];
  onChange(a: Action): void;
}

function CreateForm({ action, path, tables, onChange }: FormProps<Extract<Action, { type: "create" }>>) {
  const { t } = useTranslation();
  const target = tables.find((t) => t.key === action.table);
  return (
    <>
      <TableSelect
        label={t("rules.actionEditor.createIn")}
        value={action.table}
        tables={tables}
        onChange={(table) => onChange({ ...action, table, values: {} })}
      />
      <FieldProblems path={`${path}/table`} />
      <p className="rules-input__hint">{TEMPLATE_HINT}</p>
      <ValuesGrid table={target} values={action.values} path={`${path}/values`} onChange={(values) => onChange({ ...action, values })} />
    </>
  );
}

function UpdateForm({ action, path, table, tables, onChange }: FormProps<Extract<Action, { type: "update" }>>) {
  const { t } = useTranslation();
  const relations = (table?.fields ?? []).filter((f) => f.target && !f.user);
  const targetKey = action.target ?? "record";
  const targetTable = targetKey === "record" ? table : tables.find((t) => t.key === relations.find((f) => f.key === targetKey)?.target);
  return (
    <>
      <label className="rules-input">
        <span className="rules-input__label">{t("rules.actionEditor.change")}</span>
        <select
          value={targetKey}
          onChange={(e) => onChange({ type: "update", values: {}, ...(e.target.value === "record" ? {} : { target: e.target.value }) })}
        >
          <option value="record">{t("rules.actionEditor.thisRecord")}</option>
          {relations.map((f) => (
            <option key={f.key} value={f.key}>
              {t("rules.actionEditor.its", { field: f.label.toLowerCase() })}
            </option>
          ))}
        </select>
      </label>
      <p className="rules-input__hint">{TEMPLATE_HINT}</p>
      <ValuesGrid
        table={targetTable}
        values={action.values}
        path={`${path}/values`}
        onChange={(values) => onChange({ ...action, values })}
      />
    </>
  );
}

function AssignForm({ action, path, table, onChange }: FormProps<Extract<Action, { type: "assign" }>>) {
  const { t } = useTranslation();
  return (
    <div className="rules-row">
      <label className="rules-input">
        <span className="rules-input__label">{t("rules.actionEditor.userField")}</span>
        <select value={action.field} onChange={(e) => onChange({ ...action, field: e.target.value })}>
          {(table?.fields ?? [])
            .filter((f) => f.user)
            .map((f) => (
              <option key={f.key} value={f.key}>
                {f.label}
              </option>
            ))}
        </select>
        <FieldProblems path={`${path}/field`} />
      </label>
      <TemplateInput
        label={t("rules.actionEditor.roundRobin")}
        path={`${path}/pool/role`}
        value={action.pool?.role}
        placeholder="staff"
        onChange={(role) => onChange({ ...action, pool: role ? { role } : undefined })}
      />
    </div>
  );
}

function CloseTasksForm({ action, path, table, onChange }: FormProps<Extract<Action, { type: "closeTasks" }>>) {
  const { t } = useTranslation();
  return (
    <div className="rules-row">
      <TemplateInput
        label={t("rules.actionEditor.tasksOf")}
        path={`${path}/rule`}
        value={action.rule}
        onChange={(rule) => onChange({ ...action, rule: rule || undefined })}
      />
      <label className="rules-input">
        <span className="rules-input__label">{t("rules.actionEditor.for")}</span>
        <select value={action.of ?? ""} onChange={(e) => onChange({ ...action, of: e.target.value || undefined })}>
          <option value="">{t("rules.actionEditor.thisRecord")}</option>
          {(table?.fields ?? [])
            .filter((f) => f.target && !f.user)
            .map((f) => (
              <option key={f.key} value={f.key}>
                {t("rules.actionEditor.its", { field: f.label.toLowerCase() })}
              </option>
            ))}
        </select>
      </label>
      <label className="rules-input">
        <span className="rules-input__label">{t("rules.actionEditor.markThem")}</span>
        <select value={action.status ?? "done"} onChange={(e) => onChange({ ...action, status: e.target.value as "done" })}>
          <option value="done">{t("rules.actionEditor.done")}</option>
          <option value="cancelled">{t("rules.actionEditor.cancelled")}</option>
        </select>
      </label>
    </div>
  );
}

function NotifyForm({ action, path, onChange }: FormProps<Extract<Action, { type: "notify" }>>) {
  const { t } = useTranslation();
  return (
    <>
      <TemplateInput
        label={t("rules.actionEditor.to")}
        path={`${path}/to`}
        value={action.to}
        placeholder={t("rules.actionEditor.toExample")}
        onChange={(to) => onChange({ ...action, to })}
      />
      <TemplateInput
        label={t("rules.actionEditor.title")}
        path={`${path}/title`}
        value={action.title}
        hint={TEMPLATE_HINT}
        onChange={(title) => onChange({ ...action, title })}
      />
      <TemplateInput
        label={t("rules.actionEditor.link")}
        path={`${path}/href`}
        value={action.href}
        onChange={(href) => onChange({ ...action, href: href || undefined })}
      />
    </>
  );
}

function ApprovalForm({ action, path, onChange }: FormProps<Extract<Action, { type: "requestApproval" }>>) {
  const { t } = useTranslation();
  const setStep = (i: number, approver: string) => onChange({ ...action, steps: action.steps.map((s, j) => (j === i ? { approver } : s)) });
  return (
    <>
      <TemplateInput
        label={t("rules.actionEditor.message")}
        path={`${path}/message`}
        value={action.message}
        hint={TEMPLATE_HINT}
        onChange={(message) => onChange({ ...action, message })}
      />
      <ol className="rules-steps">
        {action.steps.map((step, i) => (
          <li key={i}>
            <TemplateInput
              label={t("rules.actionEditor.step", { n: i + 1 })}
              path={`${path}/steps/${i}/approver`}
              value={step.approver}
              placeholder={t("rules.actionEditor.approverExample")}
              onChange={(v) => setStep(i, v)}
            />
            {action.steps.length > 1 ? (
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={() => onChange({ ...action, steps: action.steps.filter((_, j) => j !== i) })}
              >
                {t("rules.actionEditor.removeStep")}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--small button--ghost"
        onClick={() => onChange({ ...action, steps: [...action.steps, { approver: "" }] })}
      >
        {t("rules.actionEditor.addStep")}
      </button>
    </>
  );
}

/** One action of the rule: its form, an optional Liquid `when`, and buttons to move or remove it. */
export function ActionEditor(props: {
  action: Action;
  index: number;
  count: number;
  table: EditorTable | undefined;
  tables: EditorTable[];
  onChange(a: Action): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const words = useWords();
  const { action, index } = props;
  const path = `/actions/${index}`;
  const form = { path, table: props.table, tables: props.tables, onChange: props.onChange };
  return (
    <li className="rules-action" data-testid={`action-${index}`}>
      <div className="rules-action__head">
        <span className="rules-action__number">{index + 1}</span>
        <h3>{actionTitle(action.type, words)}</h3>
        <div className="rules-action__tools">
          <button
            type="button"
            className="button button--small button--ghost"
            disabled={index === 0}
            onClick={() => props.onMove(-1)}
            aria-label={t("rules.actionEditor.moveUp", { n: index + 1 })}
          >
            ↑
          </button>
          <button
            type="button"
            className="button button--small button--ghost"
            disabled={index === props.count - 1}
            onClick={() => props.onMove(1)}
            aria-label={t("rules.actionEditor.moveDown", { n: index + 1 })}
          >
            ↓
          </button>
          <button type="button" className="button button--small button--ghost button--danger" onClick={props.onRemove}>
            {t("printDesigner.remove")}
          </button>
        </div>
      </div>
      {action.type === "create" ? <CreateForm action={action} {...form} /> : null}
      {action.type === "update" ? <UpdateForm action={action} {...form} /> : null}
      {action.type === "assign" ? <AssignForm action={action} {...form} /> : null}
      {action.type === "closeTasks" ? <CloseTasksForm action={action} {...form} /> : null}
      {action.type === "notify" ? <NotifyForm action={action} {...form} /> : null}
      {action.type === "requestApproval" ? <ApprovalForm action={action} {...form} /> : null}
      <details className="rules-action__when" open={Boolean(action.when)}>
        <summary>{t("rules.actionEditor.onlyWhen")}</summary>
        <TemplateInput
          label={t("rules.actionEditor.when")}
          path={`${path}/when`}
          value={action.when}
          placeholder="{% if record.total > 1000 %}yes{% endif %}"
          onChange={(when) => props.onChange({ ...action, when: when || undefined })}
        />
      </details>
      <FieldProblems path={path} />
    </li>
  );
}
