import { describe, expect, it } from "vitest";
import {
  addDays,
  calendarRange,
  dayOfValue,
  daysBetween,
  instantRange,
  moveValueToDay,
  parseDay,
  stepAnchor,
  timeOfValue,
  weekdayOf,
} from "./calendar-range";

describe("calendarRange", () => {
  it("shows a month as whole weeks from Monday to Sunday", () => {
    // December 2026 begins on a Tuesday and ends on a Thursday.
    const range = calendarRange("month", "2026-12-17");
    expect([range.first, range.last]).toEqual(["2026-11-30", "2027-01-03"]);
    expect(range.days).toHaveLength(35);
    expect(range.days.slice(0, 3)).toEqual(["2026-11-30", "2026-12-01", "2026-12-02"]);
  });

  it("needs six weeks for a month that starts on a Sunday, and four for a February from Monday to Sunday", () => {
    expect(calendarRange("month", "2026-11-01").days).toHaveLength(42);
    const feb = calendarRange("month", "2027-02-10");
    expect([feb.first, feb.last, feb.days.length]).toEqual(["2027-02-01", "2027-02-28", 28]);
  });

  it("shows a week from its Monday, across a year's end", () => {
    const week = calendarRange("week", "2027-01-03");
    expect(week.days).toEqual(["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"]);
    expect(calendarRange("week", "2026-12-28").first).toBe("2026-12-28");
  });

  it("lists an agenda over the month's own days, leap years included", () => {
    const agenda = calendarRange("agenda", "2028-02-15");
    expect([agenda.first, agenda.last, agenda.days.length]).toEqual(["2028-02-01", "2028-02-29", 29]);
  });
});

describe("stepping and day arithmetic", () => {
  it("steps a month to the first of the next or previous one and a week by seven days", () => {
    expect(stepAnchor("month", "2026-01-31", 1)).toBe("2026-02-01");
    expect(stepAnchor("agenda", "2026-01-15", -1)).toBe("2025-12-01");
    expect(stepAnchor("week", "2026-12-30", 1)).toBe("2027-01-06");
  });

  it("adds days, counts them and names weekdays", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-12-03", "2026-11-28")).toBe(-5);
    expect([weekdayOf("2026-12-07"), weekdayOf("2026-12-13")]).toEqual([1, 7]);
  });

  it("takes only real days from an address", () => {
    expect(parseDay("2026-12-05")).toBe("2026-12-05");
    expect([parseDay("2026-06-31"), parseDay("2026-13-01"), parseDay("5.12.2026"), parseDay(""), parseDay(null)]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe("date-times in the firm's time zone", () => {
  it("bounds a range by the local midnights of its first day and the day after its last", () => {
    expect(instantRange({ first: "2026-11-30", last: "2027-01-03" }, "UTC")).toEqual({
      from: "2026-11-30T00:00:00.000Z",
      to: "2027-01-04T00:00:00.000Z",
    });
    expect(instantRange({ first: "2026-07-06", last: "2026-07-12" }, "Europe/Berlin")).toEqual({
      from: "2026-07-05T22:00:00.000Z",
      to: "2026-07-12T22:00:00.000Z",
    });
  });

  it("puts a late-evening UTC instant on the next day east of Greenwich", () => {
    expect(dayOfValue("2026-12-03T23:30:00.000Z", true, "UTC")).toBe("2026-12-03");
    expect(dayOfValue("2026-12-03T23:30:00.000Z", true, "Europe/Berlin")).toBe("2026-12-04");
    expect(timeOfValue("2026-12-03T23:30:00.000Z", "Europe/Berlin")).toBe("00:30");
    expect(dayOfValue("2026-12-03", false, "Pacific/Auckland")).toBe("2026-12-03");
    expect([dayOfValue(null, true, "UTC"), dayOfValue("nonsense", true, "UTC")]).toEqual([null, null]);
  });
});

describe("moveValueToDay", () => {
  it("gives a date the new day", () => {
    expect(moveValueToDay("2026-12-03", "2026-12-10", false, "Europe/Berlin")).toBe("2026-12-10");
  });

  it("keeps a date-time's time of day, seconds and milliseconds", () => {
    expect(moveValueToDay("2026-12-03T14:00:07.250Z", "2026-12-08", true, "UTC")).toBe("2026-12-08T14:00:07.250Z");
    expect(moveValueToDay("2026-12-03T14:00:00.000Z", "2026-11-28", true, "UTC")).toBe("2026-11-28T14:00:00.000Z");
  });

  it("keeps the local wall-clock time across a change to summer time, so the instant moves by an hour less", () => {
    // 14:00 in Berlin is 13:00Z in winter and 12:00Z in summer (clocks went forward on 29 March 2026).
    expect(moveValueToDay("2026-03-27T13:00:00.000Z", "2026-03-30", true, "Europe/Berlin")).toBe("2026-03-30T12:00:00.000Z");
  });

  it("moves by the local day, not the UTC one", () => {
    // 00:30 on 4 December in Berlin is still 3 December in UTC.
    expect(moveValueToDay("2026-12-03T23:30:00.000Z", "2026-12-05", true, "Europe/Berlin")).toBe("2026-12-04T23:30:00.000Z");
  });
});
