import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { describeGap, describePlace, type NameOf } from "@form-designer/describe-place";
import { accepts, applyDrop, isNoop, parseDragId, parseDropId, placedPath, sameTarget, tabEnd, type DragSource } from "@form-designer/drop";
import { resizeControl } from "@form-designer/control-options";
import { unplacedFields } from "@form-designer/palette";
import { elementAt, elementId, listElements, type ElementPath } from "@form-designer/paths";
import { addSection } from "@form-designer/sections";
import { addTab } from "@form-designer/tabs";
import { defaultLayout } from "@runtime/layouts/default-layout";
import type { CardLayout, ControlElement, LayoutElement, LayoutNotice } from "@runtime/layouts/types";
import { WorkspaceProvider } from "@runtime/fields/ui/workspace-context";
import { compileSchema } from "@runtime/schema/compile";
import type { DesignerData } from "../../services/form-designer.server";
import { useCsrfToken } from "../csrf-field";
import { useLeaveGuard } from "../use-leave-guard";
import { DesignerCanvas } from "./designer-canvas";
import { DesignerContext, type DesignerContextValue, type Selection } from "./designer-context";
import { nearestDropPosition, stepThroughDropPositions } from "./dnd-geometry";
import { FieldPalette } from "./field-palette";
import { Inspector } from "./inspector";
import { pathFromPointer } from "./pointer-path";
import { PreviewCard } from "./preview-card";
import { selectionOnTab, tabOfSelection } from "./selection-tabs";
import { useLayoutHistory } from "./use-layout-history";
import { controlKey } from "@runtime/layouts/scope";

type SaveAnswer =
  { ok: true; layout: CardLayout; version: number } | { ok: false; error: string; problems: LayoutNotice[]; status: number };
type PreviewAnswer = { preview: Record<string, unknown> } | { previewError: string };

function humanList(name: string): string {
  const words = name.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
}

