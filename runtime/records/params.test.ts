import { describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { parseExpand, parseId, parseJsonParam, parseVersion, positiveInt } from "./params";

function statusOf(fn: () => unknown): number {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error.status;
    throw error;
  }
  throw new Error("expected an ApiError, but the call succeeded");
}

describe("parseId", () => {
  it("takes positive whole numbers, as numbers or digits", () => {
    expect(parseId(7)).toBe(7);
    expect(parseId("42")).toBe(42);
  });

  it("refuses anything else with a 400", () => {
    for (const raw of [0, -1, 1.5, "", "7a", "0x10", " 7", null, undefined, {}, "1234567890123456"])
      expect(statusOf(() => parseId(raw))).toBe(400);
  });
});

describe("parseVersion", () => {
  it("reads a number, digits or an ETag as sent back in If-Match", () => {
    expect(parseVersion(3)).toBe(3);
    expect(parseVersion("3")).toBe(3);
    expect(parseVersion('"3"')).toBe(3);
    expect(parseVersion('W/"12"')).toBe(12);
  });

  it("answers 428 when there is no usable version", () => {
    for (const raw of [undefined, null, "", "0", 0, "abc", '"x"']) expect(statusOf(() => parseVersion(raw))).toBe(428);
  });
});

describe("positiveInt", () => {
  it("falls back when absent and caps at the maximum", () => {
    expect(positiveInt(undefined, "page", 1, 10)).toBe(1);
    expect(positiveInt("", "page", 1, 10)).toBe(1);
    expect(positiveInt("4", "page", 1, 10)).toBe(4);
    expect(positiveInt(99, "pageSize", 50, 10)).toBe(10);
  });

  it("refuses zero, negatives and text, naming the parameter", () => {
    expect(() => positiveInt("0", "pageSize", 50, 500)).toThrow(/pageSize must be a whole number/);
    for (const raw of [-2, "x", 2.5]) expect(statusOf(() => positiveInt(raw, "page", 1, 10))).toBe(400);
  });
});

describe("parseExpand", () => {
  it("splits a comma list, keeps an array, and has nothing for nothing", () => {
    expect(parseExpand("client,contract")).toEqual(["client", "contract"]);
    expect(parseExpand("client,,")).toEqual(["client"]);
    expect(parseExpand(["client"])).toEqual(["client"]);
    expect(parseExpand(undefined)).toEqual([]);
    expect(parseExpand("")).toEqual([]);
  });

  it("takes at most 20 fields from a string and refuses other types", () => {
    expect(parseExpand(Array.from({ length: 30 }, (_, i) => `f${i}`).join(","))).toHaveLength(20);
    expect(statusOf(() => parseExpand(7))).toBe(400);
  });
});

describe("parseJsonParam", () => {
  it("parses JSON and names the parameter when it is not", () => {
    expect(parseJsonParam('{"field":"status"}', "filter")).toEqual({ field: "status" });
    expect(() => parseJsonParam("{field", "filter")).toThrow(/filter is not valid JSON/);
  });
});
