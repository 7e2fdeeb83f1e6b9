// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fieldKinds } from "@runtime/fields/registry";
import type { TimelineItem } from "@runtime/records/timeline";
import { CardForm } from "./card-form";
import type { CardTimeline } from "./card-types";
import { cardData } from "./test-card";
import { Timeline } from "./timeline";

afterEach(cleanup);

const changes: TimelineItem[] = [
  {
    type: "change",
    key: "audit:12",
    id: 12,
    at: "2026-11-24T10:15:00.000Z",
    by: "Anna Keane",
    action: "update",
    changes: { status: ["draft", "issued"], due_date: ["2026-12-01", "2026-12-15"] },
  },
  { type: "change", key: "audit:10", id: 10, at: "2026-11-22T09:00:00.000Z", by: null, action: "restore", changes: null },
  { type: "change", key: "audit:8", id: 8, at: "2026-11-20T17:30:00.000Z", by: "Anna Keane", action: "create", changes: null },
];

const call: TimelineItem = {
  type: "record",
  key: "events.client:4",
  at: "2026-11-25T08:00:00.000Z",
  by: "Ben Ode",
  table: "events",
  tableLabel: "Event",
  id: 4,
  title: "Intro call",
  text: "They want a quote",
  details: [{ label: "Kind", text: "Call" }],
};

const kept: TimelineItem = {
  type: "document",
  key: "documents:2",
  at: "2026-11-26T08:00:00.000Z",
  by: null,
  table: "invoices",
  tableLabel: "Invoice",
  recordId: 7,
  filename: "INV-7.pdf",
  pdfHref: "/api/print/invoice/7.pdf",
};

const timeline = (items: TimelineItem[], nextCursor: string | null = null): CardTimeline => ({
  page: { items, nextCursor },
  adds: [
    { type: "note", label: "Add note" },
    { type: "call", label: "Log call" },
    { type: "task", label: "Add task" },
  ],
});

