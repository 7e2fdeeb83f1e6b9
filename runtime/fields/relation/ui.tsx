import { USERS_TABLE } from "../../schema/types";
import type { FieldCellProps, FieldUi, FieldWidgetProps } from "../ui-types";
import { parseSingleValue } from "../ui/form-values";
import { currentRef, recordHref, RelationPicker } from "../ui/relation-picker";
import { relationKind } from "./index";

/** A wrapper, not the picker itself: ui-registry and the picker's create dialog import each other. */
function RelationWidget(props: FieldWidgetProps) {
  return <RelationPicker {...props} />;
}

/** The linked record's title; users have no record page, so theirs is plain text. */
function RelationCell(props: FieldCellProps) {
  const ref = currentRef(props.value, props.expanded);
  if (!ref) return <span className="tf-cell" />;
  const target = props.field.def["x-target"] ?? "";
  return (
    <span className="tf-cell" title={ref.title}>
      {target === USERS_TABLE ? ref.title : <a href={recordHref(target, ref.id)}>{ref.title}</a>}
    </span>
  );
}

export const relationUi: FieldUi = { Widget: RelationWidget, Cell: RelationCell, fromFormData: parseSingleValue(relationKind) };
