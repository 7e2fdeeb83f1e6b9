import type { CompiledTable } from "@runtime/schema/compile";
import type { CardLayout, LayoutElement } from "@runtime/layouts/types";
import { moveElement, removeElement } from "./move-element";
import { addNote, addSeparator, placeField, placeRelatedList } from "./place-element";
import { elementAt, elementId, isTabbed, parseElementId, type ElementPath } from "./paths";
import { refusal } from "./words";
import { scopeOf } from "@runtime/layouts/scope";

/**
 * Drag and drop in the designer, as data: what is dragged, where it is dropped, and the layout
 * operation that follows. The React side only translates dnd-kit ids into these.
 */
export type DragSource =
  | { kind: "field"; key: string }
  | { kind: "list"; name: string }
  | { kind: "separator" }
  | { kind: "note" }
  | { kind: "element"; path: ElementPath };

export type DropTarget = { kind: "gap"; at: ElementPath } | { kind: "tab"; index: number } | { kind: "palette" };

export const NEW_NOTE_TEXT = "A note for staff";

export function dragId(source: DragSource): string {
  switch (source.kind) {
    case "field":
      return `palette:field:${source.key}`;
    case "list":
      return `palette:list:${source.name}`;
    case "separator":
    case "note":
      return `palette:${source.kind}`;
    case "element":
      return elementId(source.path);
  }
}

export function parseDragId(id: string): DragSource {
  if (id.startsWith("el:")) return { kind: "element", path: parseElementId(id) };
  const [prefix, kind, name] = id.split(":");
  if (prefix === "palette" && kind === "field" && name) return { kind: "field", key: name };
  if (prefix === "palette" && kind === "list" && name) return { kind: "list", name };
  if (prefix === "palette" && (kind === "separator" || kind === "note") && name === undefined) return { kind };
  throw new Error(`"${id}" is not something the designer can drag`);
}

/**
 * Drop ids. Several droppables may stand for the same gap (the right half of one cell and the left
 * half of the next), so anything after "~" is only there to keep ids unique.
 */
export function dropId(target: DropTarget, variant?: string): string {
  const suffix = variant ? `~${variant}` : "";
  if (target.kind === "gap") return `gap:${target.at.join(".")}${suffix}`;
  if (target.kind === "tab") return `tab:${target.index}${suffix}`;
  return `palette${suffix}`;
}

export function parseDropId(id: string): DropTarget {
  const base = id.split("~")[0];
  if (base === "palette") return { kind: "palette" };
  if (/^tab:\d+$/.test(base)) return { kind: "tab", index: Number(base.slice(4)) };
  if (/^gap:\d+(\.\d+)*$/.test(base)) return { kind: "gap", at: base.slice(4).split(".").map(Number) };
  throw new Error(`"${id}" is not a drop position of the designer`);
}

export function sameTarget(a: DropTarget, b: DropTarget): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "gap" && b.kind === "gap") return a.at.join(".") === b.at.join(".");
  if (a.kind === "tab" && b.kind === "tab") return a.index === b.index;
  return true;
}

function isPrefix(prefix: ElementPath, path: ElementPath): boolean {
  return prefix.length <= path.length && prefix.every((v, i) => path[i] === v);
}

/** What the dragged thing would be once placed, to check where it may go before dropping it. */
function draggedType(layout: CardLayout, source: DragSource): LayoutElement["type"] {
  switch (source.kind) {
    case "field":
      return "Control";
    case "list":
      return "RelatedList";
    case "separator":
      return "Separator";
    case "note":
      return "Note";
    case "element":
      return (elementAt(layout, source.path) as LayoutElement).type;
  }
}

/**
 * Whether `target` can take `source`, mirroring `checkDrop`: rows take only fields, sections go
 * straight into a tab or the page, nothing goes into itself, only placed things go back to the palette.
 */
