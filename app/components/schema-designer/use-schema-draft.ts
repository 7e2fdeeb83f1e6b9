import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { applyDraftOp, parseStoredDraft, replayDraft, type DraftOp } from "@schema-designer/draft";
import { sayError, type Words } from "@runtime/i18n/words";

const STORAGE_KEY = "tessera.schema-designer.draft";

export interface SchemaBase {
  version: number;
  schema: WorkspaceSchema;
}

export interface SchemaDraftState {
  base: SchemaBase;
  ops: DraftOp[];
  /** The version the edits started from: what the plan and apply calls send as baseVersion. */
  baseVersion: number;
  /** The base with every edit applied. */
  schema: WorkspaceSchema;
  /** A stored draft started from an older version than the one loaded: it must be rebased or discarded. */
  storedBaseVersion: number | null;
  /** Applies one edit to the draft; answers the operation's message when it cannot, else null. */
  edit(op: DraftOp): string | null;
  /** Drops the edits matching `pred` (e.g. an index advice unticked) and replays the rest. */
  removeOps(pred: (op: DraftOp) => boolean): void;
  discard(): void;
  /** Replaces the base (a newer version) and the edits that still apply to it. */
  rebase(base: SchemaBase, ops: DraftOp[]): void;
}

/**
 * The draft lives in the browser only: edits are pure operations replayed on the base schema,
 * kept in sessionStorage so a reload does not lose them. Nothing reaches the server until Apply.
 */
/**
 * `loaded` must keep its identity between renders (memoize it): a new object is taken for new loader
 * data. `t` says an edit's refusal in the reader's language (English as thrown without it).
 */
export function useSchemaDraft(loaded: SchemaBase, t?: Words): SchemaDraftState {
  const [base, setBase] = useState<SchemaBase>(loaded);
  const [ops, setOps] = useState<DraftOp[]>([]);
  const [storedBaseVersion, setStoredBaseVersion] = useState<number | null>(null);

  // sessionStorage exists only in the browser: read it after hydration, not during render, and
  // only once: later loader data is handled by the effect below.
  const versionAtMount = useRef(loaded.version);
  useEffect(() => {
    const stored = parseStoredDraft(window.sessionStorage.getItem(STORAGE_KEY));
    if (!stored || stored.ops.length === 0) return;
    setOps(stored.ops);
    if (stored.baseVersion !== versionAtMount.current) setStoredBaseVersion(stored.baseVersion);
  }, []);

  // A newer version from the loader (after our own apply) becomes the base.
  useEffect(() => {
    if (loaded.version > base.version || (loaded.version === base.version && loaded.schema !== base.schema && ops.length === 0))
      setBase(loaded);
  }, [loaded, base.version, base.schema, ops.length]);

  const persist = useCallback((version: number, next: DraftOp[]) => {
    if (next.length === 0) window.sessionStorage.removeItem(STORAGE_KEY);
    else window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ baseVersion: version, ops: next }));
  }, []);

  const replayed = useMemo(() => replayDraft(base.schema, ops), [base.schema, ops]);
  const baseVersionOfOps = storedBaseVersion ?? base.version;
  // Several edits may come from one event (a label and a rule saved together): each must see the
  // ones before it, which the state of this render does not yet hold.
  const latest = useRef({ ops, schema: replayed.schema });
  latest.current = { ops, schema: replayed.schema };

  const edit = useCallback(
    (op: DraftOp): string | null => {
      let schema: WorkspaceSchema;
      try {
        schema = applyDraftOp(latest.current.schema, op);
      } catch (error) {
        return t ? sayError(error, t) : error instanceof Error ? error.message : String(error);
      }
      const next = [...latest.current.ops, op];
      latest.current = { ops: next, schema };
      setOps(next);
      persist(baseVersionOfOps, next);
      return null;
    },
    [persist, baseVersionOfOps, t],
  );

  const removeOps = useCallback(
    (pred: (op: DraftOp) => boolean) => {
      const next = latest.current.ops.filter((op) => !pred(op));
      setOps(next);
      persist(baseVersionOfOps, next);
    },
    [persist, baseVersionOfOps],
  );

  const discard = useCallback(() => {
    setOps([]);
    setStoredBaseVersion(null);
    persist(base.version, []);
  }, [persist, base.version]);

  const rebase = useCallback(
    (nextBase: SchemaBase, nextOps: DraftOp[]) => {
      setBase(nextBase);
      setOps(nextOps);
      setStoredBaseVersion(null);
      persist(nextBase.version, nextOps);
    },
    [persist],
  );

  return { base, ops, baseVersion: baseVersionOfOps, schema: replayed.schema, storedBaseVersion, edit, removeOps, discard, rebase };
}
