import { describe, expect, it } from "vitest";
import type { CalendarItem, CalendarPageData } from "@runtime/views/list-page-data";
import { replaced, updated } from "./calendar-items";

const calendar = { field: { key: "starts_at", label: "Starts at" }, withTime: true, timeZone: "Europe/Berlin" } as CalendarPageData;
const item = (id: number, value: string, day: string): CalendarItem => ({ id, version: 1, title: `#${id}`, value, day, time: "10:00" });

describe("updated", () => {
  it("takes the saved value and version, and so the local day and time", () => {
    const saved = updated(
      item(1, "2026-12-03T09:00:00.000Z", "2026-12-03"),
      { id: 1, version: 4, starts_at: "2026-12-09T23:15:00.000Z" },
      calendar,
    );
    expect(saved).toMatchObject({ version: 4, value: "2026-12-09T23:15:00.000Z", day: "2026-12-10", time: "00:15" });
  });

  it("answers null when the record has no date any more", () => {
    expect(updated(item(1, "2026-12-03T09:00:00.000Z", "2026-12-03"), { id: 1, version: 2, starts_at: null }, calendar)).toBeNull();
  });
});

describe("replaced", () => {
  const items = [item(1, "2026-12-01T08:00:00.000Z", "2026-12-01"), item(2, "2026-12-02T08:00:00.000Z", "2026-12-02")];

  it("puts the moved item back in date order", () => {
    const moved = { ...items[0], value: "2026-12-05T08:00:00.000Z", day: "2026-12-05" };
    expect(replaced(items, 1, moved).map((i) => i.id)).toEqual([2, 1]);
  });

  it("drops an item that left the calendar", () => {
    expect(replaced(items, 2, null).map((i) => i.id)).toEqual([1]);
  });
});
