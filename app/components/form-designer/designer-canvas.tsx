import { useDndContext, useDraggable, useDroppable } from "@dnd-kit/core";
import { Fragment, useEffect, useRef, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/use-locale";
import { accepts, dragId, dropId, type DropTarget } from "@form-designer/drop";
import type { ElementPath } from "@form-designer/paths";
import { widthOf } from "@form-designer/row-widths";
import type { CardLayout, ControlElement, LayoutElement, RelatedListElement } from "@runtime/layouts/types";
import { FieldControl } from "../card/field-control";
import { relatedColumns } from "../card/related-columns";
import { samePath, steppedWidth, useDesigner } from "./designer-context";
import { controlKey } from "@runtime/layouts/scope";

/** A drop position between blocks (a new row) or at the end of an empty tab or section. */
function Gap({ at, empty }: { at: ElementPath; empty?: string }) {
  const { layout, dragging } = useDesigner();
  const target: DropTarget = { kind: "gap", at };
  const { setNodeRef, isOver } = useDroppable({ id: dropId(target) });
  const live = dragging !== null && accepts(layout, dragging, target);
  const className = ["fd-gap", empty ? "fd-gap--empty" : "", live ? "is-live" : "", isOver && live ? "is-over" : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div ref={setNodeRef} className={className} data-drop={dropId(target)} aria-hidden={empty ? undefined : true}>
      {empty ? <span>{empty}</span> : null}
    </div>
  );
}

/** Each half of a placed cell stands for the gap before or after it in its row. */
function CellHalf({ at, side }: { at: ElementPath; side: "before" | "after" }) {
  const { layout, dragging } = useDesigner();
  const target: DropTarget = { kind: "gap", at };
  const id = dropId(target, side === "before" ? "a" : "b");
  const { setNodeRef, isOver } = useDroppable({ id });
  const live = dragging !== null && accepts(layout, dragging, target);
  return (
    <div ref={setNodeRef} className={`fd-half fd-half--${side}${isOver && live ? " is-over" : ""}`} data-drop={id} aria-hidden="true" />
  );
}

function useElementDrag(path: ElementPath) {
  return useDraggable({ id: dragId({ kind: "element", path }) });
}

/** Inert: the widgets show what staff will see, but cannot be typed into while designing. */
const INERT = { inert: "" } as Record<string, string>;

function FieldCell({ control, path }: { control: ControlElement; path: ElementPath }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { table, nameOf, selection, select, resize, dragging } = useDesigner();
  const { attributes, listeners, setNodeRef, isDragging } = useElementDrag(path);
  const key = controlKey(control);
  const field = table.fieldsByKey.get(key);
  const name = nameOf(control);
  const width = widthOf(control);
  const selected = selection?.kind === "element" && samePath(selection.path, path);
  const parentPath = path.slice(0, -1);
  const index = path[path.length - 1];
  // Shift+arrows resize from the drag handle (plain arrows belong to dragging with the keyboard).
  const onKeyDown = (event: KeyboardEvent) => {
    if (dragging || !event.shiftKey || (event.key !== "ArrowLeft" && event.key !== "ArrowRight")) return;
    event.preventDefault();
    resize(path, steppedWidth(width, event.key === "ArrowRight" ? 1 : -1));
  };
  return (
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions -- a click selects the cell; keyboard users select it through its focusable drag handle
    <div
      ref={setNodeRef}
      className={`fd-cell${selected ? " is-selected" : ""}${isDragging ? " is-dragging" : ""}`}
      style={{ gridColumn: `span ${width}` }}
      data-field={key}
      onClick={() => select({ kind: "element", path })}
      onKeyDown={onKeyDown}
    >
      <button
        type="button"
        className="fd-handle fd-cell__handle"
        aria-label={t("formDesigner.canvas.drag", { name })}
        data-drag-id={dragId({ kind: "element", path })}
        {...attributes}
        {...listeners}
      >
        <span aria-hidden="true">⠿</span>
      </button>
      <div className="fd-cell__tools">
        <span className="fd-cell__width" aria-hidden="true">
          {width}/12
        </span>
        <button
          type="button"
          className="fd-icon"
          aria-label={t("formDesigner.canvas.narrower", { name, width })}
          disabled={steppedWidth(width, -1) === width}
          onClick={(e) => (e.stopPropagation(), resize(path, steppedWidth(width, -1)))}
        >
          −
        </button>
        <button
          type="button"
          className="fd-icon"
          aria-label={t("formDesigner.canvas.wider", { name, width })}
          disabled={steppedWidth(width, 1) === width}
          onClick={(e) => (e.stopPropagation(), resize(path, steppedWidth(width, 1)))}
        >
          +
        </button>
        <button
          type="button"
          className="fd-icon"
          aria-label={t("formDesigner.canvas.edit", { name })}
          aria-pressed={selected}
          onClick={(e) => (e.stopPropagation(), select({ kind: "element", path }))}
        >
          <span aria-hidden="true">✎</span>
        </button>
      </div>
      <div className="fd-cell__preview" {...INERT}>
        {field ? (
          <FieldControl
            field={field}
            name={`designer-${key}`}
            value={null}
            onChange={() => undefined}
            record={{}}
            format={{ locale }}
            label={control.options?.label}
            help={control.options?.help}
            readOnly={control.options?.readOnly}
            width={12}
          />
        ) : (
          <p className="fd-missing">{t("formDesigner.canvas.missing")}</p>
        )}
      </div>
      {control.options?.readOnly ? <span className="fd-cell__flag">{t("formDesigner.canvas.readOnly")}</span> : null}
      <CellHalf at={[...parentPath, index]} side="before" />
      <CellHalf at={[...parentPath, index + 1]} side="after" />
    </div>
  );
}

/** A block that is not a field (list, note, separator, section): one handle, the whole width. */
function BlockFrame({ path, label, children, className }: { path: ElementPath; label: string; children: ReactNode; className?: string }) {
  const { t } = useTranslation();
  const { selection, select } = useDesigner();
  const { attributes, listeners, setNodeRef, isDragging } = useElementDrag(path);
  const selected = selection?.kind === "element" && samePath(selection.path, path);
  return (
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions -- a click selects the block; keyboard users select it through its focusable drag handle
    <div
      ref={setNodeRef}
      className={`fd-block ${className ?? ""}${selected ? " is-selected" : ""}${isDragging ? " is-dragging" : ""}`}
      onClick={(e) => (e.stopPropagation(), select({ kind: "element", path }))}
    >
      <div className="fd-block__bar">
        <button
          type="button"
          className="fd-handle"
          aria-label={t("formDesigner.canvas.drag", { name: label })}
          data-drag-id={dragId({ kind: "element", path })}
          {...attributes}
          {...listeners}
        >
          <span aria-hidden="true">⠿</span>
        </button>
        <button
          type="button"
          className="fd-cell__name"
          onClick={(e) => (e.stopPropagation(), select({ kind: "element", path }))}
          aria-pressed={selected}
        >
          {label}
        </button>
      </div>
      {children}
    </div>
  );
}

function RelatedListBlock({ element, path }: { element: RelatedListElement; path: ElementPath }) {
  const { t } = useTranslation();
  const { table, compiled } = useDesigner();
  const list = table.lists.find((l) => l.name === element.list);
  const child = list ? compiled.tablesByKey.get(list.table) : undefined;
  const label = element.label ?? child?.pluralLabel ?? element.list;
  const columns = child && list ? relatedColumns(child, list.field, element.columns).map((k) => child.fieldsByKey.get(k)?.label ?? k) : [];
  return (
    <BlockFrame path={path} label={t("formDesigner.canvas.list", { name: label })}>
      <section className="card-section card-related fd-related">
        <div className="card-related__head">
          <h2 className="card-section__title">{label}</h2>
          {list?.composition ? (
            <span className="fd-muted">{t("formDesigner.canvas.lines")}</span>
          ) : (
            <span className="fd-muted">{t("formDesigner.canvas.pointing", { table: child?.pluralLabel ?? element.list })}</span>
          )}
        </div>
        <table className="card-related__table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {columns.map((c) => (
                <td key={c} className="fd-placeholder-cell">
                  …
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </section>
    </BlockFrame>
  );
}

function Block({ element, path }: { element: LayoutElement; path: ElementPath }) {
  const { t } = useTranslation();
  switch (element.type) {
    case "HorizontalLayout":
      return (
        <div className="card-grid fd-row" data-path={path.join(".")}>
          {element.elements.map((child, i) =>
            child.type === "Control" ? <FieldCell key={i} control={child} path={[...path, i]} /> : <Fragment key={i} />,
          )}
        </div>
      );
    case "Control":
      return (
        <div className="card-grid fd-row">
          <FieldCell control={element} path={path} />
        </div>
      );
    case "Group":
      return <SectionBlock label={element.label} path={path} elements={element.elements} />;
    case "VerticalLayout":
      return <Blocks path={path} elements={element.elements} />;
    case "RelatedList":
      return <RelatedListBlock element={element} path={path} />;
    case "Separator":
      return (
        <BlockFrame path={path} label={t("formDesigner.blocks.separator")}>
          <hr className="card-separator" />
        </BlockFrame>
      );
    case "Note":
      return (
        <BlockFrame path={path} label={t("formDesigner.blocks.note")}>
          <p className="card-note">{element.text}</p>
        </BlockFrame>
      );
  }
}

function SectionBlock({ label, path, elements }: { label: string; path: ElementPath; elements: LayoutElement[] }) {
  const { t } = useTranslation();
  const { selection, select } = useDesigner();
  const { attributes, listeners, setNodeRef, isDragging } = useElementDrag(path);
  const selected = selection?.kind === "element" && samePath(selection.path, path);
  return (
    <section
      ref={setNodeRef}
      className={`card-section fd-section${selected ? " is-selected" : ""}${isDragging ? " is-dragging" : ""}`}
      aria-label={label}
      data-section={label}
    >
      <div className="fd-section__head">
        <button
          type="button"
          className="fd-handle"
          aria-label={t("formDesigner.canvas.dragSection", { name: label })}
          data-drag-id={dragId({ kind: "element", path })}
          {...attributes}
          {...listeners}
        >
          <span aria-hidden="true">⠿</span>
        </button>
        <h2 className="card-section__title fd-section__title">{label}</h2>
        <button
          type="button"
          className="button button--small button--ghost"
          onClick={() => select({ kind: "element", path })}
          aria-pressed={selected}
        >
          {t("formDesigner.canvas.editSection")}
        </button>
      </div>
      <div className="card-section__body">
        <Blocks path={path} elements={elements} />
      </div>
    </section>
  );
}

/** The blocks of a tab, section or page, with a drop position before each and after the last. */
export function Blocks({ path, elements }: { path: ElementPath; elements: LayoutElement[] }) {
  const { t } = useTranslation();
  if (elements.length === 0) return <Gap at={[...path, 0]} empty={t("formDesigner.canvas.dropHere")} />;
  return (
    <>
      {elements.map((el, i) => (
        <Fragment key={i}>
          <Gap at={[...path, i]} />
          <Block element={el} path={[...path, i]} />
        </Fragment>
      ))}
      <Gap at={[...path, elements.length]} />
    </>
  );
}

function TabHeader({
  index,
  label,
  current,
  onTab,
  onKeyDown,
  tabRef,
}: {
  index: number;
  label: string;
  current: boolean;
  onTab(i: number): void;
  onKeyDown(e: KeyboardEvent): void;
  tabRef(node: HTMLButtonElement | null): void;
}) {
  const { layout, dragging, select } = useDesigner();
  const target: DropTarget = { kind: "tab", index };
  const { setNodeRef, isOver } = useDroppable({ id: dropId(target) });
  const live = dragging !== null && accepts(layout, dragging, target);
  return (
    <div ref={setNodeRef} className={`fd-tab${isOver && live ? " is-over" : ""}`} data-drop={dropId(target)}>
      <button
        ref={tabRef}
        type="button"
        role="tab"
        id={`fd-tab-${index}`}
        aria-selected={current}
        aria-controls={`fd-panel-${index}`}
        tabIndex={current ? 0 : -1}
        className="card-tabs__tab"
        onKeyDown={onKeyDown}
        onClick={() => {
          if (current) select({ kind: "tab", index });
          onTab(index);
        }}
      >
        {label}
      </button>
    </div>
  );
}

/** The card being designed: tabs (a drop on a header goes to the end of that tab) or a single page. */
export function DesignerCanvas({
  layout,
  tab,
  onTab,
  tabTools,
}: {
  layout: CardLayout;
  tab: number;
  onTab(tab: number): void;
  tabTools?: ReactNode;
}) {
  const { t } = useTranslation();
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const { active, measureDroppableContainers } = useDndContext();
  const activeId = active?.id;
  // A tab opened while dragging shows drop positions that measured 0×0 while hidden: measure again.
  useEffect(() => {
    if (activeId !== undefined) measureDroppableContainers([]);
  }, [tab, activeId, measureDroppableContainers]);
  if (layout.type !== "Categorization")
    return (
      <div className="fd-page">
        {tabTools ? <div className="fd-tabs__list fd-tabs__list--single">{tabTools}</div> : null}
        <Blocks path={[]} elements={layout.elements} />
      </div>
    );
  const count = layout.elements.length;
  const onKeyDown = (event: KeyboardEvent) => {
    const delta = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    const to = (tab + delta + count) % count;
    onTab(to);
    tabRefs.current[to]?.focus();
  };
  return (
    <div className="card-tabs fd-tabs">
      <div className="card-tabs__list fd-tabs__list" role="tablist" aria-label={t("formDesigner.canvas.tabs")}>
        {layout.elements.map((c, i) => (
          <TabHeader
            key={i}
            index={i}
            label={c.label}
            current={i === tab}
            onTab={onTab}
            onKeyDown={onKeyDown}
            tabRef={(node) => (tabRefs.current[i] = node)}
          />
        ))}
        {tabTools}
      </div>
      {layout.elements.map((c, i) => (
        // Every panel stays mounted so a field dragged out of a tab keeps its node when the tab changes.
        <div
          key={i}
          role="tabpanel"
          id={`fd-panel-${i}`}
          aria-labelledby={`fd-tab-${i}`}
          hidden={i !== tab}
          className="card-tabs__panel fd-panel"
        >
          <Blocks path={[i]} elements={c.elements} />
        </div>
      ))}
    </div>
  );
}
