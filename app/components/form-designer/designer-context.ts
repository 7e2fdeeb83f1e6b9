import { createContext, useContext } from "react";
import type { ElementPath } from "@form-designer/paths";
import type { NameOf } from "@form-designer/describe-place";
import type { DragSource } from "@form-designer/drop";
import type { CardLayout } from "@runtime/layouts/types";
import type { CompiledSchema, CompiledTable } from "@runtime/schema/compile";

/** What the side panel shows: a placed element, or a tab. */
export type Selection = { kind: "element"; path: ElementPath } | { kind: "tab"; index: number } | null;

export interface DesignerContextValue {
  layout: CardLayout;
  table: CompiledTable;
  compiled: CompiledSchema;
  nameOf: NameOf;
  selection: Selection;
  select(selection: Selection): void;
  /** What is being dragged, to show only the drop positions that can take it. */
  dragging: DragSource | null;
  /** Sets a field's width (the grid presets or any 1..12). */
  resize(path: ElementPath, width: number): void;
}

export const DesignerContext = createContext<DesignerContextValue | null>(null);

export function useDesigner(): DesignerContextValue {
  const value = useContext(DesignerContext);
  if (!value) throw new Error("designer components need a DesignerContext");
  return value;
}

export const WIDTH_PRESETS = [3, 4, 6, 8, 12] as const;

/** The next preset narrower or wider than `width`; the same width at either end. */
export function steppedWidth(width: number, step: 1 | -1): number {
  if (step > 0) return WIDTH_PRESETS.find((w) => w > width) ?? width;
  return [...WIDTH_PRESETS].reverse().find((w) => w < width) ?? width;
}

export function samePath(a: ElementPath, b: ElementPath): boolean {
  return a.length === b.length && a.every((v, i) => b[i] === v);
}
