// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { forgetEdit, keepEdit, PENDING_EVENT, pendingEditOf, pendingEdits, sendPendingEdits } from "./pending-edits";

afterEach(() => window.localStorage.clear());

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

describe("edits kept on this device", () => {
  it("keeps one edit per user and record, adding to it and keeping the version it was first based on", () => {
    const changed = vi.fn();
    window.addEventListener(PENDING_EVENT, changed);
    keepEdit(1, { table: "clients", id: 7, version: 3, changes: { name: "Acme" }, title: "Acme" }, new Date("2026-12-06T09:00:00Z"));
    keepEdit(1, { table: "clients", id: 7, version: 4, changes: { phone: "+1 555 0100" }, title: "Acme" });
    keepEdit(2, { table: "clients", id: 7, version: 3, changes: { name: "Not yours" }, title: "Acme" });
    expect(pendingEditOf(1, "clients", 7)).toMatchObject({ version: 3, changes: { name: "Acme", phone: "+1 555 0100" }, state: "pending" });
    expect(pendingEdits(1)).toHaveLength(1);
    expect(pendingEdits(2)[0].changes).toEqual({ name: "Not yours" });
    expect(changed).toHaveBeenCalledTimes(3);
    forgetEdit(1, "clients", 7);
    expect(pendingEdits(1)).toEqual([]);
    window.removeEventListener(PENDING_EVENT, changed);
  });

  it("sends them with If-Match, forgets what arrived, and keeps a conflict or a refusal to show", async () => {
    keepEdit(1, { table: "clients", id: 1, version: 2, changes: { name: "Sent" }, title: "A" }, new Date("2026-12-06T09:00:00Z"));
    keepEdit(1, { table: "clients", id: 2, version: 5, changes: { name: "Stale" }, title: "B" }, new Date("2026-12-06T09:01:00Z"));
    keepEdit(1, { table: "clients", id: 3, version: 1, changes: { email: "x" }, title: "C" }, new Date("2026-12-06T09:02:00Z"));
    const fetcher = vi.fn(async (url: RequestInfo | URL) => {
      if (String(url).endsWith("/1")) return json({ id: 1, version: 3 });
      if (String(url).endsWith("/2")) return json({ error: "stale", details: { current: { id: 2, version: 6, name: "Theirs" } } }, 409);
      return json({ error: "email: must be an email address" }, 422);
    });
    const outcome = await sendPendingEdits(1, fetcher as typeof fetch);
    expect(fetcher.mock.calls[0]).toEqual([
      "/api/t/clients/1",
      { method: "PATCH", headers: { "Content-Type": "application/json", "If-Match": '"2"' }, body: '{"name":"Sent"}' },
    ]);
    expect(outcome.sent.map((e) => e.id)).toEqual([1]);
    expect(pendingEditOf(1, "clients", 1)).toBeNull();
    expect(pendingEditOf(1, "clients", 2)).toMatchObject({ state: "conflict", theirs: { version: 6, name: "Theirs" } });
    expect(pendingEditOf(1, "clients", 3)).toMatchObject({ state: "refused", problem: "email: must be an email address" });
    // A conflict or a refusal is not sent again by itself: the card shows it.
    fetcher.mockClear();
    await sendPendingEdits(1, fetcher as typeof fetch);
    expect(fetcher).not.toHaveBeenCalled();
  });

  it("stops at the first network failure and keeps the rest", async () => {
    keepEdit(1, { table: "clients", id: 1, version: 2, changes: { name: "A" }, title: "A" });
    keepEdit(1, { table: "clients", id: 2, version: 2, changes: { name: "B" }, title: "B" });
    const fetcher = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    });
    const outcome = await sendPendingEdits(1, fetcher as typeof fetch);
    expect(outcome.stillOffline).toBe(true);
    expect(fetcher).toHaveBeenCalledTimes(1);
    expect(pendingEdits(1).map((e) => e.state)).toEqual(["pending", "pending"]);
  });
});
