// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";
import { calendarRange } from "@runtime/views/calendar-range";
import type { CalendarItem, CalendarPageData } from "@runtime/views/list-page-data";
import { CalendarView } from "./calendar-view";

const item = (id: number, day: string, hour: number): CalendarItem => ({
  id,
  version: 1,
  title: `Call ${id}`,
  value: `${day}T${String(hour).padStart(2, "0")}:00:00.000Z`,
  day,
  time: `${String(hour).padStart(2, "0")}:00`,
});

function calendar(changes: Partial<CalendarPageData> = {}): CalendarPageData {
  return {
    field: { key: "starts_at", label: "Starts at" },
    fields: [
      { key: "starts_at", label: "Starts at" },
      { key: "due_at", label: "Due at" },
    ],
    withTime: true,
    span: "month",
    at: "2026-12-10",
    today: "2026-12-05",
    timeZone: "UTC",
    days: calendarRange("month", "2026-12-10").days,
    items: [1, 2, 3, 4, 5].map((i) => item(i, "2026-12-03", 8 + i)).concat([item(6, "2026-12-04", 9)]),
    more: false,
    movable: true,
    ...changes,
  };
}

function show(data: CalendarPageData) {
  const router = createMemoryRouter(
    [{ path: "*", element: <CalendarView tableKey="events" params={{ layout: "calendar", page: 1, cursors: [] }} calendar={data} /> }],
    { initialEntries: ["/t/events?layout=calendar"] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

const day = (iso: string) => document.querySelector<HTMLElement>(`[data-day="${iso}"]`)!;

afterEach(cleanup);

describe("CalendarView", () => {
  it("shows a few items a day and +N more, which opens the day", () => {
    show(calendar());
    const busy = within(day("2026-12-03"));
    expect(busy.getAllByText(/^Call /).map((e) => e.textContent)).toEqual(["Call 1", "Call 2"]);
    fireEvent.click(busy.getByRole("button", { name: "+3 more" }));
    expect(busy.getAllByText(/^Call /)).toHaveLength(5);
    expect(busy.getByRole("button", { name: "Show fewer" })).toBeTruthy();
  });

  it("lets a role that may change the field drag items, and opens the card on a click", () => {
    show(calendar());
    const chip = day("2026-12-04").querySelector("[data-item-id='6']")!;
    expect(chip.getAttribute("aria-roledescription")).toBe("calendar item");
    expect(chip.querySelector("a")!.getAttribute("href")).toBe("/t/events/6");
  });

  it("opens the card on Enter from the keyboard; Space is what picks an item up", () => {
    const router = show(calendar());
    const chip = day("2026-12-04").querySelector<HTMLElement>("[data-item-id='6']")!;
    fireEvent.keyDown(chip, { key: "Enter", code: "Enter" });
    expect(router.state.location.pathname).toBe("/t/events/6");
  });

  it("gives a role that may not only links, nothing to pick up", () => {
    show(calendar({ movable: false }));
    const chip = day("2026-12-04").querySelector("[data-item-id='6']")!;
    expect(chip.tagName).toBe("A");
    expect(chip.getAttribute("href")).toBe("/t/events/6");
    expect(document.querySelector("[aria-roledescription='calendar item']")).toBeNull();
  });

  it("steps months in the address and offers the other date fields and spans", () => {
    show(calendar());
    expect(screen.getByRole("heading", { name: "December 2026" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Previous month" }).getAttribute("href")).toBe(
      "/t/events?layout=calendar&date=starts_at&at=2026-11-01",
    );
    expect(screen.getByRole("link", { name: "Next month" }).getAttribute("href")).toBe(
      "/t/events?layout=calendar&date=starts_at&at=2027-01-01",
    );
    expect(screen.getByRole("link", { name: "Today" }).getAttribute("href")).toBe("/t/events?layout=calendar&date=starts_at");
    expect(screen.getByRole("link", { name: "Due at" }).getAttribute("href")).toBe("/t/events?layout=calendar&date=due_at");
    expect(screen.getByRole("link", { name: "Week" }).getAttribute("href")).toBe(
      "/t/events?layout=calendar&date=starts_at&span=week&at=2026-12-10",
    );
  });

  it("lists an agenda by day with times, and says when a month is empty", () => {
    show(calendar({ span: "agenda", days: calendarRange("agenda", "2026-12-10").days }));
    const agenda = document.querySelectorAll(".agenda__day");
    expect([...agenda].map((d) => d.querySelector("h2")!.textContent)).toEqual(["Thursday 3 December", "Friday 4 December"]);
    cleanup();
    show(calendar({ span: "agenda", items: [] }));
    expect(screen.getByText("Nothing on the calendar in December 2026.")).toBeTruthy();
  });
});
