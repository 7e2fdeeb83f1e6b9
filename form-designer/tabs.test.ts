import { describe, expect, it } from "vitest";
import { layoutShapeProblems } from "@runtime/layouts/layout-schema";
import type { CardLayout, CategorizationLayout } from "@runtime/layouts/types";
import { addTab, moveTab, removeTab, renameTab } from "./tabs";
import { clientsLayout, deepFreeze, placedIds } from "./test-support";

const labels = (layout: CardLayout) => (layout as CategorizationLayout).elements.map((t) => t.label);

describe("tabs", () => {
  it("adds a tab at the end or at an index", () => {
    expect(labels(addTab(clientsLayout(), "Bank"))).toEqual(["Details", "Contacts", "Events", "Contracts", "Invoices", "Bank"]);
    expect(labels(addTab(clientsLayout(), " Bank ", 1))).toEqual(["Details", "Bank", "Contacts", "Events", "Contracts", "Invoices"]);
    expect(() => addTab(clientsLayout(), "", 1)).toThrow(/cannot be empty/);
    expect(() => addTab(clientsLayout(), "Bank", 9)).toThrow(/0\.\.5/);
  });

  it("turns a single-page card into tabs, the page becoming the first tab", () => {
    const page: CardLayout = deepFreeze({ type: "VerticalLayout", elements: [{ type: "Separator" }] });
    const after = addTab(page, "More", undefined, "Main");
    expect(after).toEqual({
      type: "Categorization",
      elements: [
        { type: "Category", label: "Main", elements: [{ type: "Separator" }] },
        { type: "Category", label: "More", elements: [] },
      ],
    });
    expect(() => renameTab(page, 0, "x")).toThrow("this card has no tabs");
  });

  it("refuses a tab name the card already has, whatever its case or spaces", () => {
    expect(() => addTab(clientsLayout(), " contacts ")).toThrow("this card already has a tab called “Contacts”; pick another name");
    expect(() => renameTab(clientsLayout(), 0, "Events")).toThrow(/already has a tab called “Events”/);
    expect(labels(renameTab(clientsLayout(), 1, "contacts"))[1]).toBe("contacts");
  });

  it("renames and reorders tabs", () => {
    expect(labels(renameTab(clientsLayout(), 1, "People"))[1]).toBe("People");
    expect(labels(moveTab(clientsLayout(), 0, 2))).toEqual(["Contacts", "Events", "Details", "Contracts", "Invoices"]);
    expect(labels(moveTab(clientsLayout(), 4, 0))).toEqual(["Invoices", "Details", "Contacts", "Events", "Contracts"]);
    expect(() => moveTab(clientsLayout(), 0, 5)).toThrow(/no tab position 5/);
    expect(() => renameTab(clientsLayout(), 7, "x")).toThrow(/no tab 7/);
  });

  it("removes a tab, its content going to the palette or to the previous tab", () => {
    const moved = addTab(clientsLayout(), "Main", 0);
    const toPalette = removeTab(moved, 1);
    expect(labels(toPalette)).toEqual(["Main", "Contacts", "Events", "Contracts", "Invoices"]);
    expect(placedIds(toPalette)).toEqual([]);
    const toPrevious = removeTab(moved, 1, { contentTo: "previous" });
    expect(placedIds(toPrevious)).toEqual(placedIds(clientsLayout()));
    expect((toPrevious as CategorizationLayout).elements[0].elements[0]).toMatchObject({ type: "Group", label: "Details" });
    expect(layoutShapeProblems(toPrevious)).toEqual([]);
  });

  it("keeps at least one tab and needs a previous tab to hand content to", () => {
    expect(() => removeTab(clientsLayout(), 0, { contentTo: "previous" })).toThrow(/no previous tab/);
    let layout: CardLayout = clientsLayout();
    for (let i = 0; i < 4; i++) layout = removeTab(layout, 1);
    expect(() => removeTab(layout, 0)).toThrow(/at least one tab/);
  });
});
