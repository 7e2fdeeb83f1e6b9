import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteTestDatabase, type TestDatabase } from "@tests/helpers/databases";
import { createSeededRuntime, defaultRole } from "@tests/helpers/default-configuration";
import { SYSTEM_ACTOR, type Actor } from "../records/permissions";
import type { Runtime } from "../runtime.server";
import { loadCalendar } from "./calendar-page.server";
import { loadListPage } from "./list-page.server";

const admin: Actor = { ...SYSTEM_ACTOR, name: "Anonymous", role: "admin" };
const accountant: Actor = { id: 7, name: "Accountant", role: "accountant", rights: defaultRole("accountant") };
let database: TestDatabase;
let runtime: Runtime;

const page = (table: string, search: string, actor: Actor = admin) =>
  loadListPage(runtime, actor, table, new URL(`http://x/t/${table}${search}`));
const events = async () => (await runtime.workspace.current()).compiled.tablesByKey.get("events")!;

beforeAll(async () => {
  database = await createSqliteTestDatabase();
  runtime = await createSeededRuntime(database.url);
});
afterAll(async () => {
  await runtime?.close();
  await database?.drop();
});

describe("the calendar of a list", () => {
  it("places the records of the month's weeks on their days, in order, with their times", async () => {
    const { calendar } = await page("events", "?layout=calendar&date=starts_at&at=2026-12-10");
    expect(calendar).not.toBeNull();
    expect(calendar!.field).toEqual({ key: "starts_at", label: "Starts at" });
    expect(calendar!.fields.map((f) => f.key)).toEqual(["starts_at", "due_at", "remind_at"]);
    expect([calendar!.days[0], calendar!.days.at(-1), calendar!.span]).toEqual(["2026-11-30", "2027-01-03", "month"]);
    const review = calendar!.items.find((i) => i.title === "Quarterly service review")!;
    expect(review).toMatchObject({ day: "2026-12-03", time: "14:00", value: "2026-12-03T14:00:00.000Z" });
    expect(calendar!.items.every((i) => i.day >= "2026-11-30" && i.day <= "2027-01-03")).toBe(true);
    const values = calendar!.items.map((i) => i.value);
    expect([...values].sort()).toEqual(values);
    expect(calendar!.movable).toBe(true);
  });

  it("reads only the visible range, with the list's filters applying", async () => {
    const month = await page("events", "?layout=calendar&date=due_at&at=2026-11-15");
    const week = await page("events", "?layout=calendar&date=due_at&span=week&at=2026-11-23");
    expect(week.calendar!.days).toHaveLength(7);
    expect(week.calendar!.items.length).toBeGreaterThan(0);
    expect(week.calendar!.items.length).toBeLessThan(month.calendar!.items.length);
    expect(week.calendar!.items.every((i) => i.day >= "2026-11-23" && i.day <= "2026-11-29")).toBe(true);
    const calls = encodeURIComponent(JSON.stringify([["kind", "eq", "call"]]));
    const filtered = await page("events", `?layout=calendar&date=due_at&at=2026-11-15&f=${calls}`);
    expect(filtered.calendar!.items.length).toBeGreaterThan(0);
    expect(filtered.calendar!.items.length).toBeLessThan(month.calendar!.items.length);
    const ids = new Set(month.calendar!.items.map((i) => i.id));
    expect(filtered.calendar!.items.every((i) => ids.has(i.id))).toBe(true);
  });

  it("puts a date-time on the day and time it has in the firm's time zone, and reads the range by it", async () => {
    const table = await events();
    const wanted = { date: "starts_at", span: "week" as const, at: "2026-12-03" };
    const query = { filter: undefined, q: undefined };
    const utc = await loadCalendar(runtime.records, admin, table, wanted, query, "UTC");
    const kiritimati = await loadCalendar(runtime.records, admin, table, wanted, query, "Pacific/Kiritimati");
    const inUtc = utc!.items.find((i) => i.title === "Quarterly service review")!;
    const east = kiritimati!.items.find((i) => i.title === "Quarterly service review")!;
    expect([inUtc.day, inUtc.time]).toEqual(["2026-12-03", "14:00"]);
    // UTC+14: 14:00Z is 04:00 the next morning.
    expect([east.day, east.time]).toEqual(["2026-12-04", "04:00"]);
  });

  it("shows dates as written, and a month with today when the address names no day", async () => {
    const now = new Date("2026-12-05T12:00:00Z");
    const invoices = (await runtime.workspace.current()).compiled.tablesByKey.get("invoices")!;
    const calendar = await loadCalendar(
      runtime.records,
      admin,
      invoices,
      { date: "due_date", span: undefined, at: undefined },
      { filter: undefined, q: undefined },
      "UTC",
      now,
    );
    expect([calendar!.today, calendar!.at, calendar!.span, calendar!.withTime]).toEqual(["2026-12-05", "2026-12-05", "month", false]);
    expect(calendar!.items.every((i) => i.time === null && i.value === i.day)).toBe(true);
  });

  it("lets a role that may not change the table look, but not move anything", async () => {
    const { calendar } = await page("events", "?layout=calendar&date=starts_at&at=2026-12-10", accountant);
    expect(calendar!.items.some((i) => i.title === "Quarterly service review")).toBe(true);
    expect(calendar!.movable).toBe(false);
  });

  it("offers no calendar for a table without dates, and falls back to the first date for an unknown field", async () => {
    const clients = await page("clients", "?layout=calendar");
    expect([clients.calendar, clients.calendarFields]).toEqual([null, []]);
    const fallback = await page("events", "?layout=calendar&date=subject&at=2026-12-10");
    expect(fallback.calendar!.field.key).toBe("starts_at");
  });
});
