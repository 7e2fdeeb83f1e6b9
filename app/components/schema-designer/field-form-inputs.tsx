import { useId } from "react";
import { useTranslation } from "react-i18next";
import { fieldKinds } from "@runtime/fields/registry";
import { getFieldUi } from "@runtime/fields/ui-registry";
import type { SettingsFrameProps, SettingsPlace } from "@runtime/fields/ui-types";
import { FIELD_KINDS, type FieldKind } from "@runtime/schema/types";
import { optionsAllowed, type FieldFormValues } from "./field-form";

type Set = <K extends keyof FieldFormValues>(name: K, value: FieldFormValues[K]) => void;

/** A labelled input with its error and hint tied to it for screen readers; a kind's own inputs sit in it too. */
export function Labelled({ label, error, hint, children }: SettingsFrameProps) {
  const id = useId();
  const described = [error ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "sd-input has-error" : "sd-input"}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        "aria-describedby": described,
        "aria-invalid": error ? true : undefined,
      })}
      {hint ? (
        // A div: a hint may hold a list (the formula's problems), which a <p> cannot.
        <div className="sd-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="sd-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function Check({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string }) {
  return (
    <label className="sd-check" title={hint}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

/** The kind picker, from the registry: every kind with its human name. */
export function KindSelect({
  value,
  onChange,
  label,
  exclude,
}: {
  value: FieldKind;
  onChange: (k: FieldKind) => void;
  label?: string;
  exclude?: FieldKind;
}) {
  const { t } = useTranslation();
  return (
    <Labelled label={label ?? t("schemaDesigner.field.kind")}>
      {(p) => (
        <select {...p} name="kind" value={value} onChange={(e) => onChange(e.target.value as FieldKind)}>
          {FIELD_KINDS.filter((k) => k !== exclude).map((k) => (
            <option key={k} value={k}>
              {t(`fieldKinds.${k}`)}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
}

/**
 * The inputs of a kind's options: the kind's own (chosen by the registry, as Twenty chooses a
 * settings form per field type), then what its definition allows of the shared ones.
 */
export function KindOptionInputs({
  values,
  set,
  setSetting,
  errors,
  place,
  kindOnly = false,
}: {
  values: FieldFormValues;
  set: Set;
  setSetting: (name: string, value: string) => void;
  errors: Record<string, string>;
  place: SettingsPlace;
  /** Only what the kind itself needs (a kind change keeps help text and rules). */
  kindOnly?: boolean;
}) {
  const { t } = useTranslation();
  const allowed = optionsAllowed(values.kind);
  const kind = values.kind;
  const { Inputs } = getFieldUi(kind).settings;
  return (
    <>
      <Inputs text={values.settings} set={setSetting} errors={errors} place={place} Frame={Labelled} />
      {allowed.has("x-precision") ? (
        <Labelled label={t("schemaDesigner.field.precision")} error={errors.precision}>
          {(p) => (
            <input
              {...p}
              name="precision"
              inputMode="numeric"
              value={values.precision}
              onChange={(e) => set("precision", e.target.value)}
            />
          )}
        </Labelled>
      ) : null}
      {allowed.has("x-scale") ? (
        <Labelled label={t("schemaDesigner.field.scale")} error={errors.scale}>
          {(p) => <input {...p} name="scale" inputMode="numeric" value={values.scale} onChange={(e) => set("scale", e.target.value)} />}
        </Labelled>
      ) : null}
      {allowed.has("x-currency") ? (
        <Labelled label={t("schemaDesigner.field.currency")} error={errors.currency}>
          {(p) => (
            <input
              {...p}
              name="currency"
              maxLength={3}
              value={values.currency}
              onChange={(e) => set("currency", e.target.value)}
              placeholder="EUR"
            />
          )}
        </Labelled>
      ) : null}
      {allowed.has("maxLength") ? (
        <Labelled label={t("schemaDesigner.field.maxLength")} error={errors.maxLength}>
          {(p) => (
            <input
              {...p}
              name="maxLength"
              inputMode="numeric"
              value={values.maxLength}
              onChange={(e) => set("maxLength", e.target.value)}
            />
          )}
        </Labelled>
      ) : null}
      {!kindOnly && allowed.has("default") ? (
        <Labelled label={t("schemaDesigner.field.default")} error={errors.defaultText}>
          {(p) => <input {...p} name="defaultText" value={values.defaultText} onChange={(e) => set("defaultText", e.target.value)} />}
        </Labelled>
      ) : null}
      {kindOnly ? null : (
        <Labelled label={t("schemaDesigner.field.help")}>
          {(p) => <input {...p} name="description" value={values.description} onChange={(e) => set("description", e.target.value)} />}
        </Labelled>
      )}
      {kindOnly ? null : (
        <fieldset className="sd-flags">
          <legend>{t("schemaDesigner.field.rules")}</legend>
          {!fieldKinds[kind].readOnly ? (
            <Check label={t("schemaDesigner.field.required")} checked={values.required} onChange={(v) => set("required", v)} />
          ) : null}
          {allowed.has("x-unique") ? (
            <Check
              label={t("schemaDesigner.field.unique")}
              checked={values.unique}
              onChange={(v) => set("unique", v)}
              hint={t("schemaDesigner.field.uniqueHint")}
            />
          ) : null}
          {allowed.has("x-indexed") ? (
            <Check
              label={t("schemaDesigner.field.indexed")}
              checked={values.indexed}
              onChange={(v) => set("indexed", v)}
              hint={t("schemaDesigner.field.indexedHint")}
            />
          ) : null}
          {allowed.has("x-searchable") ? (
            <Check
              label={t("schemaDesigner.field.searchable")}
              checked={values.searchable}
              onChange={(v) => set("searchable", v)}
              hint={t("schemaDesigner.field.searchableHint")}
            />
          ) : null}
        </fieldset>
      )}
    </>
  );
}

export function FormError({ message }: { message: string | null }) {
  return message ? (
    <p className="sd-error sd-error--form" role="alert">
      {message}
    </p>
  ) : null;
}

/** A designer form's submit button, and the word that its edit joined the draft. */
export function SaveToDraft({ saved }: { saved: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="sd-form__actions">
      <button type="submit" className="button">
        {t("schemaDesigner.saveToDraft")}
      </button>
      {saved ? (
        <span role="status" className="sd-saved">
          {t("schemaDesigner.addedToDraft")}
        </span>
      ) : null}
    </div>
  );
}
