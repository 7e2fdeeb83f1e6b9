// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NotificationBell } from "./notification-bell";

const rows = [
  { id: 2, title: "Task due: Renew the domain", href: "/t/tasks/9", createdAt: new Date(Date.now() - 120_000).toISOString(), readAt: null },
  { id: 1, title: "Reminder: call Acme", href: "/t/events/3", createdAt: "2026-01-01T09:00:00.000Z", readAt: "2026-01-01T10:00:00.000Z" },
];

describe("NotificationBell", () => {
  let calls: { method: string; url: string }[];
  let unread: number;

  beforeEach(() => {
    calls = [];
    unread = 1;
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init?: RequestInit) => {
        const method = init?.method ?? "GET";
        calls.push({ method, url });
        if (method === "POST") unread = 0;
        const body = method === "GET" ? { rows: unread ? rows : rows.map((r) => ({ ...r, readAt: r.readAt ?? "x" })), unread } : { unread };
        return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("names the unread count, lists the latest with their age, and marks one read", async () => {
    render(<NotificationBell initialUnread={1} />);
    const bell = screen.getByRole("button", { name: "Notifications, 1 unread" });
    expect(bell.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(bell);
    expect(bell.getAttribute("aria-expanded")).toBe("true");
    const link = await screen.findByRole("link", { name: /Task due: Renew the domain/ });
    expect(link.getAttribute("href")).toBe("/t/tasks/9");
    expect(link.textContent).toContain("2 minutes ago");
    fireEvent.click(screen.getByRole("button", { name: "Mark read: Task due: Renew the domain" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Notifications, 0 unread" })).toBeTruthy());
    expect(calls).toContainEqual({ method: "POST", url: "/api/notifications/2/read" });
    expect(screen.queryByRole("button", { name: /^Mark read:/ })).toBeNull();
  });

  it("marks all read, closes on Escape and refreshes the count when the window regains focus", async () => {
    render(<NotificationBell initialUnread={0} />);
    act(() => void window.dispatchEvent(new Event("focus")));
    await screen.findByRole("button", { name: "Notifications, 1 unread" });
    fireEvent.click(screen.getByRole("button", { name: "Notifications, 1 unread" }));
    fireEvent.click(await screen.findByRole("button", { name: "Mark all read" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Notifications, 0 unread" })).toBeTruthy());
    expect(calls).toContainEqual({ method: "POST", url: "/api/notifications/read-all" });
    fireEvent.keyDown(document, { key: "Escape" });
    expect(screen.getByRole("button", { name: "Notifications, 0 unread" }).getAttribute("aria-expanded")).toBe("false");
  });
});
