import { describe, expect, it } from "vitest";
import { clientsLayout } from "@form-designer/test-support";
import type { CardLayout } from "@runtime/layouts/types";
import { selectionOnTab, tabOfSelection } from "./selection-tabs";

const tabbed = clientsLayout();
const single: CardLayout = { type: "VerticalLayout", elements: [] } as unknown as CardLayout;

describe("tabOfSelection", () => {
  it("names the tab of a selected element or tab", () => {
    expect(tabbed.type).toBe("Categorization");
    expect(tabOfSelection(tabbed, { kind: "element", path: [1, 0] })).toBe(1);
    expect(tabOfSelection(tabbed, { kind: "tab", index: 2 })).toBe(2);
  });
  it("has none without a selection or without tabs", () => {
    expect(tabOfSelection(tabbed, null)).toBeNull();
    expect(tabOfSelection(single, { kind: "element", path: [0] })).toBeNull();
  });
});

describe("selectionOnTab", () => {
  it("lets go of the previous tab when another tab opens", () => {
    expect(selectionOnTab(tabbed, { kind: "tab", index: 0 }, 1)).toBeNull();
    expect(selectionOnTab(tabbed, { kind: "element", path: [0, 0, 1] }, 1)).toBeNull();
  });
  it("keeps what is on the tab being opened, and everything on a card without tabs", () => {
    expect(selectionOnTab(tabbed, { kind: "tab", index: 1 }, 1)).toEqual({ kind: "tab", index: 1 });
    expect(selectionOnTab(tabbed, { kind: "element", path: [1, 0] }, 1)).toEqual({ kind: "element", path: [1, 0] });
    expect(selectionOnTab(single, { kind: "element", path: [0] }, 0)).toEqual({ kind: "element", path: [0] });
  });
});
