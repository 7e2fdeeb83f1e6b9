import type { CardLayout, CategorizationLayout, CategoryElement } from "@runtime/layouts/types";
import { checkFreeLabel, checkLabel } from "./paths";
import { refusal } from "./words";

const MAX_TABS = 50;

function tabbed(layout: CardLayout): CategorizationLayout {
  if (layout.type !== "Categorization") throw new Error("this card has no tabs");
  return layout;
}

function checkTabIndex(layout: CategorizationLayout, index: number, what = "tab"): void {
  if (!Number.isInteger(index) || index < 0 || index >= layout.elements.length)
    throw new Error(`there is no ${what} ${String(index)} (the card has ${layout.elements.length} tabs)`);
}

/**
 * Adds an empty tab at `index` (default: last). A single-page card becomes a tabbed one first, its
 * page becoming the first tab, labelled `firstTabLabel`.
 */
export function addTab(layout: CardLayout, label: string, index?: number, firstTabLabel = "Details"): CardLayout {
  const name = checkLabel(label, "tab");
  const tabs: CategoryElement[] =
    layout.type === "Categorization"
      ? structuredClone(layout.elements)
      : [{ type: "Category", label: checkLabel(firstTabLabel, "tab"), elements: structuredClone(layout.elements) }];
  if (tabs.length >= MAX_TABS) throw refusal("maxTabs", { max: MAX_TABS });
  checkFreeLabel(
    name,
    tabs.map((t) => t.label),
    "tabTaken",
  );
  const at = index ?? tabs.length;
  if (!Number.isInteger(at) || at < 0 || at > tabs.length) throw new Error(`a new tab goes at 0..${tabs.length}, not ${String(index)}`);
  tabs.splice(at, 0, { type: "Category", label: name, elements: [] });
  return { type: "Categorization", elements: tabs };
}

export function renameTab(layout: CardLayout, index: number, label: string): CardLayout {
  const card = tabbed(layout);
  checkTabIndex(card, index);
  const name = checkLabel(label, "tab");
  checkFreeLabel(
    name,
    card.elements.filter((_, i) => i !== index).map((t) => t.label),
    "tabTaken",
  );
  return { type: "Categorization", elements: card.elements.map((t, i) => structuredClone(i === index ? { ...t, label: name } : t)) };
}

/** Reorders tabs like dnd-kit's `arrayMove`: `to` is the tab's index after the move. */
export function moveTab(layout: CardLayout, from: number, to: number): CardLayout {
  const card = tabbed(layout);
  checkTabIndex(card, from);
  checkTabIndex(card, to, "tab position");
  const tabs = structuredClone(card.elements);
  const [tab] = tabs.splice(from, 1);
  tabs.splice(to, 0, tab);
  return { type: "Categorization", elements: tabs };
}

export interface RemoveTabOptions {
  /** Where the tab's content goes: back to the palette (default) or to the end of the previous tab. */
  contentTo?: "palette" | "previous";
}

/** Removes a tab; a card keeps at least one. */
export function removeTab(layout: CardLayout, index: number, options: RemoveTabOptions = {}): CardLayout {
  const card = tabbed(layout);
  checkTabIndex(card, index);
  const contentTo = options.contentTo ?? "palette";
  if (contentTo !== "palette" && contentTo !== "previous")
    throw new Error(`tab content goes to "palette" or "previous", not "${String(contentTo)}"`);
  if (card.elements.length === 1) throw new Error("a card keeps at least one tab");
  if (contentTo === "previous" && index === 0) throw new Error("the first tab has no previous tab to take its content");
  const tabs = structuredClone(card.elements);
  const [removed] = tabs.splice(index, 1);
  if (contentTo === "previous") tabs[index - 1].elements.push(...removed.elements);
  return { type: "Categorization", elements: tabs };
}