/** The form designer of one table: palette, card, side panel, and the toolbar that saves. */
export function DesignerScreen({ data }: { data: DesignerData }) {
  const compiled = useMemo(() => compileSchema(data.schema, data.schemaVersion), [data.schema, data.schemaVersion]);
  const table = compiled.tablesByKey.get(data.tableKey)!;
  const [saved, setSaved] = useState({ layout: data.layout, version: data.version });
  const designer = useLayoutHistory(table.key, saved.layout, saved.version);
  const { layout } = designer;
  const [tab, setTab] = useState(0);
  const [selection, setSelection] = useState<Selection>(null);
  const [dragging, setDragging] = useState<DragSource | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [newSection, setNewSection] = useState("");
  const [newTab, setNewTab] = useState("");
  const [previewId, setPreviewId] = useState("");
  const saveFetcher = useFetcher<SaveAnswer>();
  const previewFetcher = useFetcher<PreviewAnswer>();
  const csrfToken = useCsrfToken();
  const saving = saveFetcher.state !== "idle";
  const tabCount = layout.type === "Categorization" ? layout.elements.length : 1;
  const currentTab = Math.min(tab, tabCount - 1);

  const layoutRef = useRef(layout);
  layoutRef.current = layout;

  const nameOf: NameOf = useCallback(
    (c: ControlElement) => c.options?.label ?? table.fieldsByKey.get(controlKey(c))?.label ?? c.scope,
    [table],
  );

  const change = useCallback(
    (next: CardLayout, select?: Selection) => {
      setProblem(null);
      designer.change(next);
      if (select !== undefined) setSelection(select);
    },
    [designer],
  );

  // A selection that no longer points at anything (after undo, say) is dropped, not shown stale.
  useEffect(() => {
    if (selection?.kind === "element") {
      try {
        elementAt(layout, selection.path);
      } catch {
        setSelection(null);
      }
    } else if (selection?.kind === "tab" && (layout.type !== "Categorization" || selection.index >= layout.elements.length))
      setSelection(null);
  }, [layout, selection]);

  // Something selected on another tab (moved there from the side panel, or brought back by undo) opens that tab.
  useEffect(() => {
    const holder = tabOfSelection(layoutRef.current, selection);
    if (holder !== null) setTab(holder);
  }, [selection]);
  const openTab = useCallback((index: number) => {
    setTab(index);
    setSelection((current) => selectionOnTab(layoutRef.current, current, index));
  }, []);

  // The answer of a save: the new baseline, or what is wrong.
  useEffect(() => {
    const answer = saveFetcher.data;
    if (saveFetcher.state === "idle" && answer?.ok) setSaved({ layout: answer.layout, version: answer.version });
  }, [saveFetcher.state, saveFetcher.data]);

  // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) outside text boxes, which keep their own undo.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) designer.undo();
      else if ((key === "z" && event.shiftKey) || key === "y") designer.redo();
      else return;
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [designer]);

  // Unsaved work: the router asks before leaving, the browser before closing or reloading.
  const dirtyRef = useRef(false);
  dirtyRef.current = designer.dirty && !saving;
  useLeaveGuard(
    () => dirtyRef.current,
    "The card layout has unsaved changes. Leave without saving? (They stay in this tab until it is closed.)",
  );

  const palette = useMemo(() => unplacedFields(layout, table).map((f) => ({ key: f.key, label: f.label, kind: f.kind })), [layout, table]);
  const placedLists = useMemo(
    () => new Set(listElements(layout).flatMap(({ element }) => (element.type === "RelatedList" ? [element.list] : []))),
    [layout],
  );
  const lists = table.lists
    .filter((l) => !placedLists.has(l.name))
    .map((l) => ({ name: l.name, label: compiled.tablesByKey.get(l.table)?.pluralLabel ?? humanList(l.name) }));

  // ——— dragging ———
  const endWords = useRef("");
  /**
   * Paths shift after a drop, so the handle dnd-kit would refocus may now belong to another field:
   * focus goes to the handle of wherever the dragged thing is now (or back where it was).
   */
  const focusHandle = (id: string) =>
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-drag-id="${id}"]`)?.focus({ preventScroll: false }));

  const acceptsIds = useCallback((activeId: string, dropId: string) => {
    try {
      return accepts(layoutRef.current, parseDragId(activeId), parseDropId(dropId));
    } catch {
      return false;
    }
  }, []);
  const sameGap = useCallback((a: string, b: string) => sameTarget(parseDropId(a), parseDropId(b)), []);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: stepThroughDropPositions(acceptsIds, sameGap) }),
  );
  const collision = useMemo(() => nearestDropPosition(acceptsIds), [acceptsIds]);

  const sourceName = (id: string): string => {
    const source = parseDragId(id);
    switch (source.kind) {
      case "field":
        return table.fieldsByKey.get(source.key)?.label ?? source.key;
      case "list":
        return lists.find((l) => l.name === source.name)?.label ?? source.name;
      case "separator":
        return "Separator";
      case "note":
        return "Note";
      case "element": {
        const el = elementAt(layoutRef.current, source.path) as LayoutElement;
        if (el.type === "Control") return nameOf(el);
        if (el.type === "Group") return `Section ${el.label}`;
        if (el.type === "RelatedList") return `List ${el.label ?? humanList(el.list)}`;
        return el.type === "Note" ? "Note" : "Separator";
      }
    }
  };
  const targetWords = (id: string): string => {
    const target = parseDropId(id);
    if (target.kind === "palette") return "the palette, off the card";
    const current = layoutRef.current;
    if (target.kind === "tab")
      return current.type === "Categorization" ? `tab ${current.elements[target.index].label}, at its end` : "the card";
    return describeGap(current, target.at, nameOf);
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up ${sourceName(String(active.id))}. Arrow keys move it between drop positions, Space drops it, Escape cancels.`,
    onDragOver: ({ active, over }) => {
      const name = sourceName(String(active.id));
      if (!over) return `${name} is not over a drop position.`;
      if (isNoop(parseDragId(String(active.id)), parseDropId(String(over.id)))) return `${name} is at its current place.`;
      return `${name} is over ${targetWords(String(over.id))}.`;
    },
    onDragEnd: () => endWords.current,
    onDragCancel: ({ active }) => `Moving ${sourceName(String(active.id))} was cancelled; nothing changed.`,
  };

  const onDragStart = (event: DragStartEvent) => {
    setProblem(null);
    setDragging(parseDragId(String(event.active.id)));
  };
  const onDragOver = (event: DragOverEvent) => {
    if (!event.over) return;
    const target = parseDropId(String(event.over.id));
    // Hovering a tab header opens that tab, so the drop can go anywhere inside it.
    if (target.kind === "tab") setTab(target.index);
  };
  const onDragEnd = (event: DragEndEvent) => {
    setDragging(null);
    const name = sourceName(String(event.active.id));
    focusHandle(String(event.active.id));
    if (!event.over) {
      endWords.current = `${name} was dropped outside the card; nothing changed.`;
      return;
    }
    const source = parseDragId(String(event.active.id));
    const target = parseDropId(String(event.over.id));
    const before = layoutRef.current;
    try {
      const after = applyDrop(before, table, source, target);
      if (target.kind === "palette") {
        endWords.current = `${name} was taken off the card; its data stays.`;
        const removed = source.kind === "element" ? (elementAt(before, source.path) as LayoutElement) : null;
        change(after, null);
        if (removed?.type === "Control") focusHandle(`palette:field:${controlKey(removed)}`);
        return;
      }
      const landed = placedPath(after, before, source) ?? (target.kind === "tab" ? tabEnd(before, target.index) : target.at);
      let place = "";
      try {
        place = describePlace(after, landed, nameOf);
      } catch {
        place = targetWords(String(event.over.id));
      }
      endWords.current = `${name} moved to ${place}.`;
      if (after !== before) change(after, { kind: "element", path: landed });
      focusHandle(elementId(landed));
    } catch (error) {
      endWords.current = `${name} cannot go there: ${(error as Error).message}.`;
      setProblem(`${name} cannot go there: ${(error as Error).message}`);
    }
  };

  // ——— toolbar actions ———
  /** Applies an edit, or shows why not; answers whether it was made. */
  const attempt = (make: () => CardLayout, select?: Selection): boolean => {
    try {
      change(make(), select);
      return true;
    } catch (error) {
      setProblem((error as Error).message);
      return false;
    }
  };
  const endOfTab = (): ElementPath =>
    layout.type === "Categorization" ? [currentTab, layout.elements[currentTab].elements.length] : [layout.elements.length];
  const addFromPalette = (source: DragSource) =>
    attempt(() => applyDrop(layout, table, source, { kind: "gap", at: endOfTab() }), { kind: "element", path: endOfTab() });
  const onAddSection = (event: FormEvent) => {
    event.preventDefault();
    const at = endOfTab();
    // A refused name stays in the box to be corrected.
    if (attempt(() => addSection(layout, at, newSection), { kind: "element", path: at })) setNewSection("");
  };
  const onAddTab = (event: FormEvent) => {
    event.preventDefault();
    const index = layout.type === "Categorization" ? layout.elements.length : 1;
    if (!attempt(() => addTab(layout, newTab), { kind: "tab", index })) return;
    setTab(index);
    setNewTab("");
  };
  const save = () => {
    setProblem(null);
    saveFetcher.submit(
      { intent: "save", layout: JSON.stringify(layout), version: String(saved.version), _csrf: csrfToken },
      { method: "post" },
    );
  };
  const discard = () => {
    designer.reset(saved.layout);
    setSelection(null);
    setProblem(null);
  };
  const resize = useCallback(
    (path: ElementPath, width: number) => {
      try {
        change(resizeControl(layoutRef.current, path, width));
      } catch (error) {
        setProblem((error as Error).message);
      }
    },
    [change],
  );

  const context: DesignerContextValue = { layout, table, compiled, nameOf, selection, select: setSelection, dragging, resize };
  const saveAnswer = saveFetcher.state === "idle" ? saveFetcher.data : undefined;
  const preview = previewFetcher.data && "preview" in previewFetcher.data && previewId ? previewFetcher.data.preview : null;

  const status = saving
    ? "Saving…"
    : designer.dirty
      ? "Unsaved changes"
      : saved.version
        ? `Saved · version ${saved.version}`
        : "Default card (not designed yet)";

  return (
    <WorkspaceProvider schema={compiled}>
      <DesignerContext.Provider value={context}>
        <div className="fd-screen">
          <header className="fd-toolbar">
            <div className="fd-toolbar__title">
              <a href="/admin/forms" className="fd-back">
                ← Forms
              </a>
              <h1>{table.label} card</h1>
              <span className={`fd-status${designer.dirty ? " is-dirty" : ""}`} role="status" data-testid="designer-status">
                {status}
              </span>
            </div>
            <div className="fd-toolbar__actions">
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={designer.undo}
                disabled={!designer.canUndo}
                aria-keyshortcuts="Control+Z"
                title="Undo (Ctrl+Z)"
              >
                ↶ Undo
              </button>
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={designer.redo}
                disabled={!designer.canRedo}
                aria-keyshortcuts="Control+Shift+Z"
                title="Redo (Ctrl+Shift+Z)"
              >
                ↷ Redo
              </button>
              <label className="fd-preview-pick">
                <span>Preview with</span>
                <select
                  className="tf-select"
                  value={previewId}
                  onChange={(e) => {
                    setPreviewId(e.target.value);
                    if (e.target.value) previewFetcher.load(`/admin/forms/${table.key}/preview/${encodeURIComponent(e.target.value)}`);
                  }}
                >
                  <option value="">— design —</option>
                  {data.records.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.title}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={() => attempt(() => defaultLayout(table), null)}
                title="Replace the design with the card Tessera generates (undo brings yours back)"
              >
                Use default card
              </button>
              <button type="button" className="button button--small button--ghost" onClick={discard} disabled={!designer.dirty}>
                Discard draft
              </button>
              <button
                type="button"
                className="button button--primary button--small"
                onClick={save}
                disabled={saving || (!designer.dirty && data.custom && data.notices.length === 0)}
                data-testid="save-layout"
              >
                {saving ? "Saving…" : "Save"}
              </button>
            </div>
          </header>

          {data.notices.length ? (
            <div className="fd-notice" role="note" data-testid="schema-notices">
              <strong>The schema changed since this card was saved.</strong> The designer shows the card as it is now; save to keep it that
              way.
              <ul>
                {data.notices.map((n) => (
                  <li key={`${n.path}${n.message}`}>{n.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {designer.restored ? (
            <div className="fd-notice fd-notice--info" role="status">
              Your unsaved changes from earlier in this tab were restored.{" "}
              <button type="button" className="button button--small button--ghost" onClick={designer.dismissRestored}>
                OK
              </button>
            </div>
          ) : null}
          {designer.staleDraft ? (
            <div className="fd-notice" role="status">
              This tab holds an unsaved draft made from version {designer.staleDraft.baseVersion}; the card was saved since (version{" "}
              {saved.version}).{" "}
              <button type="button" className="button button--small" onClick={designer.takeStaleDraft}>
                Restore my draft
              </button>{" "}
              <button type="button" className="button button--small button--ghost" onClick={designer.dropStaleDraft}>
                Keep the saved card
              </button>
            </div>
          ) : null}
          {problem ? (
            <p className="fd-error" role="alert">
              {/* The operations' messages start in lowercase, to read inside other sentences too. */}
              {problem.charAt(0).toUpperCase() + problem.slice(1)}
            </p>
          ) : null}
          {saveAnswer && !saveAnswer.ok ? (
            <div className="fd-error" role="alert" data-testid="save-error">
              <strong>Not saved: {saveAnswer.error}.</strong>
              {saveAnswer.status === 409 ? " Reload the page to see their card; your draft stays in this tab and can be restored." : null}
              {saveAnswer.problems.length ? (
                <ul>
                  {saveAnswer.problems.map((p) => (
                    <li key={`${p.path}${p.message}`}>{problemWords(layout, p, nameOf)}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          {saveAnswer?.ok && !designer.dirty ? (
            <p className="fd-saved" role="status">
              Saved. Staff see this card from now on.{" "}
              <a href={data.records[0] ? `/t/${table.key}/${data.records[0].id}` : `/t/${table.key}`}>Open a {table.label.toLowerCase()}</a>
            </p>
          ) : null}

          {preview ? (
            <div className="fd-preview-frame">
              <p className="fd-preview-banner">
                Preview with <strong>{data.records.find((r) => String(r.id) === previewId)?.title}</strong>, read-only.{" "}
                <button type="button" className="button button--small" onClick={() => setPreviewId("")}>
                  Back to designing
                </button>
              </p>
              <PreviewCard layout={layout} table={table} compiled={compiled} record={preview} />
            </div>
          ) : (
            <DndContext
              sensors={sensors}
              collisionDetection={collision}
              measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
              accessibility={{
                restoreFocus: false,
                announcements,
                screenReaderInstructions: {
                  draggable:
                    "To pick up, press Space or Enter. Arrow keys move between drop positions; Space or Enter drops; Escape cancels.",
                },
              }}
              onDragStart={onDragStart}
              onDragOver={onDragOver}
              onDragEnd={onDragEnd}
              onDragCancel={(event) => {
                setDragging(null);
                focusHandle(String(event.active.id));
              }}
            >
              <div className="fd-workspace">
                <FieldPalette fields={palette} lists={lists} onAdd={addFromPalette} receiving={dragging?.kind === "element"} />
                <section className="fd-canvas card" aria-label={`${table.label} card being designed`}>
                  <div className="fd-canvas__tools">
                    <form onSubmit={onAddSection} className="fd-inline-form">
                      <input
                        className="tf-input"
                        aria-label="New section name"
                        placeholder="New section name"
                        value={newSection}
                        maxLength={120}
                        onChange={(e) => setNewSection(e.target.value)}
                      />
                      <button type="submit" className="button button--small" disabled={!newSection.trim()}>
                        Add section
                      </button>
                    </form>
                    <form onSubmit={onAddTab} className="fd-inline-form">
                      <input
                        className="tf-input"
                        aria-label="New tab name"
                        placeholder="New tab name"
                        value={newTab}
                        maxLength={120}
                        onChange={(e) => setNewTab(e.target.value)}
                      />
                      <button type="submit" className="button button--small" disabled={!newTab.trim()}>
                        Add tab
                      </button>
                    </form>
                  </div>
                  <DesignerCanvas layout={layout} tab={currentTab} onTab={openTab} />
                </section>
                <Inspector
                  layout={layout}
                  selection={selection}
                  table={table}
                  compiled={compiled}
                  nameOf={nameOf}
                  onChange={change}
                  onError={setProblem}
                  onSelect={setSelection}
                />
              </div>
              <DragOverlay dropAnimation={null}>
                {dragging ? <div className="fd-overlay">{overlayName(dragging, table, layout, nameOf)}</div> : null}
              </DragOverlay>
            </DndContext>
          )}
        </div>
      </DesignerContext.Provider>
    </WorkspaceProvider>
  );
}

function overlayName(source: DragSource, table: DesignerContextValue["table"], layout: CardLayout, nameOf: NameOf): string {
  if (source.kind === "field") return table.fieldsByKey.get(source.key)?.label ?? source.key;
  if (source.kind === "list") return humanList(source.name);
  if (source.kind === "separator") return "Separator";
  if (source.kind === "note") return "Note";
  try {
    const el = elementAt(layout, source.path) as LayoutElement;
    if (el.type === "Control") return nameOf(el);
    if (el.type === "Group") return `Section ${el.label}`;
    if (el.type === "RelatedList") return el.label ?? humanList(el.list);
    return el.type;
  } catch {
    return "…";
  }
}

/** A save problem with its place on the card in words, when its path still points at something. */
function problemWords(layout: CardLayout, problem: LayoutNotice, nameOf: NameOf): string {
  const path = pathFromPointer(problem.path);
  if (!path) return problem.message;
  try {
    return `${describePlace(layout, path, nameOf)}: ${problem.message}`;
  } catch {
    return `${problem.path}: ${problem.message}`;
  }
}