function entries() {
  return within(screen.getByRole("list", { name: "Timeline" }))
    .getAllByRole("listitem")
    .map((li) => li.textContent);
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

describe("Timeline", () => {
  it("tells records, kept documents and changes in words, newest first", () => {
    const { data, table } = cardData("invoices");
    render(<Timeline timeline={timeline([kept, call, ...changes])} table={table} recordId={7} format={data.format} />);
    const due = (v: string) => fieldKinds.date.formatDisplay(v, table.fieldsByKey.get("due_date")!.def, data.format);
    expect(entries()).toEqual([
      "DocumentINV-7.pdf kept for invoice #726 Nov 2026, 08:00",
      "EventIntro callThey want a quoteKind: CallBen Ode · 25 Nov 2026, 08:00",
      `ChangeAnna Keane changed Status from Draft to Issued, Due date from ${due("2026-12-01")} to ${due("2026-12-15")}24 Nov 2026, 10:15`,
      "ChangeThe system restored this invoice22 Nov 2026, 09:00",
      "ChangeAnna Keane created this invoice20 Nov 2026, 17:30",
    ]);
    expect(screen.getByRole("link", { name: "Intro call" }).getAttribute("href")).toBe("/t/events/4");
    expect(screen.getByRole("link", { name: "INV-7.pdf" }).getAttribute("href")).toBe("/api/print/invoice/7.pdf");
  });

  it("loads older items after the cursor", async () => {
    const { data, table } = cardData("invoices");
    const fetcher = vi.fn(async () => json({ items: changes.slice(1), nextCursor: null }));
    render(<Timeline timeline={timeline(changes.slice(0, 1), "c1")} table={table} recordId={7} format={data.format} fetcher={fetcher} />);
    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(() => expect(entries()).toHaveLength(3));
    expect(fetcher).toHaveBeenCalledWith("/api/t/invoices/7/timeline?limit=20&before=c1");
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
  });

  it("adds a note inline and shows the timeline again from its newest item", async () => {
    const { data, table } = cardData("clients");
    const note: TimelineItem = {
      ...call,
      key: "notes.about_id:1",
      table: "notes",
      tableLabel: "Note",
      id: 1,
      title: "Call back",
      text: "Call back",
      details: [],
    };
    const fetcher = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) =>
      init?.method === "POST" ? json({ id: 1 }, 201) : json({ items: [note, call], nextCursor: null }),
    );
    render(<Timeline timeline={timeline([call])} table={table} recordId={3} format={data.format} fetcher={fetcher} />);
    fireEvent.click(screen.getByRole("button", { name: "Add note" }));
    fireEvent.change(screen.getByRole("textbox", { name: "Note" }), { target: { value: "Call back" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(entries()).toHaveLength(2));
    expect(fetcher.mock.calls[0][0]).toBe("/api/t/clients/3/timeline");
    expect(JSON.parse(String(fetcher.mock.calls[0][1]?.body))).toEqual({ type: "note", text: "Call back" });
    expect(screen.queryByRole("textbox", { name: "Note" })).toBeNull();
  });

  it("logs a call with when, how long, how it went, notes and a next step", async () => {
    const { data, table } = cardData("clients");
    const fetcher = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) =>
      init?.method === "POST" ? json({ id: 9 }, 201) : json({ items: [call], nextCursor: null }),
    );
    const tap = "2026-12-06T09:30:00.000Z";
    render(
      <Timeline
        timeline={timeline([])}
        table={table}
        recordId={3}
        format={data.format}
        fetcher={fetcher}
        callRequest={{ at: tap, seq: 1 }}
      />,
    );
    const form = screen.getByRole("form", { name: "Log call" });
    const started = within(form).getByLabelText("Started") as HTMLInputElement;
    expect(new Date(started.value).toISOString()).toBe(tap);
    fireEvent.change(within(form).getByLabelText("Minutes"), { target: { value: "6" } });
    fireEvent.click(within(form).getByRole("radio", { name: "Left message" }));
    fireEvent.change(within(form).getByLabelText("Notes"), { target: { value: "Asked her to call back" } });
    expect((within(form).getByLabelText("Due") as HTMLInputElement).disabled).toBe(true);
    fireEvent.change(within(form).getByLabelText("Next step (becomes your task)"), { target: { value: "Call again" } });
    fireEvent.change(within(form).getByLabelText("Due"), { target: { value: "2026-12-08T10:00" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save call" }));
    await waitFor(() => expect(entries()).toHaveLength(1));
    expect(JSON.parse(String(fetcher.mock.calls[0][1]?.body))).toEqual({
      type: "call",
      startedAt: tap,
      durationMinutes: 6,
      result: "left_message",
      notes: "Asked her to call back",
      nextStep: { subject: "Call again", due: new Date("2026-12-08T10:00").toISOString() },
    });
    expect(screen.queryByRole("form", { name: "Log call" })).toBeNull();
  });

  it("says what the server refused and keeps what was typed", async () => {
    const { data, table } = cardData("clients");
    const fetcher = vi.fn(async () => json({ error: "Your role (Viewer) may not create Tasks." }, 403));
    render(<Timeline timeline={timeline([])} table={table} recordId={3} format={data.format} fetcher={fetcher} />);
    expect(screen.getByText("Nothing here yet.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Add task" }));
    fireEvent.change(screen.getByRole("textbox", { name: "Subject" }), { target: { value: "Send quote" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Your role (Viewer) may not create Tasks.");
    expect((screen.getByRole("textbox", { name: "Subject" }) as HTMLInputElement).value).toBe("Send quote");
  });
});

describe("the timeline of a card", () => {
  it("follows a saved card's layout, outside its form, and is absent on a new card", () => {
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
    const { data, compiled, table } = cardData("invoices", { record: stored, timeline: timeline(changes) });
    const { unmount } = render(<CardForm data={data} compiled={compiled} table={table} onSubmit={vi.fn()} />);
    const section = screen.getByRole("region", { name: "Activity" });
    expect(section.closest("form#card-form")).toBeNull();
    expect(screen.getAllByRole("tab").map((t) => t.textContent)).not.toContain("History");
    unmount();
    const fresh = cardData("invoices");
    render(<CardForm data={fresh.data} compiled={fresh.compiled} table={fresh.table} onSubmit={vi.fn()} />);
    expect(screen.queryByRole("region", { name: "Activity" })).toBeNull();
  });
});
