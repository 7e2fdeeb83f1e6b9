import type { FieldKindDef } from "../types";
import type { FieldUi, FieldWidgetProps } from "../ui-types";
import { errorAria } from "./aria";
import { classNames } from "./class-names";
import { computedFromFormData } from "./form-values";

/**
 * A value Tessera computes (autonumber, formula): shown in a read-only control with no `name`, so a
 * posted card never carries it. `placeholder` explains an empty value, e.g. a number still to come.
 */
export function ComputedValue(props: FieldWidgetProps & { kind: FieldKindDef; placeholder?: string; numeric?: boolean }) {
  const text = props.kind.formatDisplay(props.value, props.field.def, props.format, props.record);
  return (
    <input
      type="text"
      id={props.id}
      value={text}
      placeholder={text === "" ? props.placeholder : undefined}
      readOnly
      aria-readonly="true"
      className={classNames("tf-input", "tf-input--computed", props.numeric && "tf-input--number", props.dense && "tf-input--dense")}
      {...errorAria(props)}
    />
  );
}

export function computedUi(
  kind: FieldKindDef,
  options: { placeholder?: (props: FieldWidgetProps) => string | undefined; numeric?: (field: FieldWidgetProps["field"]) => boolean },
): Pick<FieldUi, "Widget" | "fromFormData"> {
  function ComputedWidget(props: FieldWidgetProps) {
    return <ComputedValue {...props} kind={kind} placeholder={options.placeholder?.(props)} numeric={options.numeric?.(props.field)} />;
  }
  ComputedWidget.displayName = `${kind.kind}Widget`;
  return { Widget: ComputedWidget, fromFormData: computedFromFormData };
}
