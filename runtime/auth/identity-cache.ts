import type { Knex } from "knex";
import { expiringMemo, type ExpiringMemo } from "../expiring-memo";

/**
 * Who a token or a session is and what a role may do, remembered for a few seconds per database
 * handle, so a request does not spend three statements on them before its own query. Any change
 * made through this process (a token revoked, a session ended, a password changed, a user
 * deactivated or given another role, a role's rights edited) forgets everything at once, lookups
 * under way included; another instance's change is seen within `IDENTITY_TTL_MS`.
 * Per handle, never module-wide: two runtimes in one process (tests, `db copy`) keep apart.
 */

export const IDENTITY_TTL_MS = 5_000;
/** Enough for every token and role of a large firm; past it the cache starts over rather than grows. */
const MAX_ENTRIES = 5_000;

const caches = new WeakMap<object, ExpiringMemo<string, unknown>>();

/**
 * One cache per database: keyed by its connection settings, which the handle and every
 * transaction opened on it share (a change made inside a transaction forgets the handle's cache).
 */
function cacheOf(db: Knex): ExpiringMemo<string, unknown> {
  const key = (db.client as { config: object }).config;
  let cache = caches.get(key);
  // Date.now(): callers pass the request's own time (a session's expiry is read against it).
  if (!cache) caches.set(key, (cache = expiringMemo(IDENTITY_TTL_MS, { maxEntries: MAX_ENTRIES, clock: Date.now })));
  return cache;
}

/** The remembered value, or `load()`'s, remembered for the next few seconds. */
export function remembered<T>(db: Knex, key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
  return cacheOf(db).get(key, load, { now }) as Promise<T>;
}

/** After any change to tokens, users or roles made through `db`. */
export function forgetIdentities(db: Knex): void {
  cacheOf(db).forget();
}
