/**
 * Values read from the database and remembered for a few seconds: who a token is, which tables
 * have a mail template. A change made through this process forgets them at once; one made by
 * another instance is seen within the time they are kept (docs/decisions/034-http-hot-path.md).
 */
export interface ExpiringMemo<K, V> {
  /**
   * The value remembered for `key` if it is still fresh, else `load()`'s, remembered from the moment
   * the load began; callers that miss while a load for the key is under way (and no change came
   * since it began) share it. `now` is the caller's clock reading (tests move it); `fresh` reads anew.
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
  // When the expiry comes, every request in flight misses at once: one load serves them all.
  const loading = new Map<K, { value: Promise<V>; changes: number }>();
  // A load that began before a change may answer what was there before: its value is used by its
  // own callers, never kept for the next.
  let changes = 0;
  return {
    async get(key, load, { now = clock(), fresh = false } = {}) {
      const hit = entries.get(key);
      if (!fresh && hit && now < hit.until) return hit.value;
      const under = loading.get(key);
      if (!fresh && under && under.changes === changes) return under.value;
      const started = changes;
      const value = load();
      loading.set(key, { value, changes: started });
      try {
        const loaded = await value;
        if (started === changes) {
          if (entries.size >= maxEntries) entries.clear();
          entries.set(key, { value: loaded, until: now + keepMs });
        }
        return loaded;
      } finally {
        if (loading.get(key)?.value === value) loading.delete(key);
      }
    },
    forget() {
      changes++;
      entries.clear();
    },
  };
}
