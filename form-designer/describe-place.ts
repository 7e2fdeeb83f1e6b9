import type { CardLayout, ControlElement, LayoutElement } from "@runtime/layouts/types";
import { checkPath, elementAt, isContainer, type ContainerNode, type ElementPath, type LayoutNode } from "./paths";

/** What a field is called on this card (its label override, else the schema's label). */
export type NameOf = (control: ControlElement) => string;

/** 1-based number of the row at `index` among the rows of its container. */
function rowNumber(container: ContainerNode, index: number): number {
  return (container.elements as LayoutElement[]).slice(0, index).filter((e) => e.type === "HorizontalLayout").length + 1;
}

function noun(element: LayoutElement, nameOf: NameOf): string {
  switch (element.type) {
    case "Control":
      return nameOf(element);
    case "RelatedList":
      return `the list ${element.label ?? element.list}`;
    case "Group":
      return `section ${element.label}`;
    case "Note":
      return "a note";
    case "Separator":
      return "a separator";
    default:
      return "a block";
  }
}

/** "tab Details, section Bank details, row 2": the containers along a path, outermost first. */
function containerParts(layout: CardLayout, path: ElementPath): string[] {
  const parts: string[] = [];
  let node: LayoutNode = layout;
  for (const index of path) {
    if (!isContainer(node)) break;
    const parent: ContainerNode = node;
    const child = parent.elements[index] as LayoutNode | undefined;
    if (!child) break;
    if (child.type === "Category") parts.push(`tab ${child.label}`);
    else if (child.type === "Group") parts.push(`section ${child.label}`);
    else if (child.type === "HorizontalLayout") parts.push(`row ${rowNumber(parent, index)}`);
    node = child;
  }
  return parts;
}

function joinParts(parts: string[]): string {
  return parts.length ? parts.join(", ") : "the card";
}

function list(names: string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * Where an element sits, in words a screen reader can say: "tab Details, section Bank details,
 * row 2" for a field (", beside Phone" when it shares its row), "tab Contacts, position 2" for a
 * list, note or section.
 */
export function describePlace(layout: CardLayout, path: ElementPath, nameOf: NameOf): string {
  checkPath(path);
  const element = elementAt(layout, path);
  const parentPath = path.slice(0, -1);
  const parent = elementAt(layout, parentPath);
  if (parent.type === "HorizontalLayout") {
    const others = parent.elements.filter((e, i) => i !== path[path.length - 1] && e.type === "Control") as ControlElement[];
    const beside = others.length ? `, beside ${list(others.map(nameOf))}` : "";
    return joinParts(containerParts(layout, parentPath)) + beside;
  }
  if (element.type === "HorizontalLayout" || element.type === "Group" || element.type === "Category")
    return joinParts(containerParts(layout, path));
  return `${joinParts(containerParts(layout, parentPath))}, position ${path[path.length - 1] + 1}`;
}

/**
 * A drop position (a gap, see paths.ts) in words: "tab Details, section Details, row 2, before
 * Phone" inside a row, "tab Contacts, a new row 1" between the blocks of a tab or section.
 */
export function describeGap(layout: CardLayout, at: ElementPath, nameOf: NameOf): string {
  checkPath(at);
  const containerPath = at.slice(0, -1);
  const index = at[at.length - 1];
  const container = elementAt(layout, containerPath);
  if (!isContainer(container)) return joinParts(containerParts(layout, containerPath));
  const where = joinParts(containerParts(layout, containerPath));
  const children = container.elements as LayoutElement[];
  if (container.type === "HorizontalLayout") {
    const next = children[index];
    const previous = children[index - 1];
    if (next) return `${where}, before ${noun(next, nameOf)}`;
    if (previous) return `${where}, after ${noun(previous, nameOf)}`;
    return where;
  }
  if (children.length === 0) return `${where} (empty)`;
  return `${where}, a new row ${rowNumber(container, index)}`;
}
