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
import { Trans, useTranslation } from "react-i18next";
import { say, sayError, type Words } from "@runtime/i18n/words";
import { useWords } from "../../i18n/use-words";
import { describeGap, describePlace, type NameOf } from "@form-designer/describe-place";
import { accepts, applyDrop, isNoop, parseDragId, parseDropId, placedPath, sameTarget, tabEnd, type DragSource } from "@form-designer/drop";
import { resizeControl } from "@form-designer/control-options";
import { unplacedFields } from "@form-designer/palette";
import { elementAt, elementId, listElements, type ElementPath } from "@form-designer/paths";
import { addSection } from "@form-designer/sections";
import { addTab } from "@form-designer/tabs";
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
  const { t } = useTranslation();
  const words = useWords();
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
  useLeaveGuard(() => dirtyRef.current, t("formDesigner.leave"));

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
        return t("formDesigner.blocks.separator");
      case "note":
        return t("formDesigner.blocks.note");
      case "element": {
        const el = elementAt(layoutRef.current, source.path) as LayoutElement;
        if (el.type === "Control") return nameOf(el);
        if (el.type === "Group") return t("formDesigner.blocks.section", { name: el.label });
        if (el.type === "RelatedList") return t("formDesigner.blocks.list", { name: el.label ?? humanList(el.list) });
        return el.type === "Note" ? t("formDesigner.blocks.note") : t("formDesigner.blocks.separator");
      }
    }
  };
  const targetWords = (id: string): string => {
    const target = parseDropId(id);
    if (target.kind === "palette") return t("formDesigner.drag.palette");
    const current = layoutRef.current;
    if (target.kind === "tab")
      return current.type === "Categorization"
        ? t("formDesigner.drag.tabEnd", { name: current.elements[target.index].label })
        : t("formDesigner.place.card");
    return describeGap(current, target.at, nameOf, words);
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => t("formDesigner.drag.start", { name: sourceName(String(active.id)) }),
    onDragOver: ({ active, over }) => {
      const name = sourceName(String(active.id));
      if (!over) return t("formDesigner.drag.notOver", { name });
      if (isNoop(parseDragId(String(active.id)), parseDropId(String(over.id)))) return t("formDesigner.drag.inPlace", { name });
      return t("formDesigner.drag.over", { name, target: targetWords(String(over.id)) });
    },
    onDragEnd: () => endWords.current,
    onDragCancel: ({ active }) => t("formDesigner.drag.cancelled", { name: sourceName(String(active.id)) }),
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
      endWords.current = t("formDesigner.drag.outside", { name });
      return;
    }
    const source = parseDragId(String(event.active.id));
    const target = parseDropId(String(event.over.id));
    const before = layoutRef.current;
    try {
      const after = applyDrop(before, table, source, target);
      if (target.kind === "palette") {
        endWords.current = t("formDesigner.drag.takenOff", { name });
        const removed = source.kind === "element" ? (elementAt(before, source.path) as LayoutElement) : null;
        change(after, null);
        if (removed?.type === "Control") focusHandle(`palette:field:${controlKey(removed)}`);
        return;
      }
      const landed = placedPath(after, before, source) ?? (target.kind === "tab" ? tabEnd(before, target.index) : target.at);
      let place = "";
      try {
        place = describePlace(after, landed, nameOf, words);
      } catch {
        place = targetWords(String(event.over.id));
      }
      endWords.current = t("formDesigner.drag.moved", { name, place });
      if (after !== before) change(after, { kind: "element", path: landed });
      focusHandle(elementId(landed));
    } catch (error) {
      const reason = sayError(error, words);
      endWords.current = `${t("formDesigner.drag.refused", { name, reason })}.`;
      setProblem(t("formDesigner.drag.refused", { name, reason }));
    }
  };

  // ——— toolbar actions ———
  /** Applies an edit, or shows why not; answers whether it was made. */
  const attempt = (make: () => CardLayout, select?: Selection): boolean => {
    try {
      change(make(), select);
      return true;
    } catch (error) {
      setProblem(sayError(error, words));
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
        setProblem(sayError(error, words));
      }
    },
    [change, words],
  );

  const context: DesignerContextValue = { layout, table, compiled, nameOf, selection, select: setSelection, dragging, resize };
  const saveAnswer = saveFetcher.state === "idle" ? saveFetcher.data : undefined;
  const preview = previewFetcher.data && "preview" in previewFetcher.data && previewId ? previewFetcher.data.preview : null;

  const status = saving
    ? t("card.saving")
    : designer.dirty
      ? t("card.unsaved")
      : saved.version
        ? t("formDesigner.status.saved", { version: saved.version })
        : t("formDesigner.status.default");

  return (
    <WorkspaceProvider schema={compiled}>
      <DesignerContext.Provider value={context}>
        <div className="fd-screen">
          <header className="fd-toolbar">
            <div className="fd-toolbar__title">
              <a href="/admin/forms" className="fd-back">
                {t("formDesigner.back")}
              </a>
              <h1>{t("formDesigner.title", { table: table.label })}</h1>
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
                title={t("formDesigner.undoTitle")}
              >
                {t("formDesigner.undo")}
              </button>
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={designer.redo}
                disabled={!designer.canRedo}
                aria-keyshortcuts="Control+Shift+Z"
                title={t("formDesigner.redoTitle")}
              >
                {t("formDesigner.redo")}
              </button>
              <label className="fd-preview-pick">
                <span>{t("formDesigner.previewWith")}</span>
                <select
                  className="tf-select"
                  value={previewId}
                  onChange={(e) => {
                    setPreviewId(e.target.value);
                    if (e.target.value) previewFetcher.load(`/admin/forms/${table.key}/preview/${encodeURIComponent(e.target.value)}`);
                  }}
                >
                  <option value="">{t("formDesigner.design")}</option>
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
                onClick={() => attempt(() => data.defaultLayout, null)}
                title={t("formDesigner.useDefaultTitle")}
              >
                {t("formDesigner.useDefault")}
              </button>
              <button type="button" className="button button--small button--ghost" onClick={discard} disabled={!designer.dirty}>
                {t("schemaDesigner.bar.discard")}
              </button>
              <button
                type="button"
                className="button button--primary button--small"
                onClick={save}
                disabled={saving || (!designer.dirty && data.custom && data.notices.length === 0)}
                data-testid="save-layout"
              >
                {saving ? t("card.saving") : t("card.save")}
              </button>
            </div>
          </header>

          {data.notices.length ? (
            <div className="fd-notice" role="note" data-testid="schema-notices">
              <strong>{t("formDesigner.schemaChanged")}</strong> {t("formDesigner.schemaChangedText")}
              <ul>
                {data.notices.map((n) => (
                  <li key={`${n.path}${n.message}`}>{n.words ? say(n.words, words) : n.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {designer.restored ? (
            <div className="fd-notice fd-notice--info" role="status">
              {t("formDesigner.restored")}{" "}
              <button type="button" className="button button--small button--ghost" onClick={designer.dismissRestored}>
                {t("formDesigner.ok")}
              </button>
            </div>
          ) : null}
          {designer.staleDraft ? (
            <div className="fd-notice" role="status">
              {t("formDesigner.staleDraft", { old: designer.staleDraft.baseVersion, current: saved.version })}{" "}
              <button type="button" className="button button--small" onClick={designer.takeStaleDraft}>
                {t("formDesigner.restoreDraft")}
              </button>{" "}
              <button type="button" className="button button--small button--ghost" onClick={designer.dropStaleDraft}>
                {t("formDesigner.keepSaved")}
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
              <strong>{t("formDesigner.notSaved", { error: saveAnswer.error })}</strong>
              {saveAnswer.status === 409 ? ` ${t("formDesigner.reloadToSee")}` : null}
              {saveAnswer.problems.length ? (
                <ul>
                  {saveAnswer.problems.map((p) => (
                    <li key={`${p.path}${p.message}`}>{problemWords(layout, p, nameOf, words)}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          {saveAnswer?.ok && !designer.dirty ? (
            <p className="fd-saved" role="status">
              {t("formDesigner.savedNow")}{" "}
              <a href={data.records[0] ? `/t/${table.key}/${data.records[0].id}` : `/t/${table.key}`}>
                {t("formDesigner.openOne", { noun: table.label.toLowerCase() })}
              </a>
            </p>
          ) : null}

          {preview ? (
            <div className="fd-preview-frame">
              <p className="fd-preview-banner">
                <Trans
                  i18nKey="formDesigner.previewBanner"
                  values={{ record: data.records.find((r) => String(r.id) === previewId)?.title ?? "" }}
                  components={[<strong key="record" />]}
                />{" "}
                <button type="button" className="button button--small" onClick={() => setPreviewId("")}>
                  {t("formDesigner.backToDesign")}
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
                  draggable: t("formDesigner.drag.instructions"),
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
                <section className="fd-canvas card" aria-label={t("formDesigner.canvasLabel", { table: table.label })}>
                  <div className="fd-canvas__tools">
                    <form onSubmit={onAddSection} className="fd-inline-form">
                      <input
                        className="tf-input"
                        aria-label={t("formDesigner.newSection")}
                        placeholder={t("formDesigner.newSection")}
                        value={newSection}
                        maxLength={120}
                        onChange={(e) => setNewSection(e.target.value)}
                      />
                      <button type="submit" className="button button--small" disabled={!newSection.trim()}>
                        {t("formDesigner.addSection")}
                      </button>
                    </form>
                    <form onSubmit={onAddTab} className="fd-inline-form">
                      <input
                        className="tf-input"
                        aria-label={t("formDesigner.newTab")}
                        placeholder={t("formDesigner.newTab")}
                        value={newTab}
                        maxLength={120}
                        onChange={(e) => setNewTab(e.target.value)}
                      />
                      <button type="submit" className="button button--small" disabled={!newTab.trim()}>
                        {t("formDesigner.addTab")}
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
                {dragging ? <div className="fd-overlay">{overlayName(dragging, table, layout, nameOf, words)}</div> : null}
              </DragOverlay>
            </DndContext>
          )}
        </div>
      </DesignerContext.Provider>
    </WorkspaceProvider>
  );
}

function overlayName(source: DragSource, table: DesignerContextValue["table"], layout: CardLayout, nameOf: NameOf, t: Words): string {
  if (source.kind === "field") return table.fieldsByKey.get(source.key)?.label ?? source.key;
  if (source.kind === "list") return humanList(source.name);
  if (source.kind === "separator") return t("formDesigner.blocks.separator");
  if (source.kind === "note") return t("formDesigner.blocks.note");
  try {
    const el = elementAt(layout, source.path) as LayoutElement;
    if (el.type === "Control") return nameOf(el);
    if (el.type === "Group") return t("formDesigner.blocks.section", { name: el.label });
    if (el.type === "RelatedList") return el.label ?? humanList(el.list);
    if (el.type === "Note") return t("formDesigner.blocks.note");
    return el.type === "Separator" ? t("formDesigner.blocks.separator") : el.type;
  } catch {
    return "…";
  }
}

/** A save problem with its place on the card in words, when its path still points at something. */
function problemWords(layout: CardLayout, problem: LayoutNotice, nameOf: NameOf, t: Words): string {
  const message = problem.words ? say(problem.words, t) : problem.message;
  const path = pathFromPointer(problem.path);
  if (!path) return message;
  try {
    return `${describePlace(layout, path, nameOf, t)}: ${message}`;
  } catch {
    return `${problem.path}: ${message}`;
  }
}
