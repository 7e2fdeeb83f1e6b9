import { describe, expect, it } from "vitest";
import { layoutShapeProblems } from "@runtime/layouts/layout-schema";
import type { ControlElement, HorizontalLayoutElement } from "@runtime/layouts/types";
import { moveElement, removeElement } from "./move-element";
import { elementAt, findControl } from "./paths";
import { rowWidth } from "./row-widths";
import { clientsLayout, fieldId, keysOfRows, placedIds } from "./test-support";

const EMAIL = [0, 0, 2, 1];

/** The clients card with Status alone in its row (Document language, its neighbour, taken off). */
function withStatusAlone() {
  const layout = clientsLayout();
  return removeElement(layout, findControl(layout, fieldId("language"))!);
}

describe("moveElement", () => {
  it("moves a field between two fields of another row, which then shares the grid", () => {
    const before = clientsLayout();
    const after = moveElement(before, EMAIL, [0, 0, 0, 1]);
    expect(keysOfRows(after)[0]).toEqual(["name", "email", "legal_name"]);
    expect(keysOfRows(after)[2]).toEqual(["tax_id"]);
    const row = elementAt(after, [0, 0, 0]) as HorizontalLayoutElement;
    expect(row.elements.map((c) => (c as ControlElement).options?.width)).toEqual([4, 4, 4]);
    expect(layoutShapeProblems(after)).toEqual([]);
    expect(keysOfRows(before)[0]).toEqual(["name", "legal_name"]);
  });

  it("removes a row whose last field moved out", () => {
    const layout = withStatusAlone();
    const status = findControl(layout, fieldId("status"))!;
    const after = moveElement(layout, status, [0, 0, 0, 0]);
    expect(keysOfRows(after)).not.toContainEqual([]);
    expect(keysOfRows(after)).toHaveLength(keysOfRows(layout).length - 1);
    expect(keysOfRows(after)[0]).toEqual(["status", "name", "legal_name"]);
  });

  it("reorders within a row with gaps counted before the move", () => {
    const after = moveElement(clientsLayout(), [0, 0, 0, 0], [0, 0, 0, 2]);
    expect(keysOfRows(after)[0]).toEqual(["legal_name", "name"]);
    expect(rowWidth(elementAt(after, [0, 0, 0]) as HorizontalLayoutElement)).toBe(12);
  });

  it("gives a field dropped into a section or tab its own row", () => {
    const after = moveElement(clientsLayout(), EMAIL, [1, 1]);
    expect(elementAt(after, [1, 1])).toMatchObject({ type: "HorizontalLayout", elements: [{ "x-field": fieldId("email") }] });
    expect(findControl(after, fieldId("email"))).toEqual([1, 1, 0]);
  });

  it("moves rows and whole sections", () => {
    const rowMoved = moveElement(clientsLayout(), [0, 0, 8], [0, 0, 0]);
    expect(keysOfRows(rowMoved)[0]).toEqual(["notes"]);
    const sectionMoved = moveElement(clientsLayout(), [0, 0], [2, 1]);
    expect(elementAt(sectionMoved, [2, 1])).toMatchObject({ type: "Group", label: "Details" });
    expect((elementAt(sectionMoved, [0]) as { elements: unknown[] }).elements).toEqual([]);
    expect(placedIds(sectionMoved).sort()).toEqual(placedIds(clientsLayout()).sort());
  });

  it("refuses moves that would break the card", () => {
    const layout = clientsLayout();
    expect(() => moveElement(layout, [0, 0], [0, 0, 1])).toThrow(/into itself/);
    expect(() => moveElement(layout, [0, 0, 1], [0, 0, 0, 0])).toThrow(/a row holds only fields/);
    expect(() => moveElement(layout, [1, 0], [0, 0, 0, 1])).toThrow(/a row holds only fields/);
    expect(() => moveElement(layout, [1], [2])).toThrow(/is a tab/);
    expect(() => moveElement(layout, EMAIL, [0])).toThrow(/only tabs go at the top/);
    expect(() => moveElement(layout, [0, 0, 2, 9], [1, 0])).toThrow(/no element at/);
    expect(() => moveElement(layout, EMAIL, [1, 7])).toThrow(/past the end/);
  });
});

describe("removeElement", () => {
  it("takes a field off the card, removing its emptied row", () => {
    const layout = withStatusAlone();
    const status = findControl(layout, fieldId("status"))!;
    const after = removeElement(layout, status);
    expect(findControl(after, fieldId("status"))).toBeNull();
    expect(keysOfRows(after)).toHaveLength(keysOfRows(layout).length - 1);
    expect(placedIds(after)).toHaveLength(placedIds(layout).length - 1);
  });

  it("takes a whole section off, its fields going back to the palette", () => {
    const after = removeElement(clientsLayout(), [0, 0]);
    expect(placedIds(after)).toEqual([]);
    expect(layoutShapeProblems(after)).toEqual([]);
  });

  it("does not remove tabs or the card", () => {
    expect(() => removeElement(clientsLayout(), [1])).toThrow(/removeTab/);
    expect(() => removeElement(clientsLayout(), [])).toThrow();
  });
});
