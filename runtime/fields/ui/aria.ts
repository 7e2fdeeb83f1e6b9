import type { FieldWidgetProps } from "../ui-types";

/** The card renders the message itself; the control only points at it, so screen readers read both. */
export function errorAria(props: Pick<FieldWidgetProps, "error" | "errorId">, invalidHere = false) {
  const invalid = Boolean(props.error) || invalidHere;
  return {
    "aria-invalid": invalid ? (true as const) : undefined,
    "aria-describedby": props.error && props.errorId ? props.errorId : undefined,
  };
}
