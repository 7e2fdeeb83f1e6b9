import { useState, type FormEvent } from "react";
import { fieldKinds } from "@runtime/fields/registry";
import type { FieldKind, WorkspaceSchema } from "@runtime/schema/types";
import type { DraftOp } from "@schema-designer/draft";
import { applyDraftOp } from "@schema-designer/draft";
import { type ConversionReport } from "@schema-designer/review";
import {
  emptyFieldForm,
  formFromField,
  formulaProblem,
  keyFromLabel,
  newFieldKeyProblem,
  optionsFromForm,
  type FieldFormValues,
} from "./field-form";
import { KindOptionInputs, KindSelect, Labelled } from "./field-form-inputs";
import { planDraft } from "./schema-api";

type Edit = (op: DraftOp) => string | null;

function useForm(initial: FieldFormValues) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof FieldFormValues>(name: K, value: FieldFormValues[K]) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => {
      if (!e[name]) return e;
      const { [name]: _gone, ...rest } = e;
      return rest;
    });
  };
  return { values, setValues, errors, setErrors, set };
}

function FormError({ message }: { message: string | null }) {
  return message ? (
    <p className="sd-error sd-error--form" role="alert">
      {message}
    </p>
  ) : null;
}

/** Adds a field: the kind from the registry, then that kind's options. */
export function AddFieldForm({
  schema,
  table,
  edit,
  onDone,
}: {
  schema: WorkspaceSchema;
  table: string;
  edit: Edit;
  onDone: (key: string) => void;
}) {
  const { values, setValues, errors, setErrors, set } = useForm(emptyFieldForm("text"));
  const [keyTouched, setKeyTouched] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const key = values.key.trim();
    const problems: Record<string, string> = {};
    if (!values.title.trim()) problems.title = "Give the field a label, e.g. Region";
    const keyProblem = newFieldKeyProblem(schema, table, key);
    if (keyProblem) problems.key = keyProblem;
    const formula = formulaProblem(values, schema, table);
    if (formula) problems.formula = formula;
    const outcome = optionsFromForm(values);
    if (!outcome.ok || Object.keys(problems).length) {
      setErrors({ ...(outcome.ok ? {} : outcome.errors), ...problems });
      setFailure(null);
      return;
    }
    const error = edit({
      op: "addField",
      table,
      args: {
        key,
        kind: values.kind,
        title: values.title.trim(),
        options: outcome.options,
      },
    });
    if (error) return setFailure(error);
    if (values.required) edit({ op: "setRequired", table, field: key, required: true });
    setFailure(null);
    onDone(key);
  };

  return (
    <form className="sd-form" onSubmit={submit} aria-labelledby="sd-add-field-title" noValidate>
      <h3 id="sd-add-field-title">Add a field</h3>
      <div className="sd-form__grid">
        <KindSelect value={values.kind} onChange={(kind) => setValues((v) => ({ ...v, kind }))} />
        <Labelled label="Label" error={errors.title}>
          {(p) => (
            <input
              {...p}
              name="title"
              value={values.title}
              onChange={(e) => {
                const title = e.target.value;
                setValues((v) => ({
                  ...v,
                  title,
                  key: keyTouched ? v.key : keyFromLabel(title),
                }));
                // A key that follows the label is a new key: its old error no longer applies.
                setErrors(({ title: _t, key: _k, ...rest }) => (keyTouched && _k ? { ...rest, key: _k } : rest));
              }}
            />
          )}
        </Labelled>
        <Labelled label="Key" error={errors.key} hint="Used in formulas, templates and the API.">
          {(p) => (
            <input
              {...p}
              name="key"
              className="sd-code"
              value={values.key}
              onChange={(e) => {
                setKeyTouched(true);
                set("key", e.target.value);
              }}
            />
          )}
        </Labelled>
        <KindOptionInputs values={values} set={set} errors={errors} schema={schema} table={table} />
      </div>
      <FormError message={failure} />
      <div className="sd-form__actions">
        <button type="submit" className="button">
          Add to draft
        </button>
      </div>
    </form>
  );
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Label, help text, options and rules of an existing field. */
export function FieldSettingsForm({ schema, table, field, edit }: { schema: WorkspaceSchema; table: string; field: string; edit: Edit }) {
  const def = schema.$defs[table].properties[field];
  const required = (schema.$defs[table].required ?? []).includes(field);
  const initial = formFromField(field, def, required);
  const { values, errors, setErrors, set } = useForm(initial);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (!values.title.trim()) return setErrors({ title: "A field needs a label staff can read" });
    const formula = formulaProblem(values, schema, table);
    if (formula) return setErrors({ formula });
    const outcome = optionsFromForm(values);
    if (!outcome.ok) return setErrors(outcome.errors);
    const before = optionsFromForm(initial);
    const ops: DraftOp[] = [];
    if (values.title.trim() !== (def.title ?? ""))
      ops.push({
        op: "setFieldLabel",
        table,
        field,
        labels: { title: values.title.trim() },
      });
    if (!before.ok || !same(before.options, outcome.options))
      ops.push({
        op: "setFieldOptions",
        table,
        field,
        options: outcome.options,
      });
    if (values.required !== required) ops.push({ op: "setRequired", table, field, required: values.required });
    // All or nothing: check the edits together before any of them joins the draft.
    try {
      ops.reduce((s, op) => applyDraftOp(s, op), schema);
    } catch (error) {
      return setFailure(error instanceof Error ? error.message : String(error));
    }
    for (const op of ops) edit(op);
    setFailure(null);
    setSaved(ops.length > 0);
  };

  return (
    <form className="sd-form" onSubmit={submit} aria-labelledby="sd-settings-title" noValidate>
      <h3 id="sd-settings-title">Label and settings</h3>
      <div className="sd-form__grid">
        <Labelled label="Label" error={errors.title}>
          {(p) => <input {...p} name="title" value={values.title} onChange={(e) => set("title", e.target.value)} />}
        </Labelled>
        <KindOptionInputs values={values} set={set} errors={errors} schema={schema} table={table} />
      </div>
      <FormError message={failure} />
      <div className="sd-form__actions">
        <button type="submit" className="button">
          Save to draft
        </button>
        {saved ? (
          <span role="status" className="sd-saved">
            Added to the draft.
          </span>
        ) : null}
      </div>
    </form>
  );
}

