import type { FieldCellProps, FieldUi, FieldWidgetProps } from "../ui-types";
import { optionLabel, optionValues } from "../options";
import { errorAria } from "../ui/aria";
import { classNames } from "../ui/class-names";
import { multiselectKind } from "./index";
import { optionSettings } from "../ui/option-settings";

function chosenOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** Checkboxes sharing one name: the form posts every ticked option, in the schema's order. */
function MultiselectWidget(props: FieldWidgetProps) {
  const def = props.field.def;
  const chosen = chosenOf(props.value);
  const options = optionValues(def);
  const shown = [...options, ...chosen.filter((value) => !options.includes(value))];
  function toggle(option: string, on: boolean) {
    const next = new Set(on ? [...chosen, option] : chosen.filter((value) => value !== option));
    props.onChange(shown.filter((value) => next.has(value)));
  }
  return (
    <div
      role="group"
      id={props.id}
      aria-labelledby={`${props.id}-label`}
      className={classNames("tf-options", props.dense && "tf-options--dense")}
      {...errorAria(props)}
    >
      {shown.map((option) => (
        <label key={option} className="tf-option">
          <input
            type="checkbox"
            name={props.readOnly ? undefined : props.name}
            value={option}
            checked={chosen.includes(option)}
            disabled={props.readOnly}
            onChange={(event) => toggle(option, event.target.checked)}
            className="tf-checkbox"
          />
          <span>{optionLabel(option, def)}</span>
          {props.readOnly && chosen.includes(option) ? <input type="hidden" name={props.name} value={option} /> : null}
        </label>
      ))}
    </div>
  );
}

function MultiselectCell(props: FieldCellProps) {
  return (
    <span className="tf-cell tf-chips">
      {chosenOf(props.value).map((option) => (
        <span key={option} className="tf-chip">
          {optionLabel(option, props.field.def)}
        </span>
      ))}
    </span>
  );
}

export const multiselectUi: FieldUi = {
  Widget: MultiselectWidget,
  Cell: MultiselectCell,
  fromFormData: (values, field) => {
    const parsed = multiselectKind.parseText(values.filter((v) => v !== "").join(";"), field.def);
    return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, error: parsed.error };
  },
  settings: optionSettings("many"),
};
