import { describe, expect, it } from "vitest";
import type { ControlElement } from "@runtime/layouts/types";
import { moveDestinations } from "./destinations";
import { moveElement } from "./move-element";
import { addSection } from "./sections";
import { clients, clientsLayout, fieldId } from "./test-support";
import { findControl } from "./paths";

const nameOf = (c: ControlElement) => clients.fieldsByKey.get(c.scope.replace("#/properties/", ""))?.label ?? "?";

describe("moveDestinations", () => {
  it("offers every tab, section and other row, each ready to move to", () => {
    const layout = addSection(clientsLayout(), [0, 1], "Bank details");
    const email = findControl(layout, fieldId("email"))!;
    const options = moveDestinations(layout, { kind: "element", path: email }, nameOf);
    const labels = options.map((o) => o.label);
    expect(labels).toContain("tab Contacts, a new row at the end");
    expect(labels).toContain("tab Details, section Bank details, a new row at the end");
    expect(labels).toContain("tab Details, section Details, row 1, at its end");
    // Its own row is not a destination.
    expect(labels.some((l) => l.startsWith("tab Details, section Details, row 3,"))).toBe(false);
    const bank = options.find((o) => o.label.includes("Bank details"))!;
    const moved = moveElement(layout, email, bank.at);
    expect(findControl(moved, fieldId("email"))).toEqual([0, 1, 0, 0]);
  });

  it("offers a section only tabs, never rows or other sections", () => {
    const options = moveDestinations(clientsLayout(), { kind: "element", path: [0, 0] }, nameOf);
    expect(options.map((o) => o.label)).toEqual([
      "tab Details, a new row at the end",
      "tab Contacts, a new row at the end",
      "tab Events, a new row at the end",
      "tab Contracts, a new row at the end",
      "tab Invoices, a new row at the end",
    ]);
    expect(options.every((o) => o.at.length === 2)).toBe(true);
  });
});