/** The key alone: layouts, views, filters, formulas and print templates follow it. */
export function RenameKeyForm({
  table,
  field,
  edit,
  onRenamed,
}: {
  table: string;
  field: string;
  edit: Edit;
  onRenamed: (key: string) => void;
}) {
  const [key, setKey] = useState(field);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = key.trim();
    if (next === field) return setError("Type the new key first.");
    const failure = edit({ op: "renameFieldKey", table, field, newKey: next });
    if (failure) return setError(failure);
    setError(null);
    onRenamed(next);
  };
  return (
    <form className="sd-form sd-form--inline" onSubmit={submit} aria-labelledby="sd-key-title" noValidate>
      <h3 id="sd-key-title">Key</h3>
      <Labelled
        label="New key"
        error={error ?? undefined}
        hint="Card layouts, saved views, filters, formulas and print templates follow the new key; stored values stay."
      >
        {(p) => <input {...p} name="newKey" className="sd-code" value={key} onChange={(e) => setKey(e.target.value)} />}
      </Labelled>
      <button type="submit" className="button button--small">
        Change key
      </button>
    </form>
  );
}

type DryRun =
  | { state: "idle" }
  | { state: "checking" }
  | {
      state: "done";
      conversions: ConversionReport[];
      candidate: WorkspaceSchema;
    }
  | { state: "failed"; message: string };

/**
 * Changing the kind converts every stored value; the dry run on the server says which records
 * would not convert before the change joins the draft.
 */
