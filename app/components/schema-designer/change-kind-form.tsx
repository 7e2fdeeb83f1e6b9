import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { say, sayError } from "@runtime/i18n/words";
import { kindName, quoted } from "@schema-designer/words";
import { useWords } from "../../i18n/use-words";
import { FIELD_KINDS, type FieldKind, type WorkspaceSchema } from "@runtime/schema/types";
import type { DraftOp } from "@schema-designer/draft";
import { applyDraftOp } from "@schema-designer/draft";
import type { ConversionReport } from "@schema-designer/review";
import type { Edit } from "./field-editor";
import { formFromField, optionsFromForm, withKind } from "./field-form";
import { KindOptionInputs, KindSelect } from "./field-form-inputs";
import { planDraft } from "./schema-api";
import { useFieldForm } from "./use-field-form";

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
  const { t } = useTranslation();
  const words = useWords();
  const def = schema.$defs[table].properties[field];
  const current = def["x-kind"];
  const place = { schema, table };
  // The picker leaves out the current kind and starts at the first of the others; what the field
  // has (its choices, its target) is where the new kind's own settings start.
  const firstOther = FIELD_KINDS.find((k) => k !== current) ?? current;
  const form = useFieldForm(withKind(formFromField(field, def, false), firstOther));
  const { values, errors, setErrors } = form;
  const kind = values.kind;
  const [dryRun, setDryRun] = useState<DryRun>({ state: "idle" });

  const pick = (k: FieldKind) => {
    form.setKind(k);
    setDryRun({ state: "idle" });
  };
  const op = (): DraftOp | Record<string, string> => {
    const outcome = optionsFromForm(values, place, words);
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
        message: sayError(error, words),
      });
    }
    setDryRun({ state: "checking" });
    const answer = await planDraft(baseVersion, candidate, words);
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
      <h3 id="sd-kind-title">{t("schemaDesigner.kind.title", { kind: kindName(current, words) })}</h3>
      <div className="sd-form__grid">
        <KindSelect label={t("schemaDesigner.kind.changeTo")} value={kind} onChange={pick} exclude={current} />
        <KindOptionInputs values={values} set={form.set} setSetting={form.setSetting} errors={errors} place={place} kindOnly />
      </div>
      <div className="sd-form__actions">
        <button type="submit" className="button button--small" disabled={dryRun.state === "checking"}>
          {dryRun.state === "checking" ? t("schemaDesigner.kind.checking") : t("schemaDesigner.kind.check")}
        </button>
        {dryRun.state === "done" ? (
          <button type="button" className="button" onClick={apply}>
            {dryRun.conversions.length ? t("schemaDesigner.kind.changeAnyway") : t("schemaDesigner.kind.change")}
          </button>
        ) : null}
      </div>
      <div role="status" className="sd-dryrun">
        {dryRun.state === "done" && dryRun.conversions.length === 0 ? (
          <p>{t("schemaDesigner.kind.allConvert", { kind: kindName(kind, words) })}</p>
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
  const { t } = useTranslation();
  const words = useWords();
  return (
    <div className="sd-conversions">
      {conversions.map((c) => (
        <div key={`${c.table}.${c.field}`}>
          <p className="sd-error">
            <strong>{t("schemaDesigner.kind.notConverted", { count: c.total, table: c.table, field: quoted(c.field, words) })}</strong>{" "}
            {t("schemaDesigner.kind.fixFirst", { count: c.total })}
          </p>
          <ul>
            {c.failures.slice(0, MAX_LISTED).map((f) => (
              <li key={f.id}>
                <a href={`/t/${encodeURIComponent(c.table)}/${f.id}`} target="_blank" rel="noreferrer">
                  {t("schemaDesigner.kind.record", { id: f.id })}
                </a>
                : {f.words ? say(f.words, words) : f.error}
              </li>
            ))}
            {c.total > MAX_LISTED ? <li>{t("schemaDesigner.kind.more", { n: c.total - MAX_LISTED })}</li> : null}
          </ul>
        </div>
      ))}
    </div>
  );
}
