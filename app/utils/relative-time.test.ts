import { describe, expect, it } from "vitest";
import { relativeTime } from "./relative-time";

const now = new Date("2026-12-05T12:00:00.000Z");

describe("relativeTime", () => {
  it("says how long ago, in the largest unit that fits", () => {
    expect(relativeTime("2026-12-05T11:59:50.000Z", now)).toBe("now");
    expect(relativeTime("2026-12-05T11:57:00.000Z", now)).toBe("3 minutes ago");
    expect(relativeTime("2026-12-05T09:00:00.000Z", now)).toBe("3 hours ago");
    expect(relativeTime("2026-12-04T12:00:00.000Z", now)).toBe("yesterday");
    expect(relativeTime("2026-11-21T12:00:00.000Z", now)).toBe("2 weeks ago");
    expect(relativeTime("2026-12-05T14:00:00.000Z", now)).toBe("in 2 hours");
    expect(relativeTime("nonsense", now)).toBe("");
  });
});
