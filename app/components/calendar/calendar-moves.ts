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
 * cell that shows that day (never beyond the days shown). `from` says which day an item starts
 * on, for the first key press before it is over any day.
 */
export function stepThroughDays(from: (dragId: string) => string | undefined): KeyboardCoordinateGetter {
  return (event, { active, context, currentCoordinates }) => {
    const step = STEPS[event.code];
    if (step === undefined) return undefined;
    event.preventDefault();
    const here = context.over ? dayOf(String(context.over.id)) : from(String(active));
    if (!here) return currentCoordinates;
    const rect = context.droppableRects.get(dayDropId(addDays(here, step)));
    if (!rect) return currentCoordinates;
    const dragged = context.collisionRect;
    return { x: rect.left + rect.width / 2 - (dragged?.width ?? 0) / 2, y: rect.top + Math.min(28, rect.height / 3) };
  };
}
