// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fieldKinds } from "@runtime/fields/registry";
import { CardForm } from "./card-form";
import { historyLimit } from "./card-history";
import type { CardHistory } from "./card-types";
import { HistoryList } from "./history-list";
import { cardData } from "./test-card";

afterEach(cleanup);

const history: CardHistory = {
  limit: 50,
  more: true,
  entries: [
    {
      id: 12,
      at: "2026-11-24 10:15:00.000",
      user: "Anna Keane",
      action: "update",
      changes: { status: ["draft", "issued"], due_date: ["2026-12-01", "2026-12-15"] },
    },
    { id: 11, at: "2026-11-23 08:05:00.000", user: "Ben Ode", action: "update", changes: { notes: [null, "Call first"] } },
    { id: 10, at: "2026-11-22 09:00:00.000", user: null, action: "restore", changes: null },
    { id: 9, at: "2026-11-21 09:00:00.000", user: "Anna Keane", action: "delete", changes: null },
    { id: 8, at: "2026-11-20 17:30:00.000", user: "Anna Keane", action: "create", changes: null },
  ],
};

function entries() {
  return within(screen.getByRole("list", { name: "History" }))
    .getAllByRole("listitem")
    .map((li) => li.textContent);
}

describe("HistoryList", () => {
  it("tells each entry in words, newest first, with labels and formatted values", () => {
    const { data, table } = cardData("invoices");
    render(<HistoryList history={history} table={table} format={data.format} />);
    const due = (v: string) => fieldKinds.date.formatDisplay(v, table.fieldsByKey.get("due_date")!.def, data.format);
    expect(due("2026-12-01")).not.toBe("2026-12-01");
    expect(entries()).toEqual([
      `Anna Keane changed Status from Draft to Issued, Due date from ${due("2026-12-01")} to ${due("2026-12-15")} — 24 Nov 2026, 10:15`,
      "Ben Ode changed Notes from (empty) to Call first — 23 Nov 2026, 08:05",
      "The system restored this invoice — 22 Nov 2026, 09:00",
      "Anna Keane deleted this invoice — 21 Nov 2026, 09:00",
      "Anna Keane created this invoice — 20 Nov 2026, 17:30",
    ]);
  });

  it("formats money with its currency and shows times in the card's time zone", () => {
    const { table } = cardData("products");
    const entry = { id: 1, at: "2026-11-24 23:30:00", user: "Anna Keane", action: "update", changes: { price: [100, 120.5] } };
    render(
      <HistoryList
        history={{ limit: 50, more: false, entries: [entry] }}
        table={table}
        format={{ locale: "en-US", currency: "EUR", timeZone: "Europe/Warsaw" }}
      />,
    );
    expect(entries()[0]).toMatch(/^Anna Keane changed Price from €100\.00 to €120\.50 — 25 Nov 2026, 00:30$/);
  });

  it("links to older entries only when there are more, keeping the tab open", () => {
    const { data, table } = cardData("invoices");
    const { rerender } = render(<HistoryList history={history} table={table} format={data.format} keepQuery="tab=2" />);
    expect(screen.getByRole("link", { name: "Show older" }).getAttribute("href")).toBe("?tab=2&history=100");
    rerender(<HistoryList history={{ ...history, more: false }} table={table} format={data.format} />);
    expect(screen.queryByRole("link", { name: "Show older" })).toBeNull();
    rerender(<HistoryList history={{ limit: 50, more: false, entries: [] }} table={table} format={data.format} />);
    expect(screen.getByText("No changes recorded yet.")).toBeTruthy();
  });

  it("reads ?history= as whole pages between 50 and 1000", () => {
    expect([null, "abc", "10", "50", "51", "100", "5000"].map(historyLimit)).toEqual([50, 50, 50, 50, 100, 100, 1000]);
  });
});

describe("the History tab of a card", () => {
  const stored = {
    id: 7,
    version: 3,
    number: "INV-7",
    client: 1,
    date: "2025-03-01",
    currency: "EUR",
    status: "draft",
    _expanded: {},
    items: [],
  };

  it("comes after the layout's tabs on a saved card", () => {
    const { data, compiled, table } = cardData("invoices", { record: stored, history });
    render(<CardForm data={data} compiled={compiled} table={table} onSubmit={vi.fn()} initialTab={3} />);
    const tabs = screen.getAllByRole("tab");
    expect(tabs.map((t) => t.textContent)).toEqual(["Details", "Credit notes", "Payments", "History"]);
    expect(tabs[3].getAttribute("aria-selected")).toBe("true");
    expect(within(screen.getByRole("tabpanel")).getByRole("list", { name: "History" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Show older" }).getAttribute("href")).toBe("?tab=3&history=100");
  });

  it("is a section at the end of a single-page card, and absent on a new card", () => {
    const layout = {
      type: "VerticalLayout" as const,
      elements: [{ type: "Control" as const, scope: "#/properties/name", "x-field": "f_products_name" }],
    };
    const { data, compiled, table } = cardData("products", {
      layout,
      record: { id: 3, version: 1, name: "Support plan" },
      history: { ...history, more: false },
    });
    const { unmount } = render(<CardForm data={data} compiled={compiled} table={table} onSubmit={vi.fn()} />);
    expect(screen.getByRole("region", { name: "History" })).toBeTruthy();
    unmount();
    const fresh = cardData("invoices");
    render(<CardForm data={fresh.data} compiled={fresh.compiled} table={fresh.table} onSubmit={vi.fn()} />);
    expect(screen.queryByRole("tab", { name: "History" })).toBeNull();
  });
});
