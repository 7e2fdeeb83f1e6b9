// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RuleRun } from "@runtime/automation/types";
import { RunLog } from "./run-log";

const run = (id: number, patch: Partial<RuleRun>): RuleRun => ({
  id,
  ruleId: 3,
  table: "clients",
  recordId: 33,
  occurrence: "v2",
  trigger: "updated",
  state: "done",
  actions: [],
  error: null,
  depth: 0,
  attempts: 1,
  retryable: false,
  createdAt: "2026-01-01T09:00:00.000Z",
  updatedAt: "2026-01-01T09:00:00.000Z",
  ...patch,
});

describe("RunLog", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("names each run's rule and error, and retries a failed run once", async () => {
    const failed = run(2, { state: "failed", error: "priority is not an option", attempts: 4, retryable: true });
    const fetch = vi.fn(async () => new Response(JSON.stringify(failed), { status: 200, headers: { "Content-Type": "application/json" } }));
    vi.stubGlobal("fetch", fetch);
    render(<RunLog runs={[failed, run(1, {})]} ruleNames={{ 3: "Follow-up" }} />);
    expect(screen.getAllByRole("link", { name: "Follow-up" })).toHaveLength(2);
    expect(screen.getByText("priority is not an option")).toBeTruthy();
    expect(screen.getByText("4 attempts")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByText("Queued again")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Retry" })).toBeNull();
    expect(fetch).toHaveBeenCalledWith("/api/rules/runs/2/retry", expect.objectContaining({ method: "POST" }));
  });

  it("says when a rule has not run", () => {
    render(<RunLog runs={[]} />);
    expect(screen.getByText("This rule has not run yet.")).toBeTruthy();
  });
});
