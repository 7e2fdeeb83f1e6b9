import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { FieldKindDef } from "../types";
import type { FieldUi, FieldWidgetProps } from "../ui-types";
import { errorAria } from "./aria";
import { classNames } from "./class-names";
import { alwaysNumeric, formattedCell } from "./formatted-cell";
import { parseSingleValue } from "./form-values";
import { noSettings } from "./kind-settings";
import { fromLocalNumberText, toLocalNumberText } from "../numbers";

export interface NumberUiOptions {
  /** Text after the control: a currency code, `%`. */
  suffix?: (props: FieldWidgetProps) => ReactNode;
}

/**
 * Keeps exactly what the user types: the text is local state and only a value from outside (a
 * reload, a computed default) replaces it. Text that does not parse emits null and stays visible,
 * marked invalid with the reason as a tooltip, so nothing typed is lost.
 */
/** Money reads as accountants write it: 120.50, not 120.5 (typing is never reformatted). */
export function initialNumberText(kind: FieldKindDef, value: unknown, def: FieldWidgetProps["field"]["def"]): string {
  const text = kind.formatText(value, def);
  if (def["x-kind"] !== "money" || typeof value !== "number" || !/^-?\d+(\.\d+)?$/.test(text)) return text;
  const scale = def["x-scale"] ?? 2;
  const [whole, decimals = ""] = text.split(".");
  return decimals.length >= scale ? text : `${whole}.${decimals.padEnd(scale, "0")}`;
}

export function NumberInput(props: FieldWidgetProps & { kind: FieldKindDef; suffix?: ReactNode }) {
  const { kind, field } = props;
  // Shown and typed in the reader's locale ("1234,56" in Swedish); the value stays a number.
  const locale = props.format?.locale;
  const [text, setText] = useState(() => toLocalNumberText(initialNumberText(kind, props.value, field.def), locale));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const emitted = useRef<unknown>(props.value);
  const suffixId = useId();
  const hasSuffix = props.suffix !== undefined && props.suffix !== null && props.suffix !== "";
  const aria = errorAria(props, problem !== undefined);
  // The unit belongs to the value: "12.50", described by "EUR".
  const describedBy = [aria["aria-describedby"], hasSuffix ? suffixId : undefined].filter(Boolean).join(" ") || undefined;

  useEffect(() => {
    if (Object.is(props.value, emitted.current)) return;
    emitted.current = props.value;
    setText(toLocalNumberText(initialNumberText(kind, props.value, field.def), locale));
    setProblem(undefined);
  }, [props.value, kind, field.def, locale]);

  function change(next: string) {
    setText(next);
    const parsed = kind.parseText(fromLocalNumberText(next, locale), field.def);
    const value = parsed.ok ? parsed.value : null;
    setProblem(parsed.ok ? undefined : parsed.error);
    emitted.current = value;
    props.onChange(value);
  }

  const input = (
    <input
      type="text"
      inputMode="decimal"
      id={props.id}
      name={props.name}
      value={text}
      onChange={(event) => change(event.target.value)}
      required={props.required}
      readOnly={props.readOnly}
      autoComplete="off"
      title={problem}
      className={classNames("tf-input", "tf-input--number", props.dense && "tf-input--dense", problem && "tf-input--invalid")}
      aria-invalid={aria["aria-invalid"]}
      aria-describedby={describedBy}
    />
  );
  if (!hasSuffix) return input;
  return (
    <span className={classNames("tf-affixed", props.dense && "tf-affixed--dense")}>
      {input}
      <span className="tf-affix" id={suffixId}>
        {props.suffix}
      </span>
    </span>
  );
}

export function numberUi(kind: FieldKindDef, options: NumberUiOptions = {}): FieldUi {
  function NumberWidget(props: FieldWidgetProps) {
    return <NumberInput {...props} kind={kind} suffix={options.suffix?.(props)} />;
  }
  NumberWidget.displayName = `${kind.kind}Widget`;
  return {
    Widget: NumberWidget,
    Cell: formattedCell(kind, { numeric: alwaysNumeric }),
    fromFormData: parseSingleValue(kind),
    settings: noSettings,
  };
}
