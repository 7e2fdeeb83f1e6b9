import { describe, expect, it } from "vitest";
import { contentBoxPx } from "./page-size";

describe("page size", () => {
  it("sizes the canvas to the printable area", () => {
    expect(contentBoxPx({ size: "A4", orientation: "portrait", margins: { top: 10, right: 10, bottom: 10, left: 10 } })).toEqual({
      width: 718,
      height: 1047,
    });
    expect(contentBoxPx({ size: "Letter", orientation: "landscape", margins: { top: 0, right: 0, bottom: 0, left: 0 } }).width).toBe(1056);
  });
});
