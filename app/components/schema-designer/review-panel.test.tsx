// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import i18next from "i18next";
import { I18nextProvider } from "react-i18next";
import { afterEach, describe, expect, it, vi } from "vitest";
import { schemaProblem } from "@runtime/schema/problem-words";
import { seedSchema } from "@schema-designer/test-schema";
import sv from "../../../locales/sv.json";
import { ReviewPanel } from "./review-panel";
import type { SchemaDraftState } from "./use-schema-draft";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("ReviewPanel", () => {
  it("lists the schema's problems from the server in the admin's language", async () => {
    const swedish = i18next.createInstance();
    void swedish.init({ lng: "sv", resources: { sv: { translation: sv } }, initAsync: false, interpolation: { escapeValue: false } });
    // What the plan API answers a browser session: the English problem with its phrase beside it.
    const problem = schemaProblem("/$defs/clients/x-title-field", "titleMissing", { name: "nickname", fields: "name, email" });
    const fetch = vi.fn(async () =>
      Response.json({ error: "The schema has 1 problem(s)", details: { problems: [problem] } }, { status: 422 }),
    );
    vi.stubGlobal("fetch", fetch);
    const schema = seedSchema();
    const draft = {
      base: { version: 3, schema },
      ops: [{ op: "setTableLabels", table: "clients", labels: { title: "Customer" } }],
      baseVersion: 3,
      schema,
      storedBaseVersion: null,
      edit: vi.fn(() => null),
      removeOps: vi.fn(),
      discard: vi.fn(),
      rebase: vi.fn(),
    } as unknown as SchemaDraftState;
    const onProblems = vi.fn();
    render(
      <I18nextProvider i18n={swedish}>
        <ReviewPanel
          draft={draft}
          sources={{ layouts: {}, views: [], templates: [] }}
          advice={[]}
          onClose={vi.fn()}
          onApplied={vi.fn()}
          onProblems={onProblems}
        />
      </I18nextProvider>,
    );
    const item = await screen.findByText(/titelfältet "nickname" finns inte i tabellen \(fält: name, email\)/);
    expect(item.textContent).not.toContain("does not exist");
    expect(onProblems).toHaveBeenCalledWith([problem]);
  });
});
