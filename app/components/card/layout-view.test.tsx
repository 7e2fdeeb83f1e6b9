// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { CardLayout, ControlElement } from "@runtime/layouts/types";
import { LayoutView } from "./layout-view";

afterEach(cleanup);

const control = (key: string): ControlElement =>
  ({ type: "Control", scope: `#/properties/${key}`, "x-field": `f_${key}` }) as ControlElement;
const renderers = { control: (c: ControlElement) => <span key={c.scope}>{c.scope}</span>, relatedList: () => null };

function show(layout: CardLayout) {
  render(<LayoutView layout={layout} render={renderers} tab={0} onTab={() => undefined} hydrated />);
}

describe("LayoutView", () => {
  it("leaves out a section whose fields all moved elsewhere, keeping the others", () => {
    show({
      type: "VerticalLayout",
      elements: [
        { type: "Group", label: "Details", elements: [{ type: "HorizontalLayout", elements: [control("name")] }] },
        { type: "Group", label: "Totals", elements: [{ type: "HorizontalLayout", elements: [] }, { type: "Separator" }] },
        { type: "Group", label: "Remarks", elements: [{ type: "Note", text: "Ask before calling." }] },
      ],
    } as unknown as CardLayout);
    expect(screen.getByRole("region", { name: "Details" })).toBeTruthy();
    expect(screen.getByRole("region", { name: "Remarks" })).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Totals" })).toBeNull();
    expect(document.body.textContent).not.toContain("Totals");
  });
});
