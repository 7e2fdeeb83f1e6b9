import type { FieldCellProps } from "@runtime/fields/ui-types";
import { fieldUis } from "@runtime/fields/ui-registry";
import { Highlight } from "../highlight";

/**
 * A list cell: the field kind's own Cell from the UI registry, so lists and cards show values alike.
 * In a searched list, the searched fields mark the word starts that matched.
 */
export function FieldCell(props: FieldCellProps & { highlight?: string }) {
  const { highlight, ...cell } = props;
  if (highlight && typeof cell.value === "string" && cell.field.def["x-searchable"] === true && cell.field.kind !== "url")
    return <Highlight text={cell.value} q={highlight} />;
  const { Cell } = fieldUis[cell.field.kind];
  return <Cell {...cell} />;
}