export function accepts(layout: CardLayout, source: DragSource, target: DropTarget): boolean {
  if (target.kind === "palette") return source.kind === "element";
  if (target.kind === "tab") return isTabbed(layout) && target.index < layout.elements.length;
  const containerPath = target.at.slice(0, -1);
  let container;
  try {
    container = elementAt(layout, containerPath);
  } catch {
    return false;
  }
  if (!("elements" in container) || container.type === "Categorization") return false;
  if (target.at[target.at.length - 1] > container.elements.length) return false;
  const type = draggedType(layout, source);
  if (container.type === "HorizontalLayout" && type !== "Control") return false;
  if (type === "Group" && container.type !== "Category" && container.type !== "VerticalLayout") return false;
  if (source.kind === "element" && isPrefix(source.path, containerPath)) return false;
  return true;
}

/** A drop that changes nothing: the element dropped right where it is. */
export function isNoop(source: DragSource, target: DropTarget): boolean {
  if (source.kind !== "element" || target.kind !== "gap") return false;
  const from = source.path;
  const at = target.at;
  if (from.length !== at.length || !isPrefix(from.slice(0, -1), at)) return false;
  const index = at[at.length - 1];
  const own = from[from.length - 1];
  return index === own || index === own + 1;
}

/** The gap a tab header stands for: after the last block of that tab. */
export function tabEnd(layout: CardLayout, index: number): ElementPath {
  if (layout.type !== "Categorization") throw new Error("this card has no tabs");
  const tab = layout.elements[index];
  if (!tab) throw new Error(`there is no tab ${index}`);
  return [index, tab.elements.length];
}

/** The layout after dropping `source` on `target`; throws (with a reason) where it cannot go. */
export function applyDrop(layout: CardLayout, table: CompiledTable, source: DragSource, target: DropTarget): CardLayout {
  if (!accepts(layout, source, target)) throw refusal("cannotDrop");
  if (target.kind === "palette") return source.kind === "element" ? removeElement(layout, source.path) : layout;
  if (isNoop(source, target)) return layout;
  const at = target.kind === "tab" ? tabEnd(layout, target.index) : target.at;
  switch (source.kind) {
    case "field":
      return placeField(layout, table, source.key, at);
    case "list":
      return placeRelatedList(layout, source.name, at);
    case "separator":
      return addSeparator(layout, at);
    case "note":
      return addNote(layout, at, NEW_NOTE_TEXT);
    case "element":
      return moveElement(layout, source.path, at);
  }
}

/**
 * Where the dropped thing ended up, to select it and announce it: the path in the new layout. For
 * an element it is found by identity of content (the first element equal to what was dropped).
 */
export function placedPath(after: CardLayout, before: CardLayout, source: DragSource): ElementPath | null {
  const found = (match: (el: LayoutElement) => boolean): ElementPath | null => {
    const walk = (node: { elements?: unknown[] }, path: number[]): ElementPath | null => {
      for (const [i, child] of ((node.elements ?? []) as LayoutElement[]).entries()) {
        if (match(child)) return [...path, i];
        const inner = "elements" in child ? walk(child as { elements?: unknown[] }, [...path, i]) : null;
        if (inner) return inner;
      }
      return null;
    };
    return walk(after, []);
  };
  const control = source.kind === "element" ? (elementAt(before, source.path) as LayoutElement) : null;
  switch (source.kind) {
    case "field":
      return found((el) => el.type === "Control" && el.scope === scopeOf(source.key));
    case "list":
      return found((el) => el.type === "RelatedList" && el.list === source.name);
    case "element":
      if (control?.type === "Control") return found((el) => el.type === "Control" && el["x-field"] === control["x-field"]);
      if (control?.type === "RelatedList") return found((el) => el.type === "RelatedList" && el.list === control.list);
      if (control?.type === "Group") return found((el) => el.type === "Group" && el.label === control.label);
      return null;
    default:
      return null;
  }
}
