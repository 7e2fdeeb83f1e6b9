import type { CardLayout, GroupElement, LayoutElement } from "@runtime/layouts/types";
import { insertElement } from "./insert-element";
import { checkFreeLabel, checkLabel, describePath, edit, elementAt, gapAt, locate, type ElementPath } from "./paths";

function sectionAt(layout: CardLayout, at: ElementPath): GroupElement {
  const node = elementAt(layout, at);
  if (node.type !== "Group") throw new Error(`the element at ${describePath(at)} is a ${node.type}, not a section`);
  return node;
}

/** The names of the sections beside the one at `index` of the container of `at` (that one left out). */
function siblingSectionNames(layout: CardLayout, at: ElementPath, except?: number): string[] {
  const { container } = gapAt(layout, at);
  return (container.elements as LayoutElement[]).flatMap((el, i) => (el.type === "Group" && i !== except ? [el.label] : []));
}

/** Which refusal a taken section name gets: sections sit side by side in a tab, or on a card without tabs. */
const sectionTaken = (at: ElementPath) => (at.length > 1 ? "sectionTaken_tab" : "sectionTaken_card");

/** Adds an empty section at a gap directly in a tab or on the page. */
export function addSection(layout: CardLayout, at: ElementPath, label: string): CardLayout {
  const name = checkLabel(label, "section");
  checkFreeLabel(name, siblingSectionNames(layout, at), sectionTaken(at));
  return edit(layout, (draft) => {
    insertElement(draft, at, { type: "Group", label: name, elements: [] });
  });
}

export function renameSection(layout: CardLayout, at: ElementPath, label: string): CardLayout {
  sectionAt(layout, at);
  const name = checkLabel(label, "section");
  checkFreeLabel(name, siblingSectionNames(layout, at, at[at.length - 1]), sectionTaken(at));
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
