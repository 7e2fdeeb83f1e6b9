import { describe, expect, it } from "vitest";
import { lastPage, pageNumbers, rangeLabel, totalLabel } from "./pagination";

describe("pagination labels", () => {
  it("says which rows of how many", () => {
    expect(rangeLabel(1, 50, 50, 1234, true)).toBe("1–50 of 1,234");
    expect(rangeLabel(25, 50, 34, 1234, true)).toBe("1,201–1,234 of 1,234");
    expect(rangeLabel(1, 50, 0, 0, true)).toBe("No records");
  });

  it("says when the total is an estimate or capped", () => {
    expect(totalLabel(1_000_000, false)).toBe("about 1,000,000");
    expect(totalLabel(10_000, false)).toBe("10,000+");
  });

  it("offers the first page numbers", () => {
    expect(pageNumbers(120, true, 50)).toEqual([1, 2, 3]);
    expect(pageNumbers(10_000, false, 50)).toEqual([1, 2, 3, 4, 5]);
    expect(pageNumbers(0, true, 50)).toEqual([1]);
    expect(lastPage(101, true, 50)).toBe(3);
    expect(lastPage(101, false, 50)).toBeNull();
  });
});
