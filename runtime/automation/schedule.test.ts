import { dueThreshold, latestSlot, localToUtc } from "./schedule";

const at = (iso: string) => new Date(iso);

describe("schedules and due dates", () => {
  it("finds the latest slot of each kind of schedule", () => {
    const now = at("2026-12-04T09:20:00Z"); // a Friday
    expect(latestSlot({ type: "schedule", every: "day", at: "07:00" }, now).key).toBe("2026-12-04T07:00");
    expect(latestSlot({ type: "schedule", every: "day", at: "10:00" }, now).key).toBe("2026-12-03T10:00");
    expect(latestSlot({ type: "schedule", every: "hour", at: "00:30" }, now).key).toBe("2026-12-04T08:30");
    expect(latestSlot({ type: "schedule", every: "hour", at: "00:15" }, now).key).toBe("2026-12-04T09:15");
    expect(latestSlot({ type: "schedule", every: "week", weekday: 1, at: "08:00" }, now).key).toBe("2026-11-30T08:00");
    expect(latestSlot({ type: "schedule", every: "week", weekday: 5, at: "10:00" }, now).key).toBe("2026-11-27T10:00");
    expect(latestSlot({ type: "schedule", every: "month", day: 4, at: "09:00" }, now).key).toBe("2026-12-04T09:00");
    expect(latestSlot({ type: "schedule", every: "month", day: 5 }, now).key).toBe("2026-11-05T00:00");
    expect(latestSlot({ type: "schedule", every: "month", day: 5 }, at("2026-01-02T00:00:00Z")).key).toBe("2025-12-05T00:00");
  });

  it("keeps wall-clock slots in the firm's time zone, across a change to summer time", () => {
    const slot = latestSlot({ type: "schedule", every: "day", at: "07:00" }, at("2026-03-29T06:00:00Z"), "Europe/Berlin");
    expect(slot).toEqual({ key: "2026-03-29T07:00", at: at("2026-03-29T05:00:00Z") });
    expect(localToUtc(2026, 1, 15, 7, 0, "Europe/Berlin")).toEqual(at("2026-01-15T06:00:00Z"));
  });

  it("says up to which value a date field is due: value + offset <= now", () => {
    const now = at("2026-12-04T09:20:00Z");
    expect(dueThreshold(false, { amount: 1, unit: "days" }, now)).toBe("2026-12-03");
    expect(dueThreshold(false, { amount: -30, unit: "days" }, now)).toBe("2027-01-03");
    expect(dueThreshold(false, { amount: 10, unit: "hours" }, now)).toBe("2026-12-03");
    expect(dueThreshold(true, { amount: 2, unit: "hours" }, now)).toEqual(at("2026-12-04T07:20:00Z"));
    expect(dueThreshold(false, { amount: 0, unit: "days" }, at("2026-12-04T23:30:00Z"), "Europe/Berlin")).toBe("2026-12-05");
  });
});
