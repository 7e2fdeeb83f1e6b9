import type { FieldUi, FieldWidgetProps } from "../ui-types";
import { errorAria } from "../ui/aria";
import { classNames } from "../ui/class-names";
import { formattedCell } from "../ui/formatted-cell";
import { parseSingleValue } from "../ui/form-values";
import { emitText, maxLengthOf, textOf } from "../ui/text-input";
import { longtextKind } from "./index";
import { noSettings } from "../ui/kind-settings";

function LongtextWidget(props: FieldWidgetProps) {
  return (
    <textarea
      id={props.id}
      name={props.name}
      value={textOf(props.value)}
      onChange={emitText(props)}
      maxLength={maxLengthOf(longtextKind, props)}
      required={props.required}
      readOnly={props.readOnly}
      rows={props.dense ? 1 : 4}
      className={classNames("tf-input", "tf-textarea", props.dense && "tf-input--dense")}
      {...errorAria(props)}
    />
  );
}

export const longtextUi: FieldUi = {
  Widget: LongtextWidget,
  Cell: formattedCell(longtextKind),
  fromFormData: parseSingleValue(longtextKind),
  settings: noSettings,
};
