/**
 * Values read from the database and remembered for a few seconds: who a token is, which tables
 * have a mail template. A change made through this process forgets them at once; one made by
 * another instance is seen within the time they are kept (docs/decisions/034-http-hot-path.md).
 */
export interface ExpiringMemo<K, V> {
  /**
   * The value remembered for `key` if it is still fresh, else `load()`'s, remembered from the moment
   * the load began. `now` is the caller's clock reading (tests move it); `fresh` reads anew.
   */
  get(key: K, load: () => Promise<V>, options?: { now?: number; fresh?: boolean }): Promise<V>;
  /** After a change: forgets every value, and keeps none that a load already under way returns. */
  forget(): void;
}

/**
 * `keepMs`: how long a value is trusted. `maxEntries`: past it the memo starts over rather than
 * grows. `clock`: what `now` is read from when the caller gives none.
 */
export function expiringMemo<K, V>(
  keepMs: number,
  { maxEntries = Infinity, clock = () => performance.now() }: { maxEntries?: number; clock?: () => number } = {},
): ExpiringMemo<K, V> {
  const entries = new Map<K, { value: V; until: number }>();
  // A load that began before a change may answer what was there before: its value is used by its
  // own caller, never kept for the next.
  let changes = 0;
  return {
    async get(key, load, { now = clock(), fresh = false } = {}) {
      const hit = entries.get(key);
      if (!fresh && hit && now < hit.until) return hit.value;
      const started = changes;
      const value = await load();
      if (started === changes) {
        if (entries.size >= maxEntries) entries.clear();
        entries.set(key, { value, until: now + keepMs });
      }
      return value;
    },
    forget() {
      changes++;
      entries.clear();
    },
  };
}
