import type { CardLayout } from "@runtime/layouts/types";
import { accepts, type DragSource } from "./drop";
import { describePlace, type NameOf } from "./describe-place";
import { isContainer, listElements, type ElementPath } from "./paths";
import type { Words } from "@runtime/i18n/words";
import { english } from "./words";

export interface Destination {
  /** "tab Details, section Bank details, a new row at the end" */
  label: string;
  at: ElementPath;
}

/**
 * The "Move to…" menu, the keyboard and mouse fallback for dragging: the end of every tab and
 * section (on a new row) and the end of every row, where `source` may go.
 */
export function moveDestinations(layout: CardLayout, source: DragSource, nameOf: NameOf, t: Words = english): Destination[] {
  const out: Destination[] = [];
  const consider = (path: ElementPath, label: string) => {
    const at = [...path];
    if (accepts(layout, source, { kind: "gap", at })) out.push({ label, at });
  };
  if (layout.type === "VerticalLayout") consider([layout.elements.length], t("formDesigner.place.cardEnd"));
  for (const { path, element } of listElements(layout)) {
    if (!isContainer(element)) continue;
    const el = element;
    const where = describePlace(layout, path, nameOf, t);
    if (el.type === "HorizontalLayout") {
      if (source.kind === "element" && path.join(".") === source.path.slice(0, -1).join(".")) continue;
      consider([...path, el.elements.length], t("formDesigner.place.rowEnd", { where }));
    } else consider([...path, el.elements.length], t("formDesigner.place.newRowAtEnd", { where }));
  }
  return out;
}
