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
import { useTranslation } from "react-i18next";
import type { Words } from "@runtime/i18n/words";
import { useWords } from "../../i18n/use-words";

export interface SortableItem {
  key: string;
  label: string;
}

/** Every announcement names fields by the labels staff see, and says where the field ends up. */
function announcementsFor(items: SortableItem[], t: Words): Announcements {
  const labelOf = (id: UniqueIdentifier) => items.find((i) => i.key === id)?.label ?? String(id);
  const position = (id: UniqueIdentifier) =>
    t("schemaDesigner.sort.position", { n: items.findIndex((i) => i.key === id) + 1, total: items.length });
  const say = (key: string, values: Record<string, unknown>) => t(`schemaDesigner.sort.${key}`, values);
  return {
    onDragStart: ({ active }) => say("pickedUp", { field: labelOf(active.id), position: position(active.id) }),
    onDragOver: ({ active, over }) =>
      over
        ? say("over", { field: labelOf(active.id), position: position(over.id), other: labelOf(over.id) })
        : say("notOver", { field: labelOf(active.id) }),
    onDragEnd: ({ active, over }) =>
      over
        ? say("dropped", { field: labelOf(active.id), position: position(over.id) })
        : say("droppedInPlace", { field: labelOf(active.id) }),
    onDragCancel: ({ active }) => say("cancelled", { field: labelOf(active.id), position: position(active.id) }),
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
  const { t } = useTranslation();
  const words = useWords();
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
        announcements: announcementsFor(items, words),
        screenReaderInstructions: { draggable: t("schemaDesigner.sort.instructions") },
      }}
    >
      <SortableContext items={items.map((i) => i.key)} strategy={verticalListSortingStrategy}>
        <ol className="sd-fields" aria-label={t("schemaDesigner.sort.list")}>
          {items.map((item) => (
            <SortableRow key={item.key} item={item} renderRow={renderRow} />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

function SortableRow({ item, renderRow }: { item: SortableItem; renderRow: (item: SortableItem, handle: ReactNode) => ReactNode }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: item.key });
  const handle = (
    <button
      type="button"
      className="sd-handle"
      ref={setActivatorNodeRef}
      {...attributes}
      {...listeners}
      aria-label={t("schemaDesigner.sort.handle", { field: item.label })}
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
