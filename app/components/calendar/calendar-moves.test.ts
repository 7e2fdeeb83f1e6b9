import type { KeyboardCoordinateGetter } from "@dnd-kit/core";
import { describe, expect, it } from "vitest";
import { dayDropId, dayStepper } from "./calendar-moves";

type Args = Parameters<KeyboardCoordinateGetter>[1];

/** Day cells 100 px square, Monday to Sunday in rows: 30 November 2026 starts the grid. */
const days = [
  "2026-11-30",
  "2026-12-01",
  "2026-12-02",
  "2026-12-03",
  "2026-12-04",
  "2026-12-05",
  "2026-12-06",
  "2026-12-07",
  "2026-12-08",
  "2026-12-09",
  "2026-12-10",
];
const rects = new Map(days.map((d, i) => [dayDropId(d), { left: (i % 7) * 100, top: Math.floor(i / 7) * 100, width: 100, height: 100 }]));
const args = (over: string | null) =>
  ({
    active: "item:7",
    currentCoordinates: { x: 0, y: 0 },
    context: { over: over ? { id: dayDropId(over) } : null, droppableRects: rects, collisionRect: { width: 80 } },
  }) as unknown as Args;
const key = (code: string) => ({ code, preventDefault: () => {} }) as KeyboardEvent;

describe("dayStepper", () => {
  it("steps a day with Left and Right and a week with Up and Down, from where it last stepped", () => {
    const { getter } = dayStepper(() => "2026-12-03");
    // Over nothing yet: from the item's own day, Thursday the 3rd, down a week to the 10th.
    expect(getter(key("ArrowDown"), args(null))).toEqual({ x: 3 * 100 + 50 - 40, y: 100 + 28 });
    // dnd-kit has not updated `over` yet: still the 10th, and one back is the 9th.
    expect(getter(key("ArrowLeft"), args("2026-12-03"))).toEqual({ x: 2 * 100 + 50 - 40, y: 100 + 28 });
  });

  it("stays put beyond the days shown, ignores other keys, and forgets at reset", () => {
    const stepper = dayStepper(() => "2026-11-30");
    expect(stepper.getter(key("ArrowUp"), args(null))).toEqual({ x: 0, y: 0 });
    expect(stepper.getter(key("KeyA"), args(null))).toBeUndefined();
    stepper.getter(key("ArrowRight"), args(null));
    stepper.reset();
    expect(stepper.getter(key("ArrowRight"), args(null))).toEqual({ x: 100 + 50 - 40, y: 28 });
  });
});
