import type { FieldUi, FieldWidgetProps } from "../ui-types";
import { errorAria } from "../ui/aria";
import { classNames } from "../ui/class-names";
import { formattedCell } from "../ui/formatted-cell";
import { parseSingleValue } from "../ui/form-values";
import { textOf } from "../ui/text-input";
import { dateKind } from "./index";
import { noSettings } from "../ui/kind-settings";

function DateWidget(props: FieldWidgetProps) {
  return (
    <input
      type="date"
      id={props.id}
      name={props.name}
      value={textOf(props.value)}
      onChange={(event) => props.onChange(event.target.value === "" ? null : event.target.value)}
      required={props.required}
      readOnly={props.readOnly}
      className={classNames("tf-input", "tf-input--date", props.dense && "tf-input--dense")}
      {...errorAria(props)}
    />
  );
}

export const dateUi: FieldUi = {
  Widget: DateWidget,
  Cell: formattedCell(dateKind),
  fromFormData: parseSingleValue(dateKind),
  settings: noSettings,
};
