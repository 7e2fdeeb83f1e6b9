// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RuleRun } from "@runtime/automation/types";
import { RunLog } from "./run-log";
import sv from "../../../locales/sv.json";
import i18next from "i18next";
import { I18nextProvider } from "react-i18next";

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
  it("says a failed run's error in the reader's language when it is one of Tessera's", () => {
    const swedish = i18next.createInstance();
    void swedish.init({ lng: "sv", resources: { sv: { translation: sv } }, initAsync: false, interpolation: { escapeValue: false } });
    const failed = run(5, {
      state: "failed",
      error: "action 1 (assign owner): no route matched and there is no pool to choose from",
      errorWords: { key: "refusals.automation.noRoute", values: { where: "action 1 (assign owner)" } },
    });
    render(
      <I18nextProvider i18n={swedish}>
        <RunLog runs={[failed, run(6, { state: "failed", error: "database gone" })]} />
      </I18nextProvider>,
    );
    expect(screen.getByText("action 1 (assign owner): ingen väg matchade och det finns ingen pool att välja från")).toBeTruthy();
    expect(screen.getByText("database gone")).toBeTruthy();
  });

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
