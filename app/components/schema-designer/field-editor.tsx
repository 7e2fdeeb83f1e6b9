import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { sayError } from "@runtime/i18n/words";
import { usesOfField } from "@schema-designer/remove-field";
import { useWords } from "../../i18n/use-words";
import type { SettingsPlace } from "@runtime/fields/ui-types";
import type { WorkspaceSchema } from "@runtime/schema/types";
import type { DraftOp } from "@schema-designer/draft";
import { applyDraftOp } from "@schema-designer/draft";
import { emptyFieldForm, formFromField, newFieldKeyProblem, optionsFromForm } from "./field-form";
import { FormError, SaveToDraft, KindOptionInputs, KindSelect, Labelled } from "./field-form-inputs";
import { useFieldForm, type FieldForm } from "./use-field-form";

export type Edit = (op: DraftOp) => string | null;

/**
 * The body of a field's form, the same for adding one and for editing its settings: a new field
 * also picks its kind and key, then both show the label and the kind's options.
 */
function FieldFormBody({ form, place, adding }: { form: FieldForm; place: SettingsPlace; adding: boolean }) {
  const { t } = useTranslation();
  const { values, errors } = form;
  return (
    <div className="sd-form__grid">
      {adding ? <KindSelect value={values.kind} onChange={form.setKind} /> : null}
      <Labelled label={t("schemaDesigner.field.label")} error={errors.title}>
        {(p) => <input {...p} name="title" value={values.title} onChange={(e) => form.setTitle(e.target.value)} />}
      </Labelled>
      {adding ? (
        <Labelled label={t("schemaDesigner.key")} error={errors.key} hint={t("schemaDesigner.field.keyHint")}>
          {(p) => <input {...p} name="key" className="sd-code" value={values.key} onChange={(e) => form.setKey(e.target.value)} />}
        </Labelled>
      ) : null}
      <KindOptionInputs values={values} set={form.set} setSetting={form.setSetting} errors={errors} place={place} />
    </div>
  );
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
  const { t } = useTranslation();
  const words = useWords();
  const form = useFieldForm(emptyFieldForm("text"), { followKey: true });
  const { values } = form;
  const [failure, setFailure] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const key = values.key.trim();
    const problems: Record<string, string> = {};
    if (!values.title.trim()) problems.title = t("schemaDesigner.field.labelMissing");
    const keyProblem = newFieldKeyProblem(schema, table, key, words);
    if (keyProblem) problems.key = keyProblem;
    const outcome = optionsFromForm(values, { schema, table }, words);
    if (!outcome.ok || Object.keys(problems).length) {
      form.setErrors({ ...(outcome.ok ? {} : outcome.errors), ...problems });
      setFailure(null);
      return;
    }
    const error = edit({ op: "addField", table, args: { key, kind: values.kind, title: values.title.trim(), options: outcome.options } });
    if (error) return setFailure(error);
    if (values.required) edit({ op: "setRequired", table, field: key, required: true });
    setFailure(null);
    onDone(key);
  };

  return (
    <form className="sd-form" onSubmit={submit} aria-labelledby="sd-add-field-title" noValidate>
      <h3 id="sd-add-field-title">{t("schemaDesigner.field.addTitle")}</h3>
      <FieldFormBody form={form} place={{ schema, table }} adding />
      <FormError message={failure} />
      <div className="sd-form__actions">
        <button type="submit" className="button">
          {t("schemaDesigner.field.addToDraft")}
        </button>
      </div>
    </form>
  );
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Label, help text, options and rules of an existing field. */
export function FieldSettingsForm({ schema, table, field, edit }: { schema: WorkspaceSchema; table: string; field: string; edit: Edit }) {
  const { t } = useTranslation();
  const words = useWords();
  const def = schema.$defs[table].properties[field];
  const required = (schema.$defs[table].required ?? []).includes(field);
  const initial = formFromField(field, def, required);
  const form = useFieldForm(initial);
  const { values } = form;
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (!values.title.trim()) return form.setErrors({ title: t("schemaDesigner.field.labelNeeded") });
    const place = { schema, table };
    const outcome = optionsFromForm(values, place, words);
    if (!outcome.ok) return form.setErrors(outcome.errors);
    const before = optionsFromForm(initial, place, words);
    const ops: DraftOp[] = [];
    if (values.title.trim() !== (def.title ?? "")) ops.push({ op: "setFieldLabel", table, field, labels: { title: values.title.trim() } });
    if (!before.ok || !same(before.options, outcome.options)) ops.push({ op: "setFieldOptions", table, field, options: outcome.options });
    if (values.required !== required) ops.push({ op: "setRequired", table, field, required: values.required });
    // All or nothing: check the edits together before any of them joins the draft.
    try {
      ops.reduce((s, op) => applyDraftOp(s, op), schema);
    } catch (error) {
      return setFailure(sayError(error, words));
    }
    for (const op of ops) edit(op);
    setFailure(null);
    setSaved(ops.length > 0);
  };

  return (
    <form className="sd-form" onSubmit={submit} aria-labelledby="sd-settings-title" noValidate>
      <h3 id="sd-settings-title">{t("schemaDesigner.field.settingsTitle")}</h3>
      <FieldFormBody form={form} place={{ schema, table }} adding={false} />
      <FormError message={failure} />
      <SaveToDraft saved={saved} />
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
  const { t } = useTranslation();
  const [key, setKey] = useState(field);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = key.trim();
    if (next === field) return setError(t("schemaDesigner.field.typeNewKey"));
    const failure = edit({ op: "renameFieldKey", table, field, newKey: next });
    if (failure) return setError(failure);
    setError(null);
    onRenamed(next);
  };
  return (
    <form className="sd-form sd-form--inline" onSubmit={submit} aria-labelledby="sd-key-title" noValidate>
      <h3 id="sd-key-title">{t("schemaDesigner.key")}</h3>
      <Labelled label={t("schemaDesigner.field.newKey")} error={error ?? undefined} hint={t("schemaDesigner.field.newKeyHint")}>
        {(p) => <input {...p} name="newKey" className="sd-code" value={key} onChange={(e) => setKey(e.target.value)} />}
      </Labelled>
      <button type="submit" className="button button--small">
        {t("schemaDesigner.field.changeKey")}
      </button>
    </form>
  );
}

/** Removal joins the draft; the review says what it takes with it and asks for a confirmation. */
export function RemoveFieldButton({
  schema,
  table,
  field,
  label,
  edit,
  onRemoved,
}: {
  schema: WorkspaceSchema;
  table: string;
  field: string;
  label: string;
  edit: Edit;
  onRemoved: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  // The refusal names what uses the field; removing those too is then offered.
  const used = error !== null && usesOfField(schema, table, field).length > 0;
  const remove = (cascade: boolean) => {
    const failure = edit({ op: "removeField", table, field, cascade });
    if (failure) setError(failure);
    else onRemoved();
  };
  return (
    <div className="sd-remove">
      <button type="button" className="button button--small button--danger" onClick={() => remove(false)}>
        {t("schemaDesigner.field.remove", { label })}
      </button>
      {error ? (
        <div className="sd-error" role="alert">
          <p>{error}</p>
          {used ? (
            <button type="button" className="button button--small button--danger" onClick={() => remove(true)}>
              {t("schemaDesigner.field.removeCascade")}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
