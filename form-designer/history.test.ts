import { describe, expect, it } from "vitest";
import type { CardLayout } from "@runtime/layouts/types";
import { canRedo, canUndo, createHistory, HISTORY_LIMIT, push, redo, undo } from "./history";
import { addTab } from "./tabs";
import { clientsLayout } from "./test-support";

describe("layout history", () => {
  it("undoes and redoes, a new step dropping the redo branch", () => {
    const a = clientsLayout();
    const b = addTab(a, "B");
    const c = addTab(b, "C");
    let h = push(push(createHistory(a), b), c);
    expect(canUndo(h)).toBe(true);
    expect(canRedo(h)).toBe(false);
    h = undo(h);
    expect(h.present).toBe(b);
    h = undo(h);
    expect(h.present).toBe(a);
    expect(canUndo(h)).toBe(false);
    h = redo(h);
    expect(h.present).toBe(b);
    expect(canRedo(h)).toBe(true);
    const d = addTab(b, "D");
    h = push(h, d);
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe(b);
  });

  it("ignores pushing the present again and throws when there is nothing to undo or redo", () => {
    const h = createHistory(clientsLayout());
    expect(push(h, h.present)).toBe(h);
    expect(() => undo(h)).toThrow("nothing to undo");
    expect(() => redo(h)).toThrow("nothing to redo");
  });

  it("keeps only the last 100 steps", () => {
    const states: CardLayout[] = [clientsLayout()];
    let h = createHistory(states[0]);
    for (let i = 1; i <= 150; i++) {
      states.push(addTab(states[0], `Tab ${i}`));
      h = push(h, states[i]);
    }
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    let steps = 0;
    while (canUndo(h)) {
      h = undo(h);
      steps++;
    }
    expect(steps).toBe(100);
    expect(h.present).toBe(states[50]);
  });
});
