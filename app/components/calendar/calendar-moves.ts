import type { KeyboardCoordinateGetter } from "@dnd-kit/core";
import { addDays } from "@runtime/views/calendar-range";

/** Drag ids of items and drop ids of days: `item:<id>`, `day:<YYYY-MM-DD>`. */
export const itemDragId = (id: number) => `item:${id}`;
export const dayDropId = (day: string) => `day:${day}`;
export const itemIdOf = (dragId: string) => Number(dragId.slice("item:".length));
export const dayOf = (dropId: string) => dropId.slice("day:".length);

const STEPS: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

/**
 * Keyboard drag on a calendar: Left and Right move an item a day, Up and Down a week, to the day
 * cell that shows that day (never beyond the days shown). The stepper remembers the day it last
 * stepped to, since dnd-kit updates `over` only after a render and quick key presses come sooner;
 * `from` says which day an item starts on, and `reset` forgets at the end of each drag.
 */
export function dayStepper(from: (dragId: string) => string | undefined): { getter: KeyboardCoordinateGetter; reset: () => void } {
  let last: { active: string; day: string } | null = null;
  const getter: KeyboardCoordinateGetter = (event, { active, context, currentCoordinates }) => {
    const step = STEPS[event.code];
    if (step === undefined) return undefined;
    event.preventDefault();
    const dragId = String(active);
    const here = last?.active === dragId ? last.day : context.over ? dayOf(String(context.over.id)) : from(dragId);
    if (!here) return currentCoordinates;
    const day = addDays(here, step);
    const rect = context.droppableRects.get(dayDropId(day));
    if (!rect) return currentCoordinates;
    last = { active: dragId, day };
    const dragged = context.collisionRect;
    return { x: rect.left + rect.width / 2 - (dragged?.width ?? 0) / 2, y: rect.top + Math.min(28, rect.height / 3) };
  };
  return {
    getter,
    reset: () => {
      last = null;
    },
  };
}
