import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { arrayMove, rectSortingStrategy, SortableContext, sortableKeyboardCoordinates, useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { Widget, WidgetView } from "@runtime/reports/dashboards.server";
import { DashboardWidget } from "./dashboard-widget";

/**
 * The widgets of a dashboard on a two-column grid. Arranging, an admin drags a widget by its
 * handle (or lifts it with Space and moves it with the arrow keys), widens or narrows it, or
 * takes it off; the page saves the new order.
 */

const INSTRUCTIONS =
  "To move a report, press Space on its handle to lift it, use the arrow keys to move it, then press Space again to drop it, or Escape to cancel.";

export function DashboardGrid(props: { views: WidgetView[]; arranging: boolean; onChange?(widgets: Widget[]): void }) {
  const { views, arranging } = props;
  const ids = views.map((_, i) => `w${i}`);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const nameOf = (id: unknown) => views[ids.indexOf(String(id))]?.report?.name ?? "report";
  const widgets = views.map((v) => v.widget);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    props.onChange?.(arrayMove(widgets, ids.indexOf(String(active.id)), ids.indexOf(String(over.id))));
  };
  if (views.length === 0) return <p className="muted">This dashboard has no reports yet{arranging ? ": add one below." : "."}</p>;
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
        screenReaderInstructions: { draggable: INSTRUCTIONS },
        announcements: {
          onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}.`,
          onDragOver: ({ active, over }) =>
            over ? `${nameOf(active.id)} is over ${nameOf(over.id)}.` : `${nameOf(active.id)} is off the grid.`,
          onDragEnd: ({ active, over }) =>
            over ? `${nameOf(active.id)} was dropped where ${nameOf(over.id)} was.` : `${nameOf(active.id)} stays where it was.`,
          onDragCancel: ({ active }) => `Moving ${nameOf(active.id)} was cancelled.`,
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
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  const name = view.report?.name ?? "report";
  const handle = (
    <span className="dashboard-widget__tools">
      <button
        type="button"
        className="sd-handle"
        ref={setActivatorNodeRef}
        {...attributes}
        {...listeners}
        aria-label={`Move ${name}`}
        data-widget-handle={id}
      >
        <span aria-hidden="true">⋮⋮</span>
      </button>
      <button type="button" className="button button--ghost button--small" onClick={onResize}>
        {view.widget.size === "full" ? "Narrow" : "Widen"}
      </button>
      <button type="button" className="button button--ghost button--small" onClick={onRemove} aria-label={`Take ${name} off the dashboard`}>
        Remove
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