export function ChangeKindForm({
  schema,
  baseVersion,
  table,
  field,
  edit,
}: {
  schema: WorkspaceSchema;
  baseVersion: number;
  table: string;
  field: string;
  edit: Edit;
}) {
  const def = schema.$defs[table].properties[field];
  const current = def["x-kind"];
  const [kind, setKind] = useState<FieldKind>(current === "text" ? "integer" : "text");
  const { values, setValues, errors, setErrors, set } = useForm({
    ...formFromField(field, def, false),
    kind,
  });
  const [dryRun, setDryRun] = useState<DryRun>({ state: "idle" });

  const pick = (k: FieldKind) => {
    setKind(k);
    setValues((v) => ({ ...v, kind: k }));
    setDryRun({ state: "idle" });
  };
  const op = (): DraftOp | Record<string, string> => {
    const outcome = optionsFromForm(values);
    if (!outcome.ok) return outcome.errors;
    // Help text and rules carry over by themselves (portableOptions); a default of the old kind would not fit.
    const { description: _d, default: _default, "x-unique": _u, "x-indexed": _i, "x-searchable": _s, ...options } = outcome.options;
    return { op: "changeFieldKind", table, field, kind, options };
  };

  const check = async (e: FormEvent) => {
    e.preventDefault();
    const next = op();
    if (!("op" in next)) return setErrors(next as Record<string, string>);
    let candidate: WorkspaceSchema;
    try {
      candidate = applyDraftOp(schema, next as DraftOp);
    } catch (error) {
      return setDryRun({
        state: "failed",
        message: error instanceof Error ? error.message : String(error),
      });
    }
    setDryRun({ state: "checking" });
    const answer = await planDraft(baseVersion, candidate);
    if (answer.kind === "ok")
      setDryRun({
        state: "done",
        conversions: answer.value.conversions,
        candidate,
      });
    else setDryRun({ state: "failed", message: answer.message });
  };

  const apply = () => {
    const next = op();
    if (!("op" in next)) return;
    const error = edit(next as DraftOp);
    if (error) setDryRun({ state: "failed", message: error });
    else setDryRun({ state: "idle" });
  };

  return (
    <form className="sd-form" onSubmit={check} aria-labelledby="sd-kind-title" noValidate>
      <h3 id="sd-kind-title">Kind: {fieldKinds[current].label}</h3>
      <div className="sd-form__grid">
        <KindSelect label="Change to" value={kind} onChange={pick} exclude={current} />
        <KindOptionInputs values={values} set={set} errors={errors} schema={schema} table={table} kindOnly />
      </div>
      <div className="sd-form__actions">
        <button type="submit" className="button button--small" disabled={dryRun.state === "checking"}>
          {dryRun.state === "checking" ? "Checking the records…" : "Check the records"}
        </button>
        {dryRun.state === "done" ? (
          <button type="button" className="button" onClick={apply}>
            {dryRun.conversions.length ? "Change the kind in the draft anyway" : "Change the kind in the draft"}
          </button>
        ) : null}
      </div>
      <div role="status" className="sd-dryrun">
        {dryRun.state === "done" && dryRun.conversions.length === 0 ? (
          <p>Every stored value converts to {fieldKinds[kind].label}. The old values are kept in the trash.</p>
        ) : null}
        {dryRun.state === "done" && dryRun.conversions.length > 0 ? <ConversionFailures conversions={dryRun.conversions} /> : null}
        {dryRun.state === "failed" ? <p className="sd-error">{dryRun.message}</p> : null}
      </div>
    </form>
  );
}

const MAX_LISTED = 10;

/** Which records would not convert, each linked to its card so the admin can fix the value first. */
function ConversionFailures({ conversions }: { conversions: ConversionReport[] }) {
  return (
    <div className="sd-conversions">
      {conversions.map((c) => (
        <div key={`${c.table}.${c.field}`}>
          <p className="sd-error">
            <strong>
              {c.total} record{c.total === 1 ? "" : "s"} of {c.table} would not convert in “{c.field}”.
            </strong>{" "}
            Fix or clear {c.total === 1 ? "that value" : "those values"} first (they are kept as they are until then), or keep the current
            kind.
          </p>
          <ul>
            {c.failures.slice(0, MAX_LISTED).map((f) => (
              <li key={f.id}>
                <a href={`/t/${encodeURIComponent(c.table)}/${f.id}`} target="_blank" rel="noreferrer">
                  Record #{f.id}
                </a>
                : {f.error}
              </li>
            ))}
            {c.total > MAX_LISTED ? <li>… and {c.total - MAX_LISTED} more.</li> : null}
          </ul>
        </div>
      ))}
    </div>
  );
}

/** Removal joins the draft; the review says what it takes with it and asks for a confirmation. */
export function RemoveFieldButton({
  table,
  field,
  label,
  edit,
  onRemoved,
}: {
  table: string;
  field: string;
  label: string;
  edit: Edit;
  onRemoved: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const remove = (cascade: boolean) => {
    const failure = edit({ op: "removeField", table, field, cascade });
    if (failure) setError(failure);
    else onRemoved();
  };
  return (
    <div className="sd-remove">
      <button type="button" className="button button--small button--danger" onClick={() => remove(false)}>
        Remove field {label}
      </button>
      {error ? (
        <div className="sd-error" role="alert">
          <p>{error}</p>
          {/used by/.test(error) ? (
            <button type="button" className="button button--small button--danger" onClick={() => remove(true)}>
              Remove it and what uses it
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
