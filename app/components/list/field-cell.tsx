import type { FieldCellProps } from "../../../runtime/fields/ui-types";
import { fieldUis } from "../../../runtime/fields/ui-registry";

/** A list cell: the field kind's own Cell from the UI registry, so lists and cards show values alike. */
export function FieldCell(props: FieldCellProps) {
  const { Cell } = fieldUis[props.field.kind];
  return <Cell {...props} />;
}
