import { describe, expect, it } from "vitest";
import { agingConditions } from "./aging";

describe("aging buckets", () => {
  it("splits days past the date into current, 1–30, 31–60, 61–90 and 90+, without gaps or overlaps", () => {
    expect(agingConditions("due", "2026-03-31").map((b) => [b.key, b.filter])).toEqual([
      ["current", { field: "due", op: "gte", value: "2026-03-31" }],
      ["1-30", { field: "due", op: "between", value: ["2026-03-01", "2026-03-30"] }],
      ["31-60", { field: "due", op: "between", value: ["2026-01-30", "2026-02-28"] }],
      ["61-90", { field: "due", op: "between", value: ["2025-12-31", "2026-01-29"] }],
      ["90+", { field: "due", op: "lt", value: "2025-12-31" }],
    ]);
  });
});
