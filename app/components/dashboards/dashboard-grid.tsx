import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { arrayMove, rectSortingStrategy, SortableContext, sortableKeyboardCoordinates, useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useTranslation } from "react-i18next";
import type { Widget, WidgetView } from "@runtime/reports/dashboards.server";
import { DashboardWidget } from "./dashboard-widget";

/**
 * The widgets of a dashboard on a two-column grid. Arranging, an admin drags a widget by its
 * handle (or lifts it with Space and moves it with the arrow keys), widens or narrows it, or
 * takes it off; the page saves the new order.
 */

export function DashboardGrid(props: { views: WidgetView[]; arranging: boolean; onChange?(widgets: Widget[]): void }) {
  const { views, arranging } = props;
  const { t } = useTranslation();
  const ids = views.map((_, i) => `w${i}`);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const nameOf = (id: unknown) => views[ids.indexOf(String(id))]?.report?.name ?? t("dashboards.aReport");
  const widgets = views.map((v) => v.widget);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    props.onChange?.(arrayMove(widgets, ids.indexOf(String(active.id)), ids.indexOf(String(over.id))));
  };
  if (views.length === 0) return <p className="muted">{arranging ? t("dashboards.emptyArranging") : t("dashboards.empty")}</p>;
  if (!arranging)
    return (
      <div className="dashboard-grid">
        {views.map((v, i) => (
          <DashboardWidget key={ids[i]} view={v} />
        ))}
      </div>
    );
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        screenReaderInstructions: { draggable: t("dashboards.drag.instructions") },
        announcements: {
          onDragStart: ({ active }) => t("dashboards.drag.start", { name: nameOf(active.id) }),
          onDragOver: ({ active, over }) =>
            over
              ? t("dashboards.drag.over", { name: nameOf(active.id), other: nameOf(over.id) })
              : t("dashboards.drag.off", { name: nameOf(active.id) }),
          onDragEnd: ({ active, over }) =>
            over
              ? t("dashboards.drag.dropped", { name: nameOf(active.id), other: nameOf(over.id) })
              : t("dashboards.drag.stays", { name: nameOf(active.id) }),
          onDragCancel: ({ active }) => t("dashboards.drag.cancelled", { name: nameOf(active.id) }),
        },
      }}
    >
      <SortableContext items={ids} strategy={rectSortingStrategy}>
        <div className="dashboard-grid dashboard-grid--arranging">
          {views.map((v, i) => (
            <SortableWidget
              key={ids[i]}
              id={ids[i]}
              view={v}
              onResize={() => props.onChange?.(widgets.map((w, j) => (j === i ? { ...w, size: w.size === "full" ? "half" : "full" } : w)))}
              onRemove={() => props.onChange?.(widgets.filter((_, j) => j !== i))}
            />
          ))}
        </div>
      </SortableContext>
    </DndContext>
  );
}

function SortableWidget({ id, view, onResize, onRemove }: { id: string; view: WidgetView; onResize(): void; onRemove(): void }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  const name = view.report?.name ?? t("dashboards.aReport");
  const handle = (
    <span className="dashboard-widget__tools">
      <button
        type="button"
        className="sd-handle"
        ref={setActivatorNodeRef}
        {...attributes}
        {...listeners}
        aria-label={t("dashboards.move", { name })}
        data-widget-handle={id}
      >
        <span aria-hidden="true">⋮⋮</span>
      </button>
      <button type="button" className="button button--ghost button--small" onClick={onResize}>
        {view.widget.size === "full" ? t("dashboards.narrow") : t("dashboards.widen")}
      </button>
      <button
        type="button"
        className="button button--ghost button--small"
        onClick={onRemove}
        aria-label={t("dashboards.takeOff", { name })}
      >
        {t("dashboards.remove")}
      </button>
    </span>
  );
  return (
    <div
      ref={setNodeRef}
      className={`dashboard-grid__cell dashboard-grid__cell--${view.widget.size}${isDragging ? " is-dragging" : ""}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-widget={id}
    >
      <DashboardWidget view={view} handle={handle} />
    </div>
  );
}
