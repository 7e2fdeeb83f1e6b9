import { describe, expect, it } from "vitest";
import { layoutShapeProblems } from "@runtime/layouts/layout-schema";
import { layoutFieldProblems, resolveLayout } from "@runtime/layouts/resolve-layout";
import type { CardLayout } from "@runtime/layouts/types";
import { resizeControl } from "./control-options";
import { canUndo, createHistory, push, undo } from "./history";
import { moveElement } from "./move-element";
import { elementAt, findControl } from "./paths";
import { addSection } from "./sections";
import { clients, clientsLayout, fieldId, keysOfRows } from "./test-support";

describe("issue 6: the admin's scenario as layout operations", () => {
  it("moves Email to the second tab at full width and fills a new Bank details section", () => {
    const start = clientsLayout();
    let history = createHistory(start);
    const step = (change: (layout: CardLayout) => CardLayout) => {
      history = push(history, change(history.present));
      expect(layoutShapeProblems(history.present)).toEqual([]);
      expect(layoutFieldProblems(history.present, clients)).toEqual([]);
    };

    // Email, from the first section into the second tab, after its related list.
    expect(findControl(start, fieldId("email"))!.slice(0, 2)).toEqual([0, 0]);
    step((l) => moveElement(l, findControl(l, fieldId("email"))!, [1, 1]));
    const emailAt = findControl(history.present, fieldId("email"))!;
    expect(emailAt).toEqual([1, 1, 0]);

    step((l) => resizeControl(l, emailAt, 12));
    expect(elementAt(history.present, emailAt)).toMatchObject({ options: { width: 12 } });

    // A "Bank details" section below "Details" in the first tab, with two fields.
    step((l) => addSection(l, [0, 1], "Bank details"));
    step((l) => moveElement(l, findControl(l, fieldId("tax_id"))!, [0, 1, 0]));
    step((l) => moveElement(l, findControl(l, fieldId("registration_number"))!, [0, 1, 0, 1]));

    const done = history.present;
    expect(elementAt(done, [0, 1])).toMatchObject({
      type: "Group",
      label: "Bank details",
      elements: [
        {
          type: "HorizontalLayout",
          elements: [
            { "x-field": fieldId("tax_id"), options: { width: 6 } },
            { "x-field": fieldId("registration_number"), options: { width: 6 } },
          ],
        },
      ],
    });
    // The rows they left: tax_id's row lost its partner too (Email), so it is gone.
    expect(keysOfRows(done).slice(0, 2)).toEqual([["name", "legal_name"], ["kind"]]);
    const { unplaced, notices } = resolveLayout(done, clients);
    expect(unplaced).toEqual([]);
    expect(notices).toEqual([]);

    let steps = 0;
    while (canUndo(history)) {
      history = undo(history);
      steps++;
    }
    expect(steps).toBe(5);
    expect(history.present).toEqual(start);
  });
});
