import { describe, expect, it } from "vitest";
import { layoutShapeProblems } from "@runtime/layouts/layout-schema";
import { elementAt } from "./paths";
import { addSection, removeSection, renameSection } from "./sections";
import { clientsLayout, placedIds } from "./test-support";

describe("sections", () => {
  it("adds an empty section in a tab", () => {
    const after = addSection(clientsLayout(), [0, 1], "Bank details");
    expect(elementAt(after, [0, 1])).toEqual({ type: "Group", label: "Bank details", elements: [] });
    expect(layoutShapeProblems(after)).toEqual([]);
  });

  it("does not nest sections or put them in rows", () => {
    expect(() => addSection(clientsLayout(), [0, 0, 0], "Inner")).toThrow(/directly in a tab or on the page/);
    expect(() => addSection(clientsLayout(), [0, 0, 0, 0], "Inner")).toThrow(/a row holds only fields/);
    expect(() => addSection(clientsLayout(), [0, 1], " ")).toThrow(/cannot be empty/);
  });

  it("refuses a second section of one name side by side, but allows it on another tab", () => {
    expect(() => addSection(clientsLayout(), [0, 1], " details ")).toThrow(
      "this tab already has a section called “Details”; pick another name",
    );
    const withBank = addSection(clientsLayout(), [0, 1], "Bank");
    expect(() => renameSection(withBank, [0, 1], "DETAILS")).toThrow(/already has a section called “Details”/);
    expect(elementAt(renameSection(withBank, [0, 1], "Bank"), [0, 1])).toMatchObject({ label: "Bank" });
    expect(elementAt(addSection(clientsLayout(), [1, 0], "Details"), [1, 0])).toMatchObject({ label: "Details" });
  });

  it("renames a section", () => {
    expect(elementAt(renameSection(clientsLayout(), [0, 0], "Company"), [0, 0])).toMatchObject({ label: "Company" });
    expect(() => renameSection(clientsLayout(), [1, 0], "x")).toThrow(/is a RelatedList, not a section/);
  });

  it("removes a section, its fields to the palette or kept in place", () => {
    expect(placedIds(removeSection(clientsLayout(), [0, 0]))).toEqual([]);
    const kept = removeSection(clientsLayout(), [0, 0], { keepContent: true });
    expect(placedIds(kept)).toEqual(placedIds(clientsLayout()));
    expect(elementAt(kept, [0, 0])).toMatchObject({ type: "HorizontalLayout" });
    expect(layoutShapeProblems(kept)).toEqual([]);
  });
});
