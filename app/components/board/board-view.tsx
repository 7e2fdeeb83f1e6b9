import {
  closestCenter,
  DndContext,
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
import { Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CurrencySum } from "@runtime/records/board-fields";
import type { RecordJson } from "@runtime/records/rows";
import { answeredError } from "@runtime/i18n/words";
import type { BoardColumn, BoardPageData, ListField } from "@runtime/views/list-page-data";
import { formatCurrencySums } from "../list/currency-sums";
import type { FormatOptions } from "@runtime/fields/types";
import { RecordCell, useListFormat } from "../list/field-cell";
import { cardDragId, cardIdOf, columnDropId, columnIndexOf, stepThroughColumns } from "./board-moves";
import { moveCard } from "./move-card";

interface BoardViewProps {
  table: { key: string; titleField: string | null };
  fields: ListField[];
  board: BoardPageData;
  q: string | undefined;
}

const collision: CollisionDetection = (args) => {
  const under = pointerWithin(args);
  return under.length > 0 ? under : closestCenter(args);
};

function titleOf(card: RecordJson, titleField: string | null): string {
  const title = titleField ? card[titleField] : null;
  return title === null || title === undefined || title === "" ? `#${card.id}` : String(title);
}

/** `sums` with `amount` added in `currency` (an entry that reaches nothing stays, at zero, until reloaded). */
function addTo(sums: CurrencySum[], currency: string | null, amount: number): CurrencySum[] {
  if (amount === 0) return sums;
  return sums.some((s) => s.currency === currency)
    ? sums.map((s) => (s.currency === currency ? { ...s, sum: s.sum + amount } : s))
    : [...sums, { currency, sum: amount }];
}

function moved(columns: BoardColumn[], cardId: number, to: number, record?: RecordJson, sumField?: ListField): BoardColumn[] {
  const from = columns.findIndex((c) => c.cards.some((card) => card.id === cardId));
  if (from < 0) return columns;
  const old = columns[from].cards.find((card) => card.id === cardId)!;
  const card = record ? { ...record, _expanded: record._expanded ?? old._expanded } : old;
  const amount = (r: RecordJson) => (sumField ? Number(r[sumField.key] ?? 0) : 0);
  const currencyKey = sumField?.def["x-currency-field"];
  const currency = (r: RecordJson) => (typeof currencyKey === "string" ? ((r[currencyKey] as string | null) ?? null) : null);
  return columns.map((c, i) => {
    if (i === from && i === to) return { ...c, cards: c.cards.map((x) => (x.id === cardId ? card : x)) };
    if (i === from)
      return { ...c, count: c.count - 1, sums: addTo(c.sums, currency(old), -amount(old)), cards: c.cards.filter((x) => x.id !== cardId) };
    if (i === to) return { ...c, count: c.count + 1, sums: addTo(c.sums, currency(card), amount(card)), cards: [card, ...c.cards] };
    return c;
  });
}

/** The list as columns of cards, one per value of a choice or user field; a card is dragged to change it. */
export function BoardView({ table, fields, board, q }: BoardViewProps) {
  const { t } = useTranslation();
  const format = useListFormat();
  const { key: tableKey, titleField } = table;
  const [columns, setColumns] = useState(board.columns);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [loadingMore, setLoadingMore] = useState<number | null>(null);
  const endWords = useRef("");
  useEffect(() => setColumns(board.columns), [board]);
  // Set once the board has hydrated: a key pressed before that would re-render a boundary still hydrating.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: stepThroughColumns }),
  );
  const fieldOf = (key: string) => fields.find((f) => f.key === key);
  const groupField = fieldOf(board.groupBy);
  const sumField = board.sumField ? fieldOf(board.sumField) : undefined;
  const cardFields = board.cardFields.map(fieldOf).filter((f): f is ListField => f !== undefined);
  // The column of records with no value is named here, in the reader's words, after the field.
  const labelOf = (column: BoardColumn) =>
    column.value === null ? t("board.noValue", { field: (groupField?.label ?? board.groupBy).toLowerCase() }) : column.label;
  const cardName = (dragId: string) => {
    const id = cardIdOf(dragId);
    const card = columns.flatMap((c) => c.cards).find((x) => x.id === id);
    return card ? titleOf(card, titleField) : `#${id}`;
  };
  const columnName = (dropId: string) => {
    const column = columns[columnIndexOf(dropId)];
    return column ? labelOf(column) : t("board.aColumn");
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => t("board.drag.start", { name: cardName(String(active.id)) }),
    onDragOver: ({ active, over }) =>
      over
        ? t("board.drag.over", { name: cardName(String(active.id)), column: columnName(String(over.id)) })
        : t("board.drag.notOver", { name: cardName(String(active.id)) }),
    onDragEnd: () => endWords.current,
    onDragCancel: ({ active }) => t("board.drag.cancelled", { name: cardName(String(active.id)) }),
  };

  const onDragEnd = async ({ active, over }: DragEndEvent) => {
    const cardId = cardIdOf(String(active.id));
    const from = columns.findIndex((c) => c.cards.some((x) => x.id === cardId));
    const to = over ? columnIndexOf(String(over.id)) : -1;
    const name = cardName(String(active.id));
    if (to < 0 || from === to || from < 0) {
      endWords.current = columns[from] ? t("board.stays", { name, column: labelOf(columns[from]) }) : t("board.staysHere", { name });
      return;
    }
    const card = columns[from].cards.find((x) => x.id === cardId)!;
    const target = columns[to];
    const movedWords = t("board.moved", { name, column: labelOf(target) });
    endWords.current = movedWords;
    setNotice(null);
    setColumns((cs) => moved(cs, cardId, to, undefined, sumField));
    const result = await moveCard(tableKey, card, board.groupBy, target.value, t).catch((e: unknown) => ({
      ok: false as const,
      conflict: false,
      message: e instanceof Error ? e.message : String(e),
      current: undefined,
    }));
    if (result.ok) {
      setColumns((cs) => moved(cs, cardId, to, result.record, sumField));
      setNotice({ text: movedWords, error: false });
    } else if (result.conflict && result.current) {
      const current = result.current;
      const now = columns.findIndex((c) =>
        c.value === null ? current[board.groupBy] == null : String(c.value) === String(current[board.groupBy]),
      );
      setColumns((cs) => moved(cs, cardId, now >= 0 ? now : from, current, sumField));
      setNotice({ text: t("board.conflict", { name }), error: true });
    } else {
      setColumns((cs) => moved(cs, cardId, from, undefined, sumField));
      setNotice({ text: t("board.failed", { name, message: result.message }), error: true });
    }
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-card-id="${cardId}"]`)?.focus());
  };

  const showMore = async (index: number) => {
    const column = columns[index];
    if (!column.nextCursor) return;
    setLoadingMore(index);
    const search = new URLSearchParams({ filter: column.filter, cursor: column.nextCursor, pageSize: "50", sort: "-id" });
    if (q) search.set("q", q);
    if (board.expand) search.set("expand", board.expand);
    try {
      const response = await fetch(`/api/t/${encodeURIComponent(tableKey)}?${search}`, { headers: { Accept: "application/json" } });
      // A refused filter or cursor comes with its phrase: say it in the reader's words.
      if (!response.ok)
        throw new Error(answeredError(await response.json().catch(() => null), t, t("board.serverAnswered", { status: response.status })));
      const page = (await response.json()) as { rows: RecordJson[]; nextCursor: string | null };
      setColumns((cs) => cs.map((c, i) => (i === index ? { ...c, cards: [...c.cards, ...page.rows], nextCursor: page.nextCursor } : c)));
    } catch (e) {
      setNotice({ text: t("board.moreFailed", { message: e instanceof Error ? e.message : String(e) }), error: true });
    } finally {
      setLoadingMore(null);
    }
  };

  const formatSum = (column: BoardColumn) =>
    sumField ? formatCurrencySums(sumField, column.sums, column.sums.length === 1, format) : null;

  return (
    <div className="board" data-ready={ready || undefined}>
      {notice ? (
        <p className={notice.error ? "notice notice--error" : "notice notice--success"} role={notice.error ? "alert" : "status"}>
          {notice.text}
        </p>
      ) : null}
      {board.funnelHref ? (
        <p className="board__tools">
          <Link to={board.funnelHref}>{t("board.funnelLink")}</Link>
        </p>
      ) : null}
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        accessibility={{
          announcements,
          screenReaderInstructions: { draggable: t("board.instructions") },
        }}
        onDragEnd={(e) => void onDragEnd(e)}
      >
        <div className="board__columns" aria-label={t("board.label", { field: groupField?.label ?? board.groupBy })}>
          {columns.map((column, index) => (
            <BoardColumnView key={String(column.value)} index={index} column={column} label={labelOf(column)} sum={formatSum(column)}>
              {column.cards.map((card) => (
                <BoardCard
                  key={card.id}
                  tableKey={tableKey}
                  card={card}
                  title={titleOf(card, titleField)}
                  fields={cardFields}
                  format={format}
                />
              ))}
              {column.nextCursor ? (
                <button
                  type="button"
                  className="button button--ghost board__more"
                  disabled={loadingMore === index}
                  onClick={() => void showMore(index)}
                >
                  {loadingMore === index ? t("board.loading") : t("board.showMore", { count: column.count - column.cards.length })}
                </button>
              ) : null}
            </BoardColumnView>
          ))}
        </div>
      </DndContext>
    </div>
  );
}

function BoardColumnView(props: { index: number; column: BoardColumn; label: string; sum: string | null; children: React.ReactNode }) {
  const { column } = props;
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: columnDropId(props.index) });
  const headingId = `board-column-${props.index}`;
  return (
    <section
      ref={setNodeRef}
      className={isOver ? "board__column board__column--over" : "board__column"}
      aria-labelledby={headingId}
      data-column={String(column.value ?? "")}
    >
      <header className="board__column-header">
        <h2 id={headingId} className="board__column-title">
          {props.label}
          <span className="board__count" aria-label={t("board.cards", { count: column.count })}>
            {column.count}
          </span>
        </h2>
        <p className="board__column-meta">
          {props.sum !== null ? <span className="board__sum">{props.sum}</span> : null}
          {column.probability !== null ? (
            <span className="board__probability">{t("board.likely", { percent: Math.round(column.probability * 100) })}</span>
          ) : null}
        </p>
      </header>
      <div className="board__cards">
        {column.count === 0 ? <p className="board__empty">{t("board.empty")}</p> : null}
        {props.children}
      </div>
    </section>
  );
}

function BoardCard({
  tableKey,
  card,
  title,
  fields,
  format,
}: {
  tableKey: string;
  card: RecordJson;
  title: string;
  fields: ListField[];
  format: FormatOptions;
}) {
  const { t } = useTranslation();
  const { setNodeRef, attributes, listeners, transform, isDragging } = useDraggable({ id: cardDragId(card.id) });
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined;
  return (
    <article
      ref={setNodeRef}
      className={isDragging ? "board-card board-card--dragging" : "board-card"}
      style={style}
      data-card-id={card.id}
      {...attributes}
      {...listeners}
      aria-roledescription={t("board.card")}
      aria-label={title}
    >
      <Link className="board-card__title" to={`/t/${encodeURIComponent(tableKey)}/${card.id}`} tabIndex={-1}>
        {title}
      </Link>
      <dl className="board-card__fields">
        {fields.map((field) =>
          card[field.key] === null || card[field.key] === undefined || card[field.key] === "" ? null : (
            <div key={field.key} className="board-card__field">
              <dt>{field.label}</dt>
              <dd>
                <RecordCell field={field} record={card} format={format} />
              </dd>
            </div>
          ),
        )}
      </dl>
    </article>
  );
}
