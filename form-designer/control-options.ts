import type { CardLayout, ControlElement } from "@runtime/layouts/types";
import { controlAt, checkLabel, edit, locate, type ElementPath } from "./paths";
import { checkWidth, setWidth } from "./row-widths";
import { settleRow } from "./insert-element";

/**
 * Sets a field's width. In a row the field gets exactly that width and its neighbours make room
 * (see `fitRow`: widest first, never below 1 column; if that is not enough they move to a new row
 * below). A row's widths never add up to more than 12.
 */
export function resizeControl(layout: CardLayout, at: ElementPath, width: number): CardLayout {
  controlAt(layout, at);
  checkWidth(width);
  return edit(layout, (draft) => {
    const { parent, node } = locate(draft, at);
    const control = node as ControlElement;
    setWidth(control, width);
    if (parent.type === "HorizontalLayout") settleRow(draft, parent, control);
  });
}

/** Per-layout overrides of a field; `undefined` leaves one as it is, `null` or "" removes it. */
export interface ControlOverrides {
  label?: string | null;
  help?: string | null;
  readOnly?: boolean | null;
}

export function setControlOptions(layout: CardLayout, at: ElementPath, overrides: ControlOverrides): CardLayout {
  controlAt(layout, at);
  if (typeof overrides !== "object" || overrides === null) throw new Error("control options must be an object");
  const unknown = Object.keys(overrides).filter((k) => !["label", "help", "readOnly"].includes(k));
  if (unknown.length) throw new Error(`a field on a card can override only label, help and readOnly, not ${unknown.join(", ")}`);
  const { label, help, readOnly } = overrides;
  const newLabel = label === undefined || label === null || label === "" ? label : checkLabel(label, "field");
  if (help !== undefined && help !== null && (typeof help !== "string" || help.length > 500))
    throw new Error("help text is at most 500 characters");
  if (readOnly !== undefined && readOnly !== null && readOnly !== true && readOnly !== false) throw new Error("readOnly is true or false");
  return edit(layout, (draft) => {
    const control = controlAt(draft, at);
    const options: Record<string, unknown> = { ...control.options };
    const apply = (key: string, value: unknown) => {
      if (value === undefined) return;
      if (value === null || value === "") delete options[key];
      else options[key] = value;
    };
    apply("label", newLabel);
    apply("help", help);
    apply("readOnly", readOnly);
    if (Object.keys(options).length) control.options = options;
    else delete control.options;
  });
}
