import type { CardLayout, CategoryElement, ControlElement, LayoutElement } from "@runtime/layouts/types";
import { refusal } from "./words";

/**
 * How the designer addresses a layout: by index paths, not stored ids. The layout JSON Schema
 * forbids extra properties, so ids could only live beside the layout and drift from it; a path is
 * recomputed from the layout itself after every operation and is always right.
 *
 * - On a tabbed card (Categorization) `[t]` is tab t and `[t, i, j]` is element j of element i of
 *   that tab. On a single-page card (VerticalLayout) `[i, j]` is element j of element i of the page.
 * - A *gap* (where something is dropped) is a container's path plus an insertion index
 *   `0..length`, counted in the layout as it is before the operation: `[0, 1, 0]` is "before the
 *   first cell of row 1 of tab 0".
 * - For dnd-kit, `elementId(path)` gives a string id (`el:0.1.0`) and `parseElementId` reads it back.
 */
export type ElementPath = readonly number[];

export type LayoutNode = CardLayout | CategoryElement | LayoutElement;
export type ContainerNode = Extract<LayoutNode, { elements: unknown[] }>;

const ID_PREFIX = "el:";

export function elementId(path: ElementPath): string {
  checkPath(path);
  return ID_PREFIX + path.join(".");
}

export function parseElementId(id: string): ElementPath {
  if (!id.startsWith(ID_PREFIX)) throw new Error(`"${id}" is not a layout element id (they start with "${ID_PREFIX}")`);
  const rest = id.slice(ID_PREFIX.length);
  if (rest === "") return [];
  if (!/^\d+(\.\d+)*$/.test(rest)) throw new Error(`"${id}" is not a layout element id`);
  return rest.split(".").map(Number);
}

export function describePath(path: ElementPath): string {
  return "/" + path.join("/");
}

export function checkPath(path: ElementPath): void {
  if (!Array.isArray(path) || !path.every((i) => Number.isInteger(i) && i >= 0))
    throw new Error(`a layout path is a list of non-negative integers, got ${JSON.stringify(path)}`);
}

export function isTabbed(layout: CardLayout): boolean {
  return layout.type === "Categorization";
}

export function isContainer(node: LayoutNode): node is ContainerNode {
  return "elements" in node && Array.isArray(node.elements);
}

/** The node at `path` (the card itself for `[]`); throws when there is none. */
export function elementAt(layout: CardLayout, path: ElementPath): LayoutNode {
  checkPath(path);
  let node: LayoutNode = layout;
  path.forEach((index, depth) => {
    const children: LayoutNode[] = isContainer(node) ? node.elements : [];
    const next = children[index];
    if (!next) throw new Error(`the layout has no element at ${describePath(path.slice(0, depth + 1))}`);
    node = next;
  });
  return node;
}

/** Where an element sits: its container and index. */
export function locate(layout: CardLayout, path: ElementPath): { parent: ContainerNode; index: number; node: LayoutNode } {
  if (path.length === 0) throw new Error("the card itself cannot be moved or removed");
  const parent = elementAt(layout, path.slice(0, -1));
  const node = elementAt(layout, path);
  return { parent: parent as ContainerNode, index: path[path.length - 1], node };
}

/** The container of a gap and its insertion index; throws when the gap is not in a container. */
export function gapAt(layout: CardLayout, at: ElementPath): { container: ContainerNode; index: number } {
  checkPath(at);
  if (at.length === 0) throw new Error("a drop position needs at least an index");
  const container = elementAt(layout, at.slice(0, -1));
  if (!isContainer(container)) throw new Error(`${container.type} at ${describePath(at.slice(0, -1))} cannot hold elements`);
  const index = at[at.length - 1];
  if (index > container.elements.length)
    throw new Error(`drop position ${describePath(at)} is past the end (that container has ${container.elements.length} elements)`);
  return { container, index };
}

/** The container holding `target` (by identity), or null for the card itself. */
export function parentOf(root: LayoutNode, target: LayoutNode): ContainerNode | null {
  if (!isContainer(root)) return null;
  for (const child of root.elements as LayoutNode[]) {
    if (child === target) return root;
    const found = parentOf(child, target);
    if (found) return found;
  }
  return null;
}

/** Every element with its path, in reading order (tabs included, the card itself not). */
export function listElements(layout: CardLayout): { path: ElementPath; element: CategoryElement | LayoutElement }[] {
  const out: { path: ElementPath; element: CategoryElement | LayoutElement }[] = [];
  const visit = (node: LayoutNode, path: number[]) => {
    if (!isContainer(node)) return;
    (node.elements as (CategoryElement | LayoutElement)[]).forEach((child, i) => {
      out.push({ path: [...path, i], element: child });
      visit(child, [...path, i]);
    });
  };
  visit(layout, []);
  return out;
}

/** The path of the control placing `fieldId`, or null when the field is not on the card. */
export function findControl(layout: CardLayout, fieldId: string): ElementPath | null {
  const hit = listElements(layout).find(({ element }) => element.type === "Control" && element["x-field"] === fieldId);
  return hit ? hit.path : null;
}

export function controlAt(layout: CardLayout, at: ElementPath): ControlElement {
  const node = elementAt(layout, at);
  if (node.type !== "Control") throw new Error(`the element at ${describePath(at)} is a ${node.type}, not a field`);
  return node;
}

/** Runs `change` on a deep copy: operations never touch the layout they were given. */
export function edit(layout: CardLayout, change: (draft: CardLayout) => void): CardLayout {
  const draft = structuredClone(layout);
  change(draft);
  return draft;
}

export function checkLabel(label: string, what: "section" | "tab" | "field"): string {
  if (typeof label !== "string") throw new Error(`a ${what} label must be text`);
  const trimmed = label.trim();
  if (trimmed.length === 0) throw refusal(`emptyLabel_${what}`);
  if (trimmed.length > 120) throw refusal(`longLabel_${what}`);
  return trimmed;
}

/**
 * Two tabs, or two sections side by side, with one name cannot be told apart in "Move to…" or by a
 * reader; `refused` is the refusal's message (`formDesigner.errors.*`: which thing, where).
 */
export function checkFreeLabel(name: string, taken: readonly string[], refused: string): void {
  const folded = name.toLocaleLowerCase();
  const clash = taken.find((t) => t.trim().toLocaleLowerCase() === folded);
  if (clash !== undefined) throw refusal(refused, { name: clash });
}

/**
 * The designer state in dnd-kit's MultipleContainers shape: every container's id mapped to the ids
 * of its children, the card itself under `el:`.
 */
export function containerItems(layout: CardLayout): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const visit = (node: LayoutNode, path: number[]) => {
    if (!isContainer(node)) return;
    out[elementId(path)] = node.elements.map((_, i) => elementId([...path, i]));
    (node.elements as LayoutNode[]).forEach((child, i) => visit(child, [...path, i]));
  };
  visit(layout, []);
  return out;
}
