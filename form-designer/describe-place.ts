import type { CardLayout, ControlElement, LayoutElement } from "@runtime/layouts/types";
import type { Words } from "@runtime/i18n/words";
import { checkPath, elementAt, isContainer, type ContainerNode, type ElementPath, type LayoutNode } from "./paths";
import { english } from "./words";

/** What a field is called on this card (its label override, else the schema's label). */
export type NameOf = (control: ControlElement) => string;

/** 1-based number of the row at `index` among the rows of its container. */
function rowNumber(container: ContainerNode, index: number): number {
  return (container.elements as LayoutElement[]).slice(0, index).filter((e) => e.type === "HorizontalLayout").length + 1;
}

function noun(element: LayoutElement, nameOf: NameOf, t: Words): string {
  switch (element.type) {
    case "Control":
      return nameOf(element);
    case "RelatedList":
      return t("formDesigner.place.theList", { name: element.label ?? element.list });
    case "Group":
      return t("formDesigner.place.section", { name: element.label });
    case "Note":
      return t("formDesigner.place.aNote");
    case "Separator":
      return t("formDesigner.place.aSeparator");
    default:
      return t("formDesigner.place.aBlock");
  }
}

/** "tab Details, section Bank details, row 2": the containers along a path, outermost first. */
function containerParts(layout: CardLayout, path: ElementPath, t: Words): string[] {
  const parts: string[] = [];
  let node: LayoutNode = layout;
  for (const index of path) {
    if (!isContainer(node)) break;
    const parent: ContainerNode = node;
    const child = parent.elements[index] as LayoutNode | undefined;
    if (!child) break;
    if (child.type === "Category") parts.push(t("formDesigner.place.tab", { name: child.label }));
    else if (child.type === "Group") parts.push(t("formDesigner.place.section", { name: child.label }));
    else if (child.type === "HorizontalLayout") parts.push(t("formDesigner.place.row", { n: rowNumber(parent, index) }));
    node = child;
  }
  return parts;
}

function joinParts(parts: string[], t: Words): string {
  return parts.length ? parts.join(t("formDesigner.place.separator")) : t("formDesigner.place.card");
}

function list(names: string[], t: Words): string {
  return names.length <= 1
    ? names.join("")
    : t("formDesigner.place.and", { items: names.slice(0, -1).join(t("formDesigner.place.separator")), last: names[names.length - 1] });
}

/**
 * Where an element sits, in words a screen reader can say: "tab Details, section Bank details,
 * row 2" for a field (", beside Phone" when it shares its row), "tab Contacts, position 2" for a
 * list, note or section.
 */
export function describePlace(layout: CardLayout, path: ElementPath, nameOf: NameOf, t: Words = english): string {
  checkPath(path);
  const element = elementAt(layout, path);
  const parentPath = path.slice(0, -1);
  const parent = elementAt(layout, parentPath);
  if (parent.type === "HorizontalLayout") {
    const others = parent.elements.filter((e, i) => i !== path[path.length - 1] && e.type === "Control") as ControlElement[];
    const where = joinParts(containerParts(layout, parentPath, t), t);
    return others.length ? t("formDesigner.place.beside", { where, names: list(others.map(nameOf), t) }) : where;
  }
  if (element.type === "HorizontalLayout" || element.type === "Group" || element.type === "Category")
    return joinParts(containerParts(layout, path, t), t);
  return t("formDesigner.place.position", { where: joinParts(containerParts(layout, parentPath, t), t), n: path[path.length - 1] + 1 });
}

/**
 * A drop position (a gap, see paths.ts) in words: "tab Details, section Details, row 2, before
 * Phone" inside a row, "tab Contacts, a new row 1" between the blocks of a tab or section.
 */
export function describeGap(layout: CardLayout, at: ElementPath, nameOf: NameOf, t: Words = english): string {
  checkPath(at);
  const containerPath = at.slice(0, -1);
  const index = at[at.length - 1];
  const container = elementAt(layout, containerPath);
  const where = joinParts(containerParts(layout, containerPath, t), t);
  if (!isContainer(container)) return where;
  const children = container.elements as LayoutElement[];
  if (container.type === "HorizontalLayout") {
    const next = children[index];
    const previous = children[index - 1];
    if (next) return t("formDesigner.place.before", { where, what: noun(next, nameOf, t) });
    if (previous) return t("formDesigner.place.after", { where, what: noun(previous, nameOf, t) });
    return where;
  }
  if (children.length === 0) return t("formDesigner.place.empty", { where });
  return t("formDesigner.place.newRow", { where, n: rowNumber(container, index) });
}
