import type { ControlElement } from "./types";

/** A control's `scope` for a field key: `#/properties/<key>`, as JSON Forms writes it. */
export function scopeOf(fieldKey: string): string {
  return `#/properties/${fieldKey}`;
}

/** The field key a control's `scope` names (its `x-field` id when the scope is empty). */
export function controlKey(control: Pick<ControlElement, "scope"> & Partial<Pick<ControlElement, "x-field">>): string {
  return control.scope.replace(/^#\/properties\//, "") || (control["x-field"] ?? "");
}
