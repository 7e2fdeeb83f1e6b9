import { describe, expect, it } from "vitest";
import { layoutShapeProblems } from "@runtime/layouts/layout-schema";
import type { ControlElement, HorizontalLayoutElement } from "@runtime/layouts/types";
import { resizeControl, setControlOptions } from "./control-options";
import { moveElement } from "./move-element";
import { elementAt } from "./paths";
import { fitRow, rowWidth } from "./row-widths";
import { clientsLayout, keysOfRows } from "./test-support";

const widths = (row: unknown) => (row as HorizontalLayoutElement).elements.map((c) => (c as ControlElement).options?.width);

function control(key: string, width?: number): ControlElement {
  return { type: "Control", scope: `#/properties/${key}`, "x-field": `f_${key}`, ...(width ? { options: { width } } : {}) };
}

describe("resizeControl", () => {
  it("narrows a field without touching its neighbour", () => {
    const after = resizeControl(clientsLayout(), [0, 0, 0, 0], 4);
    expect(widths(elementAt(after, [0, 0, 0]))).toEqual([4, 6]);
  });

  it("widens a field, its neighbours giving up columns widest first", () => {
    const three = moveElement(clientsLayout(), [0, 0, 1, 0], [0, 0, 0, 2]);
    expect(widths(elementAt(three, [0, 0, 0]))).toEqual([4, 4, 4]);
    const after = resizeControl(three, [0, 0, 0, 0], 8);
    expect(widths(elementAt(after, [0, 0, 0]))).toEqual([8, 2, 2]);
    expect(widths(elementAt(resizeControl(three, [0, 0, 0, 0], 6), [0, 0, 0]))).toEqual([6, 3, 3]);
  });

  it("pushes neighbours to a new row below when a field takes the whole row", () => {
    const after = resizeControl(clientsLayout(), [0, 0, 0, 1], 12);
    expect(keysOfRows(after).slice(0, 3)).toEqual([["legal_name"], ["name"], ["registration_number", "kind"]]);
    expect(widths(elementAt(after, [0, 0, 0]))).toEqual([12]);
    expect(widths(elementAt(after, [0, 0, 1]))).toEqual([6]);
    expect(layoutShapeProblems(after)).toEqual([]);
  });

  it("refuses widths off the grid and elements that are not fields", () => {
    expect(() => resizeControl(clientsLayout(), [0, 0, 0, 0], 13)).toThrow(/from 1 to 12/);
    expect(() => resizeControl(clientsLayout(), [0, 0, 0, 0], 0)).toThrow(/from 1 to 12/);
    expect(() => resizeControl(clientsLayout(), [0, 0, 0, 0], 2.5)).toThrow(/from 1 to 12/);
    expect(() => resizeControl(clientsLayout(), [0, 0, 0], 6)).toThrow(/is a HorizontalLayout, not a field/);
  });
});

describe("fitRow", () => {
  it("reads an unset width as the card renders it (6) and fits the row", () => {
    const row: HorizontalLayoutElement = { type: "HorizontalLayout", elements: [control("a"), control("b"), control("c")] };
    expect(fitRow(row)).toEqual([]);
    expect(widths(row)).toEqual([4, 4, 4]);
  });

  it("splits a row of more than 12 fields", () => {
    const row: HorizontalLayoutElement = { type: "HorizontalLayout", elements: Array.from({ length: 14 }, (_, i) => control(`f${i}`, 1)) };
    const leaving = fitRow(row);
    expect(row.elements).toHaveLength(12);
    expect(leaving).toHaveLength(2);
    expect(rowWidth(row)).toBe(12);
  });
});

describe("setControlOptions", () => {
  it("overrides and clears label, help and read-only per layout", () => {
    const set = setControlOptions(clientsLayout(), [0, 0, 0, 0], { label: " Company ", help: "As on the invoice", readOnly: true });
    expect(elementAt(set, [0, 0, 0, 0])).toMatchObject({
      options: { width: 6, label: "Company", help: "As on the invoice", readOnly: true },
    });
    expect(layoutShapeProblems(set)).toEqual([]);
    const cleared = setControlOptions(set, [0, 0, 0, 0], { label: null, help: "", readOnly: null });
    expect(elementAt(cleared, [0, 0, 0, 0])).toMatchObject({ options: { width: 6 } });
    expect((elementAt(cleared, [0, 0, 0, 0]) as ControlElement).options).toEqual({ width: 6 });
    const kept = setControlOptions(set, [0, 0, 0, 0], { readOnly: false });
    expect(elementAt(kept, [0, 0, 0, 0])).toMatchObject({ options: { label: "Company", readOnly: false } });
  });

  it("refuses bad overrides", () => {
    expect(() => setControlOptions(clientsLayout(), [0, 0, 0, 0], { label: "x".repeat(121) })).toThrow(/at most 120/);
    expect(() => setControlOptions(clientsLayout(), [0, 0, 0, 0], { help: "x".repeat(501) })).toThrow(/at most 500/);
    expect(() => setControlOptions(clientsLayout(), [0, 0, 0, 0], { width: 3 } as never)).toThrow(/only label, help and readOnly/);
    expect(() => setControlOptions(clientsLayout(), [1, 0], { label: "x" })).toThrow(/not a field/);
  });
});
