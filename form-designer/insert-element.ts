import type { CardLayout, ControlElement, HorizontalLayoutElement, LayoutElement } from "@runtime/layouts/types";
import { describePath, gapAt, parentOf, type ContainerNode, type ElementPath } from "./paths";
import { fitRow, setWidth, shareFor, widthOf } from "./row-widths";

/**
 * Where things may go (checked by every operation that drops something):
 * - a row (HorizontalLayout) holds only fields;
 * - a section (Group) goes directly in a tab or on the page, not in another section or a row;
 * - tabs are only added, moved and removed with the tab operations;
 * - a field dropped anywhere but into a row gets a row of its own there, so every field sits on
 *   the grid.
 */
export function checkDrop(container: ContainerNode, element: LayoutElement, at: ElementPath): void {
  if (container.type === "Categorization") throw new Error(`only tabs go at the top of a tabbed card (${describePath(at)}); use addTab`);
  if (container.type === "HorizontalLayout" && element.type !== "Control")
    throw new Error(`a row holds only fields, not a ${element.type} (${describePath(at)})`);
  if (element.type === "Group" && container.type !== "Category" && container.type !== "VerticalLayout")
    throw new Error(`a section goes directly in a tab or on the page, not in a ${container.type} (${describePath(at)})`);
}

export interface Inserted {
  /** The row that received a field and must be fitted once the draft is settled. */
  row?: HorizontalLayoutElement;
  keep?: ControlElement;
}

/** Inserts into a draft at a gap; a field into a row takes an equal share of it (fit later). */
export function insertElement(draft: CardLayout, at: ElementPath, element: LayoutElement, newRowWidth?: number): Inserted {
  const { container, index } = gapAt(draft, at);
  checkDrop(container, element, at);
  const children = container.elements as LayoutElement[];
  if (container.type === "HorizontalLayout" && element.type === "Control") {
    const cells = container.elements.filter((e) => e.type === "Control").length + 1;
    setWidth(element, shareFor(cells, widthOf(element)));
    children.splice(index, 0, element);
    return { row: container, keep: element };
  }
  if (element.type === "Control") {
    if (newRowWidth !== undefined) setWidth(element, newRowWidth);
    children.splice(index, 0, { type: "HorizontalLayout", elements: [element] });
    return {};
  }
  children.splice(index, 0, element);
  return {};
}

/** Fits a row to the grid; cells that do not fit go to new rows right below it. */
export function settleRow(draft: CardLayout, row: HorizontalLayoutElement, keep?: ControlElement): void {
  let current = row;
  let kept = keep;
  for (;;) {
    const leaving = fitRow(current, kept);
    if (leaving.length === 0) return;
    const parent = parentOf(draft, current);
    if (!parent) throw new Error("a row lost its place in the layout");
    const next: HorizontalLayoutElement = { type: "HorizontalLayout", elements: leaving };
    const siblings = parent.elements as LayoutElement[];
    siblings.splice(siblings.indexOf(current) + 1, 0, next);
    current = next;
    kept = undefined;
  }
}

/** A row whose last cell left is removed; an emptied section stays (it still says where things go). */
export function dropIfEmptyRow(draft: CardLayout, container: ContainerNode): void {
  if (container.type !== "HorizontalLayout" || container.elements.length > 0) return;
  const parent = parentOf(draft, container);
  if (!parent) return;
  const siblings = parent.elements as LayoutElement[];
  siblings.splice(siblings.indexOf(container), 1);
}
