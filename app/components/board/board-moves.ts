import type { KeyboardCoordinateGetter } from "@dnd-kit/core";

/** Drag ids of cards and drop ids of columns: `card:<id>`, `column:<index>`. */
export const cardDragId = (id: number) => `card:${id}`;
export const columnDropId = (index: number) => `column:${index}`;
export const cardIdOf = (dragId: string) => Number(dragId.slice("card:".length));
export const columnIndexOf = (dropId: string) => Number(dropId.slice("column:".length));

/**
 * Keyboard drag on a board: Left and Right step to the neighbouring column (in the order they
 * are shown, left to right), so a card moves one stage with one key press.
 */
export const stepThroughColumns: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  if (event.code !== "ArrowRight" && event.code !== "ArrowLeft") return undefined;
  event.preventDefault();
  const columns = context.droppableContainers
    .getEnabled()
    .map((c) => ({ id: c.id, rect: context.droppableRects.get(c.id) }))
    .filter((c): c is { id: typeof c.id; rect: NonNullable<typeof c.rect> } => c.rect !== undefined)
    .sort((a, b) => a.rect.left - b.rect.left);
  if (columns.length === 0) return currentCoordinates;
  const here = columns.findIndex((c) => c.id === context.over?.id);
  const next = columns[Math.max(0, Math.min(columns.length - 1, (here < 0 ? 0 : here) + (event.code === "ArrowRight" ? 1 : -1)))];
  const dragged = context.collisionRect;
  // The card's top stays in view: its column's first rows, not its middle far below.
  return { x: next.rect.left + next.rect.width / 2 - (dragged?.width ?? 0) / 2, y: next.rect.top + 8 };
};
