import type { CardLayout } from "@runtime/layouts/types";

export const HISTORY_LIMIT = 100;

/** Undo and redo while designing; a value, so a React reducer can hold it. */
export interface LayoutHistory {
  readonly past: readonly CardLayout[];
  readonly present: CardLayout;
  readonly future: readonly CardLayout[];
}

export function createHistory(layout: CardLayout): LayoutHistory {
  return { past: [], present: layout, future: [] };
}

/** Records a new state; the redo branch is dropped, and only the last 100 steps can be undone. */
export function push(history: LayoutHistory, layout: CardLayout): LayoutHistory {
  if (layout === history.present) return history;
  const past = [...history.past, history.present].slice(-HISTORY_LIMIT);
  return { past, present: layout, future: [] };
}

export function canUndo(history: LayoutHistory): boolean {
  return history.past.length > 0;
}

export function canRedo(history: LayoutHistory): boolean {
  return history.future.length > 0;
}

export function undo(history: LayoutHistory): LayoutHistory {
  if (!canUndo(history)) throw new Error("nothing to undo");
  const previous = history.past[history.past.length - 1];
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

export function redo(history: LayoutHistory): LayoutHistory {
  if (!canRedo(history)) throw new Error("nothing to redo");
  const [next, ...rest] = history.future;
  return { past: [...history.past, history.present].slice(-HISTORY_LIMIT), present: next, future: rest };
}
