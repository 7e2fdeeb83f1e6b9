import type { FieldCellProps, FieldUi, FieldWidgetProps } from "../ui-types";
import { errorAria } from "../ui/aria";
import { classNames } from "../ui/class-names";
import { noSettings } from "../ui/kind-settings";

/** What a checked box posts; fromFormData reads any posted value as "checked". */
const CHECKED = "true";

function BooleanWidget(props: FieldWidgetProps) {
  const checked = props.value === true;
  return (
    <span className={classNames("tf-check", props.dense && "tf-check--dense")}>
      <input
        type="checkbox"
        id={props.id}
        // A disabled box posts nothing, which would read as "No": the hidden input keeps the value.
        name={props.readOnly ? undefined : props.name}
        value={CHECKED}
        checked={checked}
        disabled={props.readOnly}
        onChange={(event) => props.onChange(event.target.checked)}
        className="tf-checkbox"
        {...errorAria(props)}
      />
      {props.readOnly && checked ? <input type="hidden" name={props.name} value={CHECKED} /> : null}
    </span>
  );
}

function BooleanCell(props: FieldCellProps) {
  return props.value === true ? (
    <span className="tf-cell tf-cell--boolean" role="img" aria-label="Yes">
      ✓
    </span>
  ) : (
    <span className="tf-cell tf-cell--boolean" />
  );
}

export const booleanUi: FieldUi = {
  Widget: BooleanWidget,
  Cell: BooleanCell,
  // An unchecked box posts nothing at all: absence is the only way a form says "No".
  fromFormData: (values) => ({ ok: true, value: values.length > 0 }),
  settings: noSettings,
};
