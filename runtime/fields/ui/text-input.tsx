import type { ChangeEvent } from "react";
import type { FieldKindDef } from "../types";
import type { FieldUi, FieldWidgetProps } from "../ui-types";
import { errorAria } from "./aria";
import { classNames } from "./class-names";
import { formattedCell } from "./formatted-cell";
import { parseSingleValue } from "./form-values";
import { noSettings } from "./kind-settings";

type TextInputType = "text" | "email" | "tel" | "url";

/** The length the kind's value schema allows, so the browser stops typing where the server would refuse. */
export function maxLengthOf(kind: FieldKindDef, props: FieldWidgetProps): number | undefined {
  const schema = kind.valueSchema(props.field.def);
  return typeof schema.maxLength === "number" ? schema.maxLength : undefined;
}

/** What the control shows: empty for null, the value itself otherwise. */
export function textOf(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

/** An empty control is "no value", the same thing fromFormData reads from an empty post. */
export function emitText(props: FieldWidgetProps) {
  return (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    props.onChange(event.target.value === "" ? null : event.target.value);
}

export function textLikeUi(kind: FieldKindDef, type: TextInputType): FieldUi {
  function TextWidget(props: FieldWidgetProps) {
    const text = textOf(props.value);
    // An <input> drops line breaks; an imported multi-line value keeps them in a textarea instead.
    if (type === "text" && /[\r\n]/.test(text)) {
      return (
        <textarea
          id={props.id}
          name={props.name}
          value={text}
          onChange={emitText(props)}
          maxLength={maxLengthOf(kind, props)}
          required={props.required}
          readOnly={props.readOnly}
          rows={props.dense ? 1 : 2}
          className={classNames("tf-input", "tf-textarea", props.dense && "tf-input--dense")}
          {...errorAria(props)}
        />
      );
    }
    return (
      <input
        type={type}
        id={props.id}
        name={props.name}
        value={text}
        onChange={emitText(props)}
        maxLength={maxLengthOf(kind, props)}
        required={props.required}
        readOnly={props.readOnly}
        autoComplete={type === "email" ? "email" : type === "tel" ? "tel" : "off"}
        className={classNames("tf-input", props.dense && "tf-input--dense")}
        {...errorAria(props)}
      />
    );
  }
  TextWidget.displayName = `${kind.kind}Widget`;
  return { Widget: TextWidget, Cell: formattedCell(kind), fromFormData: parseSingleValue(kind), settings: noSettings };
}
