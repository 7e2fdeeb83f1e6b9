import type { CardLayout } from "@runtime/layouts/types";
import type { Selection } from "./designer-context";

/** The tab that holds the selection, or null when the card has no tabs or nothing is selected. */
export function tabOfSelection(layout: CardLayout, selection: Selection): number | null {
  if (layout.type !== "Categorization" || !selection) return null;
  if (selection.kind === "tab") return selection.index;
  return selection.path.length > 0 ? selection.path[0] : null;
}

/**
 * The selection once another tab is opened: what sits on a tab no longer shown is let go, so the
 * side panel never edits something the admin cannot see (the tab "Details" while "Finance" is open).
 */
export function selectionOnTab(layout: CardLayout, selection: Selection, tab: number): Selection {
  const holder = tabOfSelection(layout, selection);
  return holder === null || holder === tab ? selection : null;
}
