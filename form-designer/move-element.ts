import type { CardLayout, LayoutElement } from "@runtime/layouts/types";
import { dropIfEmptyRow, insertElement, settleRow } from "./insert-element";
import { checkPath, describePath, edit, isTabbed, locate, type ElementPath } from "./paths";

function checkMovable(layout: CardLayout, from: ElementPath): void {
  checkPath(from);
  if (isTabbed(layout) && from.length < 2) throw new Error(`${describePath(from)} is a tab; use moveTab or removeTab`);
  if (from.length < 1) throw new Error("the card itself cannot be moved or removed");
}

/**
 * Moves an element (a field, row, section, list, separator or note) to the gap `to`, counted in the
 * layout as it is before the move. A field leaving a row that becomes empty removes the row; a
 * field arriving in a row takes an equal share of it (see `fitRow`).
 */
export function moveElement(layout: CardLayout, from: ElementPath, to: ElementPath): CardLayout {
  checkMovable(layout, from);
  checkPath(to);
  const container = to.slice(0, -1);
  if (container.length >= from.length && from.every((i, d) => container[d] === i))
    throw new Error(`cannot move ${describePath(from)} into itself (${describePath(to)})`);
  return edit(layout, (draft) => {
    const { parent, index } = locate(draft, from);
    const siblings = parent.elements as LayoutElement[];
    const element = siblings[index] as LayoutElement;
    // A placeholder keeps every index of the original layout valid while the element is inserted.
    const moving: LayoutElement = { type: "Separator" };
    siblings[index] = moving;
    const { row, keep } = insertElement(draft, to, element);
    siblings.splice(siblings.indexOf(moving), 1);
    dropIfEmptyRow(draft, parent);
    if (row) settleRow(draft, row, keep);
  });
}

/** Takes an element off the card (dragged back to the palette): its fields become unplaced, their data stays. */
export function removeElement(layout: CardLayout, at: ElementPath): CardLayout {
  checkMovable(layout, at);
  return edit(layout, (draft) => {
    const { parent, index } = locate(draft, at);
    (parent.elements as LayoutElement[]).splice(index, 1);
    dropIfEmptyRow(draft, parent);
  });
}
