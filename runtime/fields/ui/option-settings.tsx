import { formatChoices, optionValues, parseChoices } from "../options";
import type { KindSettings, SettingsInputsProps } from "../ui-types";

function ChoicesInput({ text, set, errors, Frame }: SettingsInputsProps) {
  return (
    <Frame label="Choices" error={errors.choices} hint="One a line. Write value = Label to choose the stored value yourself.">
      {(p) => <textarea {...p} name="choices" rows={4} value={text.choices ?? ""} onChange={(e) => set("choices", e.target.value)} />}
    </Frame>
  );
}

/** Choices typed one a line; a select keeps them in `enum`, a multiselect in `items.enum`. */
export function optionSettings(holds: "one" | "many"): KindSettings {
  return {
    read: (def) => ({ choices: formatChoices(optionValues(def), def["x-labels"]) }),
    write: (text, _place, problems) => {
      const { values, labels } = parseChoices(text.choices ?? "");
      if (values.length === 0) problems.choices = "Add at least one choice, one per line (e.g. North)";
      const options = holds === "one" ? { enum: values } : { items: { type: "string", enum: values }, uniqueItems: true };
      return { ...options, "x-labels": Object.keys(labels).length ? labels : undefined };
    },
    Inputs: ChoicesInput,
  };
}
