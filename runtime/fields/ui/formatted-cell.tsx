import type { FieldKindDef } from "../types";
import type { FieldCellProps } from "../ui-types";
import { classNames } from "./class-names";

/** A list cell that is the kind's own display text; numbers align right so columns of figures line up. */
export function formattedCell(kind: FieldKindDef, options: { numeric?: (props: FieldCellProps) => boolean } = {}) {
  function FormattedCell(props: FieldCellProps) {
    const text = kind.formatDisplay(props.value, props.field.def, props.format, props.record);
    const numeric = options.numeric?.(props) ?? false;
    return (
      <span className={classNames("tf-cell", numeric && "tf-cell--number")} title={text || undefined}>
        {text}
      </span>
    );
  }
  FormattedCell.displayName = `${kind.kind}Cell`;
  return FormattedCell;
}

export const alwaysNumeric = () => true;
