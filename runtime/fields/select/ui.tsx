import { useTranslation } from "react-i18next";
import type { FieldUi, FieldWidgetProps } from "../ui-types";
import { optionLabel, optionValues } from "../options";
import { errorAria } from "../ui/aria";
import { classNames } from "../ui/class-names";
import { formattedCell } from "../ui/formatted-cell";
import { parseSingleValue } from "../ui/form-values";
import { selectKind } from "./index";
import { optionSettings } from "../ui/option-settings";

function SelectWidget(props: FieldWidgetProps) {
  const { t } = useTranslation();
  const def = props.field.def;
  const current = props.value === null || props.value === undefined ? "" : String(props.value);
  const options = optionValues(def);
  // A value removed from the options since it was saved stays visible instead of silently changing.
  const shown = current !== "" && !options.includes(current) ? [current, ...options] : options;
  const offerEmpty = !props.required || current === "";
  return (
    <>
      <select
        id={props.id}
        name={props.readOnly ? undefined : props.name}
        value={current}
        onChange={(event) => props.onChange(event.target.value === "" ? null : event.target.value)}
        required={props.required}
        disabled={props.readOnly}
        className={classNames("tf-input", "tf-select", props.dense && "tf-input--dense")}
        {...errorAria(props)}
      >
        {offerEmpty ? <option value="">{props.required ? t("fields.choose") : ""}</option> : null}
        {shown.map((value) => (
          <option key={value} value={value}>
            {optionLabel(value, def)}
          </option>
        ))}
      </select>
      {props.readOnly && current !== "" ? <input type="hidden" name={props.name} value={current} /> : null}
    </>
  );
}

export const selectUi: FieldUi = {
  Widget: SelectWidget,
  Cell: formattedCell(selectKind),
  // Posted values are exact option values; parseText would also take a label, which is harmless.
  fromFormData: parseSingleValue(selectKind),
  settings: optionSettings("one"),
};
