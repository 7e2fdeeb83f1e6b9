import { describe, expect, it } from "vitest";
import { isLocalDateTime, isTimeZone, localInputToUtc, utcToLocalInput } from "./datetime-local";

describe("datetime-local conversions", () => {
  it("shows UTC in the user's zone and reads it back", () => {
    expect(utcToLocalInput("2026-11-24T10:15:00.000Z", "Europe/Berlin")).toBe("2026-11-24T11:15");
    expect(localInputToUtc("2026-11-24T11:15", "Europe/Berlin")).toBe("2026-11-24T10:15:00.000Z");
    expect(utcToLocalInput("2026-07-01T10:00:00.000Z", "Europe/Berlin")).toBe("2026-07-01T12:00");
    expect(localInputToUtc("2026-07-01T12:00", "Europe/Berlin")).toBe("2026-07-01T10:00:00.000Z");
    expect(localInputToUtc("2026-11-24T05:15", "America/New_York")).toBe("2026-11-24T10:15:00.000Z");
  });

  it("keeps seconds and milliseconds when a value has them", () => {
    expect(utcToLocalInput("2024-02-29T23:59:59.999Z", "UTC")).toBe("2024-02-29T23:59:59.999");
    expect(localInputToUtc("2024-02-29T23:59:59.999", "UTC")).toBe("2024-02-29T23:59:59.999Z");
  });

  it("moves a time skipped by daylight saving forward, and takes the first of a repeated one", () => {
    // 29 March 2026, 02:00 → 03:00 in Berlin; 25 October 2026, 03:00 → 02:00.
    expect(localInputToUtc("2026-03-29T02:30", "Europe/Berlin")).toBe("2026-03-29T01:30:00.000Z");
    expect(localInputToUtc("2026-10-25T02:30", "Europe/Berlin")).toBe("2026-10-25T00:30:00.000Z");
  });

  it("refuses what is not on the calendar", () => {
    expect(localInputToUtc("2026-02-30T10:00", "UTC")).toBeNull();
    expect(localInputToUtc("tomorrow", "UTC")).toBeNull();
    expect(utcToLocalInput(null, "UTC")).toBe("");
  });

  it("tells wall-clock text from zone names", () => {
    expect(isLocalDateTime("2026-11-24T11:15")).toBe(true);
    expect(isLocalDateTime("2026-11-24T11:15Z")).toBe(false);
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("2026-11-24T11:15")).toBe(false);
  });
});
