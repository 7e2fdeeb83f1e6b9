import type { CardLayout, GroupElement, LayoutElement } from "../runtime/layouts/types";
import { insertElement } from "./insert-element";
import { checkLabel, describePath, edit, elementAt, locate, type ElementPath } from "./paths";

function sectionAt(layout: CardLayout, at: ElementPath): GroupElement {
  const node = elementAt(layout, at);
  if (node.type !== "Group") throw new Error(`the element at ${describePath(at)} is a ${node.type}, not a section`);
  return node;
}

/** Adds an empty section at a gap directly in a tab or on the page. */
export function addSection(layout: CardLayout, at: ElementPath, label: string): CardLayout {
  const name = checkLabel(label, "section");
  return edit(layout, (draft) => {
    insertElement(draft, at, { type: "Group", label: name, elements: [] });
  });
}

export function renameSection(layout: CardLayout, at: ElementPath, label: string): CardLayout {
  sectionAt(layout, at);
  const name = checkLabel(label, "section");
  return edit(layout, (draft) => {
    sectionAt(draft, at).label = name;
  });
}

export interface RemoveSectionOptions {
  /** Keep the section's rows and lists where the section was, instead of sending them to the palette. */
  keepContent?: boolean;
}

export function removeSection(layout: CardLayout, at: ElementPath, options: RemoveSectionOptions = {}): CardLayout {
  sectionAt(layout, at);
  return edit(layout, (draft) => {
    const { parent, index } = locate(draft, at);
    const section = sectionAt(draft, at);
    (parent.elements as LayoutElement[]).splice(index, 1, ...(options.keepContent ? section.elements : []));
  });
}
