import type { FieldUi, FieldWidgetProps } from "../ui-types";
import { errorAria } from "../ui/aria";
import { classNames } from "../ui/class-names";
import { appendDictated, DictationButton } from "../ui/dictation";
import { formattedCell } from "../ui/formatted-cell";
import { parseSingleValue } from "../ui/form-values";
import { emitText, maxLengthOf, textOf } from "../ui/text-input";
import { longtextKind } from "./index";
import { noSettings } from "../ui/kind-settings";

/** A text area; on a full-size card, with a microphone to dictate into it where the browser can. */
function LongtextWidget(props: FieldWidgetProps) {
  const text = textOf(props.value);
  const maxLength = maxLengthOf(longtextKind, props);
  const area = (
    <textarea
      id={props.id}
      name={props.name}
      value={text}
      onChange={emitText(props)}
      maxLength={maxLength}
      required={props.required}
      readOnly={props.readOnly}
      rows={props.dense ? 1 : 4}
      className={classNames("tf-input", "tf-textarea", props.dense && "tf-input--dense")}
      {...errorAria(props)}
    />
  );
  if (props.dense || props.readOnly) return area;
  return (
    <span className="tf-longtext">
      {area}
      <DictationButton
        label={props.field.label}
        onHeard={(heard) => props.onChange(appendDictated(text, heard).slice(0, maxLength ?? Infinity) || null)}
      />
    </span>
  );
}

export const longtextUi: FieldUi = {
  Widget: LongtextWidget,
  Cell: formattedCell(longtextKind),
  fromFormData: parseSingleValue(longtextKind),
  settings: noSettings,
};
