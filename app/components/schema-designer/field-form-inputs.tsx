import { useId, type ReactNode } from "react";
import { fieldKinds } from "@runtime/fields/registry";
import { checkFormula, formulaScopeFor } from "@runtime/formula/index";
import { FIELD_KINDS, USERS_TABLE, type FieldKind, type FormulaResultKind, type WorkspaceSchema } from "@runtime/schema/types";
import { optionsAllowed, type FieldFormValues } from "./field-form";

const RESULT_KINDS: FormulaResultKind[] = ["decimal", "integer", "money", "percent", "text", "boolean", "date"];

type Set = <K extends keyof FieldFormValues>(name: K, value: FieldFormValues[K]) => void;

/** A labelled input with its error and hint tied to it for screen readers. */
function Labelled({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: ReactNode;
  children: (props: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean }) => ReactNode;
}) {
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
  label = "Kind",
  exclude,
}: {
  value: FieldKind;
  onChange: (k: FieldKind) => void;
  label?: string;
  exclude?: FieldKind;
}) {
  return (
    <Labelled label={label}>
      {(p) => (
        <select {...p} name="kind" value={value} onChange={(e) => onChange(e.target.value as FieldKind)}>
          {FIELD_KINDS.filter((k) => k !== exclude).map((k) => (
            <option key={k} value={k}>
              {fieldKinds[k].label}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
}

/** The live check of a formula: the parser's and checker's messages as the admin types. */
function FormulaCheck({ source, schema, table }: { source: string; schema: WorkspaceSchema; table: string }) {
  if (source.trim() === "") return null;
  const errors = checkFormula(source, formulaScopeFor(schema, table));
  if (errors.length === 0)
    return (
      <p className="sd-formula-ok" role="status">
        ✓ The formula is valid.
      </p>
    );
  return (
    <ul className="sd-formula-errors" role="status" aria-label="Problems in the formula">
      {errors.map((e, i) => (
        <li key={i}>
          At character {e.position + 1}: {e.message}
        </li>
      ))}
    </ul>
  );
}

/** The inputs of a kind's options: only what its definition allows appears. */
export function KindOptionInputs({
  values,
  set,
  errors,
  schema,
  table,
  kindOnly = false,
}: {
  values: FieldFormValues;
  set: Set;
  errors: Record<string, string>;
  schema: WorkspaceSchema;
  table: string;
  /** Only what the kind itself needs (a kind change keeps help text and rules). */
  kindOnly?: boolean;
}) {
  const allowed = optionsAllowed(values.kind);
  const kind = values.kind;
  const tables = Object.entries(schema.$defs);
  return (
    <>
      {kind === "select" || kind === "multiselect" ? (
        <Labelled label="Choices" error={errors.choices} hint="One a line. Write value = Label to choose the stored value yourself.">
          {(p) => <textarea {...p} name="choices" rows={4} value={values.choices} onChange={(e) => set("choices", e.target.value)} />}
        </Labelled>
      ) : null}
      {kind === "relation" ? (
        <>
          <Labelled label="Links to" error={errors.target}>
            {(p) => (
              <select {...p} name="target" value={values.target} onChange={(e) => set("target", e.target.value)}>
                <option value="">Pick a table…</option>
                {tables.map(([key, t]) => (
                  <option key={key} value={key}>
                    {t["x-plural"] ?? t.title ?? key}
                  </option>
                ))}
                <option value={USERS_TABLE}>Users</option>
              </select>
            )}
          </Labelled>
          <Labelled label="Related list name on the target (optional)" hint="e.g. items: the target's card then lists these records.">
            {(p) => <input {...p} name="inverse" value={values.inverse} onChange={(e) => set("inverse", e.target.value)} />}
          </Labelled>
        </>
      ) : null}
      {kind === "formula" ? (
        <>
          <Labelled label="Expression" error={errors.formula} hint={<FormulaCheck source={values.formula} schema={schema} table={table} />}>
            {(p) => (
              <textarea
                {...p}
                name="formula"
                rows={3}
                spellCheck={false}
                className="sd-code"
                value={values.formula}
                onChange={(e) => set("formula", e.target.value)}
              />
            )}
          </Labelled>
          <Labelled label="Result">
            {(p) => (
              <select {...p} name="result" value={values.result} onChange={(e) => set("result", e.target.value as FormulaResultKind)}>
                {RESULT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {fieldKinds[k].label}
                  </option>
                ))}
              </select>
            )}
          </Labelled>
        </>
      ) : null}
      {allowed.has("x-precision") ? (
        <Labelled label="Total digits (precision)" error={errors.precision}>
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
        <Labelled label="Digits after the point" error={errors.scale}>
          {(p) => <input {...p} name="scale" inputMode="numeric" value={values.scale} onChange={(e) => set("scale", e.target.value)} />}
        </Labelled>
      ) : null}
      {allowed.has("x-currency") ? (
        <Labelled label="Currency (ISO code, optional)" error={errors.currency}>
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
      {kind === "autonumber" ? (
        <Labelled
          label="Pattern"
          error={errors.pattern}
          hint="{YYYY} is the year (the counter restarts every year), {0000} the number with four digits."
        >
          {(p) => (
            <input
              {...p}
              name="pattern"
              value={values.pattern}
              onChange={(e) => set("pattern", e.target.value)}
              placeholder="INV-{YYYY}-{0000}"
            />
          )}
        </Labelled>
      ) : null}
      {allowed.has("maxLength") ? (
        <Labelled label="Maximum length (optional)" error={errors.maxLength}>
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
        <Labelled label="Default (optional)" error={errors.defaultText}>
          {(p) => <input {...p} name="defaultText" value={values.defaultText} onChange={(e) => set("defaultText", e.target.value)} />}
        </Labelled>
      ) : null}
      {kindOnly ? null : (
        <Labelled label="Help text (optional)">
          {(p) => <input {...p} name="description" value={values.description} onChange={(e) => set("description", e.target.value)} />}
        </Labelled>
      )}
      {kindOnly ? null : (
        <fieldset className="sd-flags">
          <legend>Rules</legend>
          {!fieldKinds[kind].readOnly ? <Check label="Required" checked={values.required} onChange={(v) => set("required", v)} /> : null}
          {allowed.has("x-unique") ? (
            <Check
              label="Unique"
              checked={values.unique}
              onChange={(v) => set("unique", v)}
              hint="No two records may have the same value"
            />
          ) : null}
          {allowed.has("x-indexed") ? (
            <Check label="Indexed" checked={values.indexed} onChange={(v) => set("indexed", v)} hint="Filters and sorts on it are fast" />
          ) : null}
          {allowed.has("x-searchable") ? (
            <Check label="Searchable" checked={values.searchable} onChange={(v) => set("searchable", v)} hint="Found by the quick search" />
          ) : null}
        </fieldset>
      )}
    </>
  );
}

export { Labelled };
