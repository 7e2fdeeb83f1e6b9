import { describe, expect, it } from "vitest";
import { dateTimeFormat, numberFormat } from "./intl-formats";

describe("shared Intl formatters", () => {
  it("hands out one formatter per locale and options", () => {
    expect(numberFormat("en-US", { maximumFractionDigits: 2 })).toBe(numberFormat("en-US", { maximumFractionDigits: 2 }));
    expect(numberFormat("en-US", { maximumFractionDigits: 2 })).not.toBe(numberFormat("de-DE", { maximumFractionDigits: 2 }));
    expect(dateTimeFormat("en-GB", { timeZone: "UTC" })).not.toBe(dateTimeFormat("en-GB", { timeZone: "Europe/Berlin" }));
  });

  it("formats as a fresh formatter would", () => {
    expect(numberFormat("de-DE", { minimumFractionDigits: 2 }).format(1234.5)).toBe(
      new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2 }).format(1234.5),
    );
    expect(dateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(0)).toBe("1 Jan 1970");
  });

  it("refuses a bad time zone as Intl does, and caches nothing for it", () => {
    expect(() => dateTimeFormat("en-US", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
    expect(() => dateTimeFormat("en-US", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
  });
});
