import type { ClientRect, Collision, CollisionDetection, KeyboardCoordinateGetter, UniqueIdentifier } from "@dnd-kit/core";

/** Farther than this from every drop position, a drop does nothing. */
const REACH = 96;

function centerOf(rect: ClientRect): { x: number; y: number } {
  return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
}

/** Hidden tabs' droppables measure 0×0; they are not there to drop on. */
function visible(rect: ClientRect | undefined | null): rect is ClientRect {
  return Boolean(rect && (rect.width > 0 || rect.height > 0));
}

/**
 * The drop position nearest to the pointer (to the dragged thing's centre for the keyboard),
 * measured to the edge of each position's box, so thin gaps between rows are as easy to hit as
 * the halves of a cell; inside several, the smallest wins.
 */
export function nearestDropPosition(accepts: (activeId: string, dropId: string) => boolean): CollisionDetection {
  return ({ active, collisionRect, droppableContainers, droppableRects, pointerCoordinates }) => {
    const point = pointerCoordinates ?? centerOf(collisionRect);
    const found: (Collision & { distance: number; area: number })[] = [];
    for (const container of droppableContainers) {
      if (container.disabled) continue;
      const rect = droppableRects.get(container.id);
      if (!visible(rect) || !accepts(String(active.id), String(container.id))) continue;
      const dx = Math.max(rect.left - point.x, 0, point.x - rect.right);
      const dy = Math.max(rect.top - point.y, 0, point.y - rect.bottom);
      const distance = Math.hypot(dx, dy);
      if (distance > REACH) continue;
      found.push({ id: container.id, data: { droppableContainer: container, value: distance }, distance, area: rect.width * rect.height });
    }
    found.sort((a, b) => a.distance - b.distance || a.area - b.area);
    return found.map(({ id, data }) => ({ id, data }));
  };
}

interface Stop {
  id: UniqueIdentifier;
  rect: ClientRect;
}

/** Drop positions in reading order: top to bottom, then left to right. */
function readingOrder(stops: Stop[]): Stop[] {
  return [...stops].sort((a, b) => Math.round(a.rect.top) - Math.round(b.rect.top) || a.rect.left - b.rect.left);
}

/**
 * Arrow keys step from drop position to drop position (not 25 pixels at a time): Right and Left
 * go to the next and previous one in reading order, Down and Up to the nearest one on another
 * line. Positions that mean the same gap (`sameGap`) are stepped over.
 */
export function stepThroughDropPositions(
  accepts: (activeId: string, dropId: string) => boolean,
  sameGap: (a: string, b: string) => boolean,
): KeyboardCoordinateGetter {
  return (event, { active, context, currentCoordinates }) => {
    const direction = event.code;
    if (!["ArrowRight", "ArrowLeft", "ArrowDown", "ArrowUp"].includes(direction)) return undefined;
    event.preventDefault();
    const stops: Stop[] = [];
    for (const container of context.droppableContainers.getEnabled()) {
      const rect = context.droppableRects.get(container.id);
      if (visible(rect) && accepts(String(active), String(container.id))) stops.push({ id: container.id, rect });
    }
    const ordered = readingOrder(stops);
    if (ordered.length === 0) return currentCoordinates;
    const overId = context.over?.id;
    let index = ordered.findIndex((s) => s.id === overId);
    const here = index >= 0 ? ordered[index] : null;
    const step = direction === "ArrowRight" || direction === "ArrowDown" ? 1 : -1;
    const differs = (s: Stop) => !here || !sameGap(String(s.id), String(here.id));
    const otherLine = (s: Stop) => !here || (step > 0 ? s.rect.top > here.rect.top + 2 : s.rect.top < here.rect.top - 2);
    const vertical = direction === "ArrowDown" || direction === "ArrowUp";
    let next: Stop | undefined;
    if (index < 0) next = step > 0 ? ordered[0] : ordered[ordered.length - 1];
    else
      for (index += step; index >= 0 && index < ordered.length; index += step) {
        const candidate = ordered[index];
        if (differs(candidate) && (!vertical || otherLine(candidate))) {
          next = candidate;
          break;
        }
      }
    if (!next) return currentCoordinates;
    const dragged = context.collisionRect;
    const target = centerOf(next.rect);
    return { x: target.x - (dragged?.width ?? 0) / 2, y: target.y - (dragged?.height ?? 0) / 2 };
  };
}
