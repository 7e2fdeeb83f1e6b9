import { useCallback, useEffect, useRef, useState } from "react";
import type { CompiledTable } from "@runtime/schema/compile";
import { forgetEdit, isOffline, keepEdit, PENDING_EVENT, pendingEditOf, type PendingEdit } from "../offline/pending-edits";
import { isComputed, type Lines } from "./card-values";

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const withoutKeys = (lines: Lines[string]) => lines.map(({ _key, ...rest }) => (void _key, rest));

/**
 * What a save sends when it cannot be sent now: the card's fields (and lines) that differ from
 * the record as it was opened, as the API speaks them. Computed fields are the server's.
 */
export function changedSince(
  base: Record<string, unknown>,
  values: Record<string, unknown>,
  baseLines: Lines,
  lines: Lines,
  placed: Set<string>,
  table: CompiledTable,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of placed) {
    const field = table.fieldsByKey.get(key);
    if (!field || isComputed(field)) continue;
    if (!same(values[key], base[key])) out[key] = values[key] ?? null;
  }
  for (const [name, list] of Object.entries(lines)) {
    const now = withoutKeys(list);
    if (!same(now, withoutKeys(baseLines[name] ?? []))) out[name] = now;
  }
  return out;
}

export interface KeptEditState {
  /** This record's edit kept on this device, if any. */
  kept: PendingEdit | null;
  /** The form as it was when kept: the card is not "unsaved" while it shows that. */
  keptSnapshot: string | null;
  /** A stored record of a signed-in user: only then can an edit be kept. */
  mayKeep: boolean;
  networkIsDown(): boolean;
  keep(edit: { version: number; changes: Record<string, unknown>; title: string; snapshot: string }): void;
  forget(): void;
}

/**
 * The card's side of offline edits (app/components/offline/pending-edits.ts): restores an edit
 * kept earlier into the form once, follows it while it waits, is sent, or comes back in conflict.
 */
export function useKeptEdit(options: {
  userId?: number;
  table: CompiledTable;
  recordId: number | null;
  onRestore(changes: Record<string, unknown>): void;
}): KeptEditState {
  const { userId, table, recordId } = options;
  const [kept, setKept] = useState<PendingEdit | null>(null);
  const [keptSnapshot, setKeptSnapshot] = useState<string | null>(null);
  const restore = useRef(options.onRestore);
  restore.current = options.onRestore;
  const mayKeep = userId !== undefined && recordId !== null;

  useEffect(() => {
    if (userId === undefined || recordId === null) return;
    const first = pendingEditOf(userId, table.key, recordId);
    if (first) restore.current(first.changes);
    setKept(first);
    const read = () => setKept(pendingEditOf(userId, table.key, recordId));
    window.addEventListener(PENDING_EVENT, read);
    return () => window.removeEventListener(PENDING_EVENT, read);
  }, [userId, table.key, recordId]);

  const keep = useCallback<KeptEditState["keep"]>(
    (edit) => {
      if (userId === undefined || recordId === null) return;
      setKept(keepEdit(userId, { table: table.key, id: recordId, version: edit.version, changes: edit.changes, title: edit.title }));
      setKeptSnapshot(edit.snapshot);
    },
    [userId, recordId, table.key],
  );
  const forget = useCallback(() => {
    if (userId === undefined || recordId === null) return;
    forgetEdit(userId, table.key, recordId);
    setKept(null);
    setKeptSnapshot(null);
  }, [userId, recordId, table.key]);

  return { kept, keptSnapshot, mayKeep, networkIsDown: isOffline, keep, forget };
}
