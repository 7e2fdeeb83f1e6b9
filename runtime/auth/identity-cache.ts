import type { Knex } from "knex";

/**
 * Who a token or a session is and what a role may do, remembered for a few seconds per database
 * handle, so a request does not spend three statements on them before its own query. Any change
 * made through this process (a token revoked, a session ended, a password changed, a user
 * deactivated or given another role, a role's rights edited) forgets everything at once; another instance's change is seen within `IDENTITY_TTL_MS`.
 * Per handle, never module-wide: two runtimes in one process (tests, `db copy`) keep apart.
 */

export const IDENTITY_TTL_MS = 5_000;
/** Enough for every token and role of a large firm; past it the cache starts over rather than grows. */
const MAX_ENTRIES = 5_000;

interface Entry {
  value: unknown;
  until: number;
}

const caches = new WeakMap<object, Map<string, Entry>>();

/**
 * One cache per database: keyed by its connection settings, which the handle and every
 * transaction opened on it share (a change made inside a transaction forgets the handle's cache).
 */
function cacheOf(db: Knex): Map<string, Entry> {
  const key = (db.client as { config: object }).config;
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = new Map()));
  return cache;
}

/** The remembered value, or `load()`'s, remembered for the next few seconds. */
export async function remembered<T>(db: Knex, key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
  const cache = cacheOf(db);
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.value as T;
  const value = await load();
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { value, until: now + IDENTITY_TTL_MS });
  return value;
}

/** After any change to tokens, users or roles made through `db`. */
export function forgetIdentities(db: Knex): void {
  cacheOf(db).clear();
}
