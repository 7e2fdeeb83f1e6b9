import { describe, expect, it } from "vitest";
import { steppedWidth } from "./designer-context";
import { pathFromPointer } from "./pointer-path";

describe("pathFromPointer", () => {
  it("reads the element path out of a save problem's JSON Pointer", () => {
    expect(pathFromPointer("/elements/0/elements/2/elements/1/x-field")).toEqual([0, 2, 1]);
    expect(pathFromPointer("/elements/1/elements/0/columns/3")).toEqual([1, 0]);
    expect(pathFromPointer("/")).toBeNull();
  });
});

describe("steppedWidth", () => {
  it("steps through 3, 4, 6, 8 and 12 columns and stops at the ends", () => {
    expect(steppedWidth(6, 1)).toBe(8);
    expect(steppedWidth(8, 1)).toBe(12);
    expect(steppedWidth(12, 1)).toBe(12);
    expect(steppedWidth(5, -1)).toBe(4);
    expect(steppedWidth(3, -1)).toBe(3);
  });
});
