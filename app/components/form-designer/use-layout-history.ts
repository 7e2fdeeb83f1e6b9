import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { canRedo, canUndo, createHistory, push, redo, undo, type LayoutHistory } from "@form-designer/history";
import type { CardLayout } from "@runtime/layouts/types";

type Action = { type: "push"; layout: CardLayout } | { type: "undo" } | { type: "redo" } | { type: "reset"; layout: CardLayout };

function reducer(state: LayoutHistory, action: Action): LayoutHistory {
  switch (action.type) {
    case "push":
      return push(state, action.layout);
    case "undo":
      return canUndo(state) ? undo(state) : state;
    case "redo":
      return canRedo(state) ? redo(state) : state;
    case "reset":
      return createHistory(action.layout);
  }
}

export interface StoredDraft {
  /** The saved layout version the draft was made from. */
  baseVersion: number;
  layout: CardLayout;
}

export function draftKey(table: string): string {
  return `tessera:form-draft:${table}`;
}

export function readDraft(table: string): StoredDraft | null {
  try {
    const text = window.sessionStorage.getItem(draftKey(table));
    if (!text) return null;
    const draft = JSON.parse(text) as StoredDraft;
    return draft && typeof draft.baseVersion === "number" && draft.layout && typeof draft.layout === "object" ? draft : null;
  } catch {
    return null;
  }
}

function writeDraft(table: string, draft: StoredDraft | null): void {
  try {
    if (draft) window.sessionStorage.setItem(draftKey(table), JSON.stringify(draft));
    else window.sessionStorage.removeItem(draftKey(table));
  } catch {
    // A full or disabled storage only costs the reload safety net, not the work on screen.
  }
}

/**
 * The layout being designed with undo and redo, mirrored into sessionStorage while it differs from
 * the saved one, so a reload (or a crash of the tab) does not lose the work.
 */
export function useLayoutHistory(table: string, saved: CardLayout, savedVersion: number) {
  const [history, dispatch] = useReducer(reducer, saved, createHistory);
  const savedText = useMemo(() => JSON.stringify(saved), [saved]);
  const dirty = JSON.stringify(history.present) !== savedText;

  const [ready, setReady] = useState(false);
  const [restored, setRestored] = useState(false);
  /** A draft made from an older saved version: the admin decides whether to take it up. */
  const [staleDraft, setStaleDraft] = useState<StoredDraft | null>(null);

  // Before the first write below, which would otherwise replace the draft with "nothing to keep".
  // Once per table: the saved layout it is compared with is the one shown when the table opened.
  const savedWhenOpened = useRef({ savedText, savedVersion });
  savedWhenOpened.current = { savedText, savedVersion };
  useEffect(() => {
    const { savedText, savedVersion } = savedWhenOpened.current;
    const draft = readDraft(table);
    if (draft && JSON.stringify(draft.layout) !== savedText) {
      if (draft.baseVersion === savedVersion) {
        dispatch({ type: "push", layout: draft.layout });
        setRestored(true);
      } else setStaleDraft(draft);
    }
    setReady(true);
  }, [table]);

  useEffect(() => {
    if (ready) writeDraft(table, dirty ? { baseVersion: savedVersion, layout: history.present } : null);
  }, [ready, table, dirty, history.present, savedVersion]);

  return {
    history,
    layout: history.present,
    dirty,
    canUndo: canUndo(history),
    canRedo: canRedo(history),
    change: useCallback((layout: CardLayout) => dispatch({ type: "push", layout }), []),
    undo: useCallback(() => dispatch({ type: "undo" }), []),
    redo: useCallback(() => dispatch({ type: "redo" }), []),
    restored,
    staleDraft,
    takeStaleDraft: useCallback(() => {
      if (staleDraft) dispatch({ type: "push", layout: staleDraft.layout });
      setStaleDraft(null);
    }, [staleDraft]),
    dropStaleDraft: useCallback(() => setStaleDraft(null), []),
    dismissRestored: useCallback(() => setRestored(false), []),
    /** Starts over from `layout` (discard, or a restored draft) without an undo step. */
    reset: useCallback((layout: CardLayout) => dispatch({ type: "reset", layout }), []),
  };
}
