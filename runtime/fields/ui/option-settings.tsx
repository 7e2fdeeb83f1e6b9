import { formatChoices, optionValues, parseChoices } from "../options";
import { useTranslation } from "react-i18next";
import type { KindSettings, SettingsInputsProps } from "../ui-types";
import { englishSettingsWords } from "./settings-words";

function ChoicesInput({ text, set, errors, Frame }: SettingsInputsProps) {
  const { t } = useTranslation();
  return (
    <Frame label={t("schemaDesigner.kindSettings.choices")} error={errors.choices} hint={t("schemaDesigner.kindSettings.choicesHint")}>
      {(p) => <textarea {...p} name="choices" rows={4} value={text.choices ?? ""} onChange={(e) => set("choices", e.target.value)} />}
    </Frame>
  );
}

/** Choices typed one a line; a select keeps them in `enum`, a multiselect in `items.enum`. */
export function optionSettings(holds: "one" | "many"): KindSettings {
  return {
    read: (def) => ({ choices: formatChoices(optionValues(def), def["x-labels"]) }),
    write: (text, _place, problems, t = englishSettingsWords) => {
      const { values, labels } = parseChoices(text.choices ?? "");
      if (values.length === 0) problems.choices = t("schemaDesigner.kindSettings.choicesMissing");
      const options = holds === "one" ? { enum: values } : { items: { type: "string", enum: values }, uniqueItems: true };
      return { ...options, "x-labels": Object.keys(labels).length ? labels : undefined };
    },
    Inputs: ChoicesInput,
  };
}
