import { describe, expect, it } from "vitest";
import { resolveFilterTokens, resolveToken, shiftDate } from "./tokens";

const ctx = { userId: 7, now: new Date("2026-12-05T23:30:00Z"), timeZone: "Europe/Berlin" };

describe("home filter tokens", () => {
  it("resolves the user, the instant and local days", () => {
    expect(resolveToken("$me", ctx)).toBe(7);
    expect(resolveToken("$now", ctx)).toBe("2026-12-05T23:30:00.000Z");
    // 00:30 on the 6th in Berlin.
    expect(resolveToken("$today", ctx)).toBe("2026-12-06");
    expect(resolveToken("$today-30", ctx)).toBe("2026-11-06");
    expect(resolveToken("$today+26", ctx)).toBe("2027-01-01");
    expect(resolveToken("$midnight", ctx)).toBe("2026-12-05T23:00:00.000Z");
    expect(resolveToken("$midnight+1", ctx)).toBe("2026-12-06T23:00:00.000Z");
  });

  it("turns a period into the first and last day, and leaves other values alone", () => {
    expect(resolveToken("$thisMonth", ctx)).toEqual(["2026-12-01", "2026-12-31"]);
    expect(resolveToken("$lastMonth", { ...ctx, timeZone: "UTC" })).toEqual(["2026-11-01", "2026-11-30"]);
    for (const plain of ["open", "$unknown", "$today+x", 3, null]) expect(resolveToken(plain, ctx)).toBe(plain);
  });

  it("resolves the values of every leaf, nested and in lists", () => {
    const filter = {
      and: [
        { field: "owner", op: "eq", value: "$me" },
        {
          or: [
            { field: "due", op: "between", value: ["$today-1", "$today"] },
            { not: { field: "day", op: "between", value: "$thisYear" } },
          ],
        },
      ],
    };
    expect(resolveFilterTokens(filter, { ...ctx, timeZone: "UTC" })).toEqual({
      and: [
        { field: "owner", op: "eq", value: 7 },
        {
          or: [
            { field: "due", op: "between", value: ["2026-12-04", "2026-12-05"] },
            { not: { field: "day", op: "between", value: ["2026-01-01", "2026-12-31"] } },
          ],
        },
      ],
    });
  });

  it("moves dates across months and years", () => {
    expect(shiftDate("2026-03-01", -1)).toBe("2026-02-28");
    expect(shiftDate("2024-12-31", 1)).toBe("2025-01-01");
  });
});
