/**
 * Card edits kept in this browser while the network is down (docs/decisions/033-offline-app.md):
 * per user and per record, with the version the edit was based on, in localStorage so a reload
 * or a closed tab keeps them. `sendPendingEdits` sends them through the records API with
 * `If-Match: <that version>` once the network is back; a record changed meanwhile keeps the edit
 * as a conflict for its card to show, never overwritten silently.
 */
export type PendingState = "pending" | "conflict" | "refused";

export interface PendingEdit {
  table: string;
  id: number;
  /** The record's version the edit was typed on: it goes out as If-Match. */
  version: number;
  /** Changed fields as the API speaks them (lines of a composition by the list's name). */
  changes: Record<string, unknown>;
  /** The card's title when it was kept, for the list of pending edits. */
  title: string;
  savedAt: string;
  state: PendingState;
  /** Why the server refused it (a 422's message), for `refused`. */
  problem?: string;
  /** The record as the server had it when it answered "changed meanwhile", for `conflict`. */
  theirs?: Record<string, unknown>;
}

/** Fired on window whenever the kept edits change, in this tab. */
export const PENDING_EVENT = "tessera:pending-edits";

const storageKey = (userId: number) => `tessera.pending-edits.${userId}`;
const recordKey = (table: string, id: number) => `${table}/${id}`;

type Store = Pick<Storage, "getItem" | "setItem" | "removeItem">;

function storage(): Store | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

function readAll(userId: number, store = storage()): Record<string, PendingEdit> {
  const raw = store?.getItem(storageKey(userId));
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, PendingEdit>) : {};
  } catch {
    return {};
  }
}

function writeAll(userId: number, edits: Record<string, PendingEdit>, store = storage()): void {
  if (!store) return;
  if (Object.keys(edits).length) store.setItem(storageKey(userId), JSON.stringify(edits));
  else store.removeItem(storageKey(userId));
  if (typeof window !== "undefined") window.dispatchEvent(new Event(PENDING_EVENT));
}

export function pendingEdits(userId: number): PendingEdit[] {
  return Object.values(readAll(userId)).sort((a, b) => a.savedAt.localeCompare(b.savedAt));
}

export function pendingEditOf(userId: number, table: string, id: number): PendingEdit | null {
  return readAll(userId)[recordKey(table, id)] ?? null;
}

/**
 * Keeps an edit. A second edit of the same record while still offline adds to the first and
 * keeps the first one's version: both were typed on what the user saw then.
 */
export function keepEdit(userId: number, edit: Omit<PendingEdit, "state" | "savedAt">, now = new Date()): PendingEdit {
  const all = readAll(userId);
  const key = recordKey(edit.table, edit.id);
  const earlier = all[key];
  const kept: PendingEdit = {
    ...edit,
    version: earlier?.version ?? edit.version,
    changes: { ...(earlier?.changes ?? {}), ...edit.changes },
    savedAt: now.toISOString(),
    state: "pending",
  };
  all[key] = kept;
  writeAll(userId, all);
  return kept;
}

export function forgetEdit(userId: number, table: string, id: number): void {
  const all = readAll(userId);
  if (!all[recordKey(table, id)]) return;
  delete all[recordKey(table, id)];
  writeAll(userId, all);
}

function mark(userId: number, edit: PendingEdit, state: PendingState, more: Pick<PendingEdit, "problem" | "theirs"> = {}): void {
  const all = readAll(userId);
  const key = recordKey(edit.table, edit.id);
  if (!all[key]) return;
  all[key] = { ...all[key], state, ...more };
  writeAll(userId, all);
}

export interface SendOutcome {
  sent: PendingEdit[];
  conflicts: PendingEdit[];
  refused: PendingEdit[];
  /** True when the network failed on the way: the rest waits for the next chance. */
  stillOffline: boolean;
}

let sending: Promise<SendOutcome> | null = null;

/** Sends every waiting edit of `userId`, one at a time, oldest first; one run at a time per tab. */
export function sendPendingEdits(userId: number, doFetch: typeof fetch = (i, init) => fetch(i, init)): Promise<SendOutcome> {
  sending ??= sendAll(userId, doFetch).finally(() => {
    sending = null;
  });
  return sending;
}

async function sendAll(userId: number, doFetch: typeof fetch): Promise<SendOutcome> {
  const outcome: SendOutcome = { sent: [], conflicts: [], refused: [], stillOffline: false };
  for (const edit of pendingEdits(userId).filter((e) => e.state === "pending")) {
    // Another tab may have sent it meanwhile.
    if (pendingEditOf(userId, edit.table, edit.id)?.state !== "pending") continue;
    let response: Response;
    try {
      response = await doFetch(`/api/t/${encodeURIComponent(edit.table)}/${edit.id}`, {
        method: "PATCH",
        headers: { "Content-Type": "application/json", "If-Match": `"${edit.version}"` },
        body: JSON.stringify(edit.changes),
      });
    } catch {
      outcome.stillOffline = true;
      break;
    }
    if (response.ok) {
      forgetEdit(userId, edit.table, edit.id);
      outcome.sent.push(edit);
    } else if (response.status === 409 || response.status === 412) {
      const body = (await response.json().catch(() => null)) as { details?: { current?: Record<string, unknown> } } | null;
      mark(userId, edit, "conflict", body?.details?.current ? { theirs: body.details.current } : {});
      outcome.conflicts.push(edit);
    } else if (response.status === 401) {
      // Signed out meanwhile: keep it for when this user signs in again.
      break;
    } else {
      const body = (await response.json().catch(() => null)) as { error?: string } | null;
      mark(userId, edit, "refused", { problem: body?.error ?? `The server answered ${response.status}` });
      outcome.refused.push(edit);
    }
  }
  return outcome;
}

/** A failed fetch, or a browser that knows it is offline: the edit is kept instead of lost. */
export function isOffline(): boolean {
  return typeof navigator !== "undefined" && navigator.onLine === false;
}
