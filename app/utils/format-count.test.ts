import { describe, expect, it } from "vitest";
import { formatInteger, formatRecordCount } from "./format-count";

describe("formatRecordCount", () => {
  it("pluralises and groups thousands", () => {
    expect(formatRecordCount(0)).toBe("0 records");
    expect(formatRecordCount(1)).toBe("1 record");
    expect(formatRecordCount(1204)).toBe("1,204 records");
  });

  it("shows a dash for an unknown count", () => {
    expect(formatRecordCount(null)).toBe("—");
  });

  it("formats plain integers the same way everywhere", () => {
    expect(formatInteger(1234567)).toBe("1,234,567");
  });
});
