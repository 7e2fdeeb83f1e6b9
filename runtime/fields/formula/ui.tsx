import { useTranslation } from "react-i18next";
import { checkFormula, formulaScopeFor } from "../../formula/index";
import { say } from "../../i18n/words";
import { englishSettingsWords } from "../ui/settings-words";
import type { CompiledField } from "../../schema/compile";
import type { FormulaResultKind, WorkspaceSchema } from "../../schema/types";
import { valueClassOf } from "../registry";
import type { FieldUi, KindSettings, SettingsInputsProps, SettingsPlace } from "../ui-types";
import { computedUi } from "../ui/computed-value";
import { formattedCell } from "../ui/formatted-cell";
import { formulaKind } from "./index";

const isNumericFormula = (field: CompiledField): boolean => valueClassOf(field.def) === "number";

/** The results offered, the most common first. */
const RESULT_KINDS: FormulaResultKind[] = ["decimal", "integer", "money", "percent", "text", "boolean", "date"];
const DEFAULT_RESULT: FormulaResultKind = "decimal";

const problemsIn = (source: string, place: SettingsPlace) => checkFormula(source, formulaScopeFor(place.schema, place.table));

/** The live check of a formula: the parser's and checker's messages as the admin types. */
function FormulaCheck({ source, schema, table }: { source: string; schema: WorkspaceSchema; table: string }) {
  const { t } = useTranslation();
  if (source.trim() === "") return null;
  const errors = problemsIn(source, { schema, table });
  if (errors.length === 0)
    return (
      <p className="sd-formula-ok" role="status">
        {t("schemaDesigner.kindSettings.formulaOk")}
      </p>
    );
  return (
    <ul className="sd-formula-errors" role="status" aria-label={t("schemaDesigner.kindSettings.formulaProblems")}>
      {errors.map((e, i) => (
        <li key={i}>
          {t("schemaDesigner.kindSettings.atCharacter", { n: e.position + 1, message: e.words ? say(e.words, t) : e.message })}
        </li>
      ))}
    </ul>
  );
}

function FormulaInputs({ text, set, errors, place, Frame }: SettingsInputsProps) {
  const { t } = useTranslation();
  const source = text.formula ?? "";
  return (
    <>
      <Frame
        label={t("schemaDesigner.kindSettings.expression")}
        error={errors.formula}
        hint={<FormulaCheck source={source} schema={place.schema} table={place.table} />}
      >
        {(p) => (
          <textarea
            {...p}
            name="formula"
            rows={3}
            spellCheck={false}
            className="sd-code"
            value={source}
            onChange={(e) => set("formula", e.target.value)}
          />
        )}
      </Frame>
      <Frame label={t("schemaDesigner.kindSettings.result")}>
        {(p) => (
          <select {...p} name="result" value={text.result ?? DEFAULT_RESULT} onChange={(e) => set("result", e.target.value)}>
            {RESULT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`fieldKinds.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Frame>
    </>
  );
}

/**
 * The expression and the kind of its result. A formula the checker rejects cannot join the draft;
 * the live check already lists why, so the problem beside the input only says it must be fixed.
 */
const formulaSettings: KindSettings = {
  read: (def) => ({ formula: def["x-formula"] ?? "", result: def["x-result"] ?? DEFAULT_RESULT }),
  write: (text, place, problems, t = englishSettingsWords) => {
    const source = text.formula?.trim() ?? "";
    const found = source ? problemsIn(source, place).length : 0;
    if (!source) problems.formula = t("schemaDesigner.kindSettings.formulaMissing");
    else if (found > 0) problems.formula = t("schemaDesigner.kindSettings.formulaFix", { count: found });
    return { "x-formula": source || undefined, "x-result": text.result || DEFAULT_RESULT };
  },
  Inputs: FormulaInputs,
};

export const formulaUi: FieldUi = {
  ...computedUi(formulaKind, { numeric: isNumericFormula }),
  Cell: formattedCell(formulaKind, { numeric: (props) => isNumericFormula(props.field) }),
  settings: formulaSettings,
};
