import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { ReactNode } from "react";

export interface SortableItem {
  key: string;
  label: string;
}

const SCREEN_READER_INSTRUCTIONS =
  "To move a field, press Space on its handle to lift it, use the up and down arrow keys to move it, then press Space again to drop it, or Escape to cancel.";

/** Every announcement names fields by the labels staff see, and says where the field ends up. */
function announcementsFor(items: SortableItem[]): Announcements {
  const labelOf = (id: UniqueIdentifier) => items.find((i) => i.key === id)?.label ?? String(id);
  const position = (id: UniqueIdentifier) => `position ${items.findIndex((i) => i.key === id) + 1} of ${items.length}`;
  return {
    onDragStart: ({ active }) => `Picked up field ${labelOf(active.id)}, at ${position(active.id)}.`,
    onDragOver: ({ active, over }) =>
      over
        ? `Field ${labelOf(active.id)} is now at ${position(over.id)}, where ${labelOf(over.id)} was.`
        : `Field ${labelOf(active.id)} is no longer over the list.`,
    onDragEnd: ({ active, over }) =>
      over ? `Field ${labelOf(active.id)} was dropped at ${position(over.id)}.` : `Field ${labelOf(active.id)} was dropped where it was.`,
    onDragCancel: ({ active }) => `Moving field ${labelOf(active.id)} was cancelled; it stays at ${position(active.id)}.`,
  };
}

/**
 * The fields of a table in their order, reordered by dragging a handle with the mouse or with the
 * keyboard (Space, arrows, Space). The drag only reports the move; the draft applies `moveField`.
 */
export function SortableFields({
  items,
  onMove,
  renderRow,
}: {
  items: SortableItem[];
  onMove: (key: string, toIndex: number) => void;
  renderRow: (item: SortableItem, handle: ReactNode) => ReactNode;
}) {
  const sensors = useSensors(
    // A small distance keeps a plain click on the handle from starting a drag.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const to = items.findIndex((i) => i.key === over.id);
    if (to >= 0) onMove(String(active.id), to);
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements: announcementsFor(items),
        screenReaderInstructions: { draggable: SCREEN_READER_INSTRUCTIONS },
      }}
    >
      <SortableContext items={items.map((i) => i.key)} strategy={verticalListSortingStrategy}>
        <ol className="sd-fields" aria-label="Fields, in the order of the card and the list">
          {items.map((item) => (
            <SortableRow key={item.key} item={item} renderRow={renderRow} />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

function SortableRow({ item, renderRow }: { item: SortableItem; renderRow: (item: SortableItem, handle: ReactNode) => ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: item.key });
  const handle = (
    <button
      type="button"
      className="sd-handle"
      ref={setActivatorNodeRef}
      {...attributes}
      {...listeners}
      aria-label={`Move field ${item.label}`}
      data-field-handle={item.key}
    >
      <span aria-hidden="true">⋮⋮</span>
    </button>
  );
  return (
    <li
      ref={setNodeRef}
      className={isDragging ? "sd-field is-dragging" : "sd-field"}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-field={item.key}
    >
      {renderRow(item, handle)}
    </li>
  );
}
