import {
  closestCenter,
  DndContext,
  KeyboardCode,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
} from "@dnd-kit/core";
import { Link, useNavigate } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { moveValueToDay } from "@runtime/views/calendar-range";
import type { CalendarItem, CalendarPageData } from "@runtime/views/list-page-data";
import type { ListParams } from "@runtime/views/list-params";
import { moveCard } from "../board/move-card";
import { replaced, updated } from "./calendar-items";
import { CalendarNav } from "./calendar-nav";
import { useCalendarLabels } from "./calendar-labels";
import { dayDropId, dayOf, dayStepper, itemDragId, itemIdOf } from "./calendar-moves";

interface CalendarViewProps {
  tableKey: string;
  params: ListParams;
  calendar: CalendarPageData;
}

/** Items a month's day shows before "+N more": a grid of equal rows stays readable. */
const DAY_ITEMS = 3;

const collision: CollisionDetection = (args) => {
  const under = pointerWithin(args);
  return under.length > 0 ? under : closestCenter(args);
};

/** The list as a month, a week or an agenda of one date field; an item is dragged to another day to reschedule it. */
export function CalendarView({ tableKey, params, calendar }: CalendarViewProps) {
  const { t } = useTranslation();
  const { dayLong, spanTitle, weekdayShort } = useCalendarLabels();
  const [items, setItems] = useState(calendar.items);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const endWords = useRef("");
  useEffect(() => setItems(calendar.items), [calendar]);
  const itemById = (dragId: string) => items.find((i) => i.id === itemIdOf(dragId));
  const itemsNow = useRef(items);
  itemsNow.current = items;
  const [stepper] = useState(() => dayStepper((dragId) => itemsNow.current.find((i) => i.id === itemIdOf(dragId))?.day));
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    // Space picks an item up; Enter is left to its link, so the keyboard opens a card as a click does.
    useSensor(KeyboardSensor, {
      coordinateGetter: stepper.getter,
      keyboardCodes: { start: [KeyboardCode.Space], cancel: [KeyboardCode.Esc], end: [KeyboardCode.Space, KeyboardCode.Enter] },
    }),
  );
  const byDay = new Map<string, CalendarItem[]>();
  for (const item of items) byDay.set(item.day, [...(byDay.get(item.day) ?? []), item]);
  const shown = new Set(calendar.days);
  const nameOf = (dragId: string) => itemById(dragId)?.title ?? t("calendar.theItem");

  const announcements: Announcements = {
    onDragStart: ({ active }) => t("calendar.drag.start", { name: nameOf(String(active.id)) }),
    onDragOver: ({ active, over }) =>
      over
        ? t("calendar.drag.over", { name: nameOf(String(active.id)), day: dayLong(dayOf(String(over.id))) })
        : t("calendar.drag.notOver", { name: nameOf(String(active.id)) }),
    onDragEnd: () => endWords.current,
    onDragCancel: ({ active }) => t("calendar.drag.cancelled", { name: nameOf(String(active.id)) }),
  };

  const onDragEnd = async ({ active, over }: DragEndEvent) => {
    stepper.reset();
    const item = itemById(String(active.id));
    const day = over ? dayOf(String(over.id)) : null;
    if (!item) return;
    if (!day || day === item.day) {
      endWords.current = t("calendar.stays", { name: item.title, day: dayLong(item.day) });
      return;
    }
    const value = moveValueToDay(item.value, day, calendar.withTime, calendar.timeZone);
    const words = t("calendar.moved", { name: item.title, day: dayLong(day) });
    endWords.current = words;
    setNotice(null);
    setItems((is) => replaced(is, item.id, { ...item, value, day }));
    const result = await moveCard(tableKey, { id: item.id, version: item.version }, calendar.field.key, value, t).catch((e: unknown) => ({
      ok: false as const,
      conflict: false,
      message: e instanceof Error ? e.message : String(e),
      current: undefined,
    }));
    if (result.ok) {
      setItems((is) => replaced(is, item.id, updated(item, result.record, calendar)));
      setNotice({ text: words, error: false });
    } else if (result.conflict && result.current) {
      const now = updated(item, result.current, calendar);
      setItems((is) => replaced(is, item.id, now && shown.has(now.day) ? now : null));
      setNotice({ text: t("calendar.conflict", { name: item.title }), error: true });
    } else {
      setItems((is) => replaced(is, item.id, item));
      setNotice({ text: t("calendar.failed", { name: item.title, message: result.message }), error: true });
    }
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-item-id="${item.id}"]`)?.focus());
  };

  const title = spanTitle(calendar.span, calendar.at, calendar.days);
  return (
    <div className={`calendar calendar--${calendar.span}`}>
      <CalendarNav tableKey={tableKey} params={params} calendar={calendar} title={title} />
      {notice ? (
        <p className={notice.error ? "notice notice--error" : "notice notice--success"} role={notice.error ? "alert" : "status"}>
          {notice.text}
        </p>
      ) : null}
      {calendar.more ? (
        <p className="notice notice--warning" role="status">
          {t("calendar.tooMany", { title })}
        </p>
      ) : null}
      {calendar.span === "agenda" ? (
        <Agenda tableKey={tableKey} calendar={calendar} byDay={byDay} title={title} />
      ) : (
        <DndContext
          sensors={sensors}
          collisionDetection={collision}
          accessibility={{
            announcements,
            screenReaderInstructions: { draggable: t("calendar.instructions") },
          }}
          onDragStart={stepper.reset}
          onDragCancel={stepper.reset}
          onDragEnd={(e) => void onDragEnd(e)}
        >
          <div className="calendar__grid" aria-label={t("calendar.gridLabel", { title, field: calendar.field.label.toLowerCase() })}>
            <div className="calendar__weekdays" aria-hidden="true">
              {calendar.days.slice(0, 7).map((day) => (
                <div key={day} className="calendar__weekday">
                  {weekdayShort(day)}
                </div>
              ))}
            </div>
            <div className="calendar__days">
              {calendar.days.map((day) => (
                <DayCell
                  key={day}
                  day={day}
                  calendar={calendar}
                  items={byDay.get(day) ?? []}
                  tableKey={tableKey}
                  limit={calendar.span === "month" ? DAY_ITEMS : Infinity}
                />
              ))}
            </div>
          </div>
        </DndContext>
      )}
    </div>
  );
}

function DayCell(props: { day: string; calendar: CalendarPageData; items: CalendarItem[]; tableKey: string; limit: number }) {
  const { day, calendar, items } = props;
  const { t } = useTranslation();
  const { dayLong, dayNumber, weekdayShort } = useCalendarLabels();
  const [open, setOpen] = useState(false);
  const { setNodeRef, isOver } = useDroppable({ id: dayDropId(day), disabled: !calendar.movable });
  const outside = calendar.span === "month" && day.slice(0, 7) !== calendar.at.slice(0, 7);
  const visible = open || items.length <= props.limit ? items : items.slice(0, props.limit - 1);
  const hidden = items.length - visible.length;
  const classes = [
    "calendar__day",
    outside ? "calendar__day--outside" : "",
    day === calendar.today ? "calendar__day--today" : "",
    isOver ? "calendar__day--over" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <div ref={setNodeRef} className={classes} role="group" aria-label={dayLong(day)} data-day={day}>
      <header className="calendar__day-head">
        {calendar.span === "week" ? <span className="calendar__day-weekday">{weekdayShort(day)}</span> : null}
        <span className="calendar__day-number" aria-hidden="true">
          {dayNumber(day)}
        </span>
      </header>
      <ul className="calendar__items">
        {visible.map((item) => (
          <li key={item.id}>
            <ItemChip item={item} tableKey={props.tableKey} movable={calendar.movable} />
          </li>
        ))}
      </ul>
      {hidden > 0 ? (
        <button type="button" className="calendar__more" aria-expanded={false} onClick={() => setOpen(true)}>
          {t("calendar.more", { count: hidden })}
        </button>
      ) : open && items.length > props.limit ? (
        <button type="button" className="calendar__more" aria-expanded={true} onClick={() => setOpen(false)}>
          {t("calendar.fewer")}
        </button>
      ) : null}
    </div>
  );
}

function ItemChip({ item, tableKey, movable }: { item: CalendarItem; tableKey: string; movable: boolean }) {
  const { t } = useTranslation();
  const { setNodeRef, attributes, listeners, transform, isDragging } = useDraggable({ id: itemDragId(item.id), disabled: !movable });
  const navigate = useNavigate();
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined;
  const href = `/t/${encodeURIComponent(tableKey)}/${item.id}`;
  const body = (
    <>
      {item.time ? <time className="calendar-item__time">{item.time}</time> : null}
      <span className="calendar-item__title">{item.title}</span>
    </>
  );
  if (!movable)
    return (
      <Link className="calendar-item" to={href} data-item-id={item.id} title={item.title}>
        {body}
      </Link>
    );
  return (
    // dnd-kit's attributes make it a focusable button (role, tabIndex).
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions
    <div
      ref={setNodeRef}
      className={isDragging ? "calendar-item calendar-item--movable calendar-item--dragging" : "calendar-item calendar-item--movable"}
      style={style}
      data-item-id={item.id}
      {...attributes}
      {...listeners}
      onKeyDown={(e) => {
        // Enter opens the card, as a click does; Space picks the item up.
        if (e.key === "Enter" && !isDragging) {
          e.preventDefault();
          navigate(href);
          return;
        }
        listeners?.onKeyDown?.(e);
      }}
      aria-roledescription={t("calendar.item")}
      aria-label={item.time ? `${item.time} ${item.title}` : item.title}
      title={item.title}
    >
      {/* A click that is not a drag opens the card, as Enter does; Space picks the item up. */}
      <Link className="calendar-item__link" to={href} tabIndex={-1}>
        {body}
      </Link>
    </div>
  );
}

function Agenda(props: { tableKey: string; calendar: CalendarPageData; byDay: Map<string, CalendarItem[]>; title: string }) {
  const { t } = useTranslation();
  const { dayLong } = useCalendarLabels();
  const days = props.calendar.days.filter((d) => props.byDay.has(d));
  if (days.length === 0)
    return (
      <div className="list-panel">
        <p className="list-empty">{t("calendar.nothing", { title: props.title })}</p>
      </div>
    );
  return (
    <ol className="agenda">
      {days.map((day) => (
        <li key={day} className={day === props.calendar.today ? "agenda__day agenda__day--today" : "agenda__day"} data-day={day}>
          <h2 className="agenda__date">{dayLong(day, false)}</h2>
          <ul className="agenda__items">
            {props.byDay.get(day)!.map((item) => (
              <li key={item.id}>
                <Link className="agenda__item" to={`/t/${encodeURIComponent(props.tableKey)}/${item.id}`}>
                  <span className="agenda__time">{item.time ?? t("calendar.allDay")}</span>
                  <span className="agenda__title">{item.title}</span>
                </Link>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
