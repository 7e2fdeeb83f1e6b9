// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RecordRules } from "./record-rules";

const approval = {
  id: 7,
  ruleId: 2,
  ruleName: "Big invoices need approval",
  table: "invoices",
  recordId: 5,
  recordVersion: 3,
  state: "pending",
  step: 0,
  steps: [
    { approver: "client.manager", users: [{ id: 4, name: "Anna" }], decision: null, decidedBy: null, comment: null, decidedAt: null },
  ],
  message: "Issue INV-5 for 12,000?",
  requestedBy: 9,
  createdAt: "2026-01-01T09:00:00.000Z",
  decidedAt: null,
  usedAt: null,
  canDecide: true,
};

function renderAt(url: string) {
  const router = createMemoryRouter([{ path: "*", element: <RecordRules table="invoices" recordId="5" /> }], { initialEntries: [url] });
  render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);
}

describe("RecordRules", () => {
  let calls: { method: string; url: string; body?: unknown }[];

  beforeEach(() => {
    calls = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init?: RequestInit) => {
        const method = init?.method ?? "GET";
        const body = init?.body ? JSON.parse(String(init.body)) : undefined;
        calls.push({ method, url, body });
        const answer = (json: unknown, status = 200) =>
          new Response(JSON.stringify(json), { status, headers: { "Content-Type": "application/json" } });
        if (url.startsWith("/api/rules/manual"))
          return answer({
            rules: [
              { id: 3, name: "Send reminder", label: "Send reminder", offered: true },
              { id: 4, name: "Void", label: "Void invoice", offered: false },
            ],
          });
        if (url === "/api/rules/3/run")
          return answer({ id: 1, state: "done", actions: [{ type: "create" }, { type: "notify" }, { type: "update", skipped: "no" }] });
        if (url === "/api/approvals/7") return answer(approval);
        if (url === "/api/approvals/7/reject") return answer({ ...approval, state: "rejected" });
        return answer({ error: "not here" }, 404);
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("offers the manual rules whose condition holds and says what a click did", async () => {
    renderAt("/t/invoices/5");
    fireEvent.click(await screen.findByRole("button", { name: "Send reminder" }));
    expect(screen.queryByRole("button", { name: "Void invoice" })).toBeNull();
    expect((await screen.findByRole("status")).textContent).toBe("Send reminder: done (2 action(s), 1 record(s) created).");
    expect(calls).toContainEqual({ method: "POST", url: "/api/rules/3/run", body: { recordId: 5, clickId: expect.any(String) } });
  });

  it("shows the approval of ?approval= and rejects it with a comment", async () => {
    renderAt("/t/invoices/5?approval=7");
    expect((await screen.findByText("Issue INV-5 for 12,000?")).tagName).toBe("STRONG");
    expect(screen.getByText(/Step 1 of 1: waiting for Anna/)).toBeTruthy();
    fireEvent.change(screen.getByPlaceholderText("Comment (optional)"), { target: { value: "too much" } });
    fireEvent.click(screen.getByRole("button", { name: "Reject" }));
    await waitFor(() => expect(screen.getByText(/Rejected\./)).toBeTruthy());
    expect(calls).toContainEqual({ method: "POST", url: "/api/approvals/7/reject", body: { comment: "too much" } });
    expect(screen.queryByRole("button", { name: "Approve" })).toBeNull();
  });
});
