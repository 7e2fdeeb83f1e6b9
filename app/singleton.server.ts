// Remix re-imports server modules on every dev rebuild; a value made at module level would be
// made again each time (a new database pool, a second Chromium). Kept on globalThis, one per name
// lives as long as the process. After the Remix indie-stack's app/singleton.server.ts.
const store = globalThis as unknown as { __tesseraSingletons?: Map<string, unknown> };

/**
 * The one `name` of this process, made by `make` the first time it is asked for. A promise that
 * rejects is forgotten, so the next call tries again (a database that was down at the first
 * request must not stay broken until a restart).
 */
export function singleton<T>(name: string, make: () => T): T {
  const values = (store.__tesseraSingletons ??= new Map());
  if (values.has(name)) return values.get(name) as T;
  const value = make();
  values.set(name, value);
  if (value instanceof Promise)
    value.catch(() => {
      if (values.get(name) === value) values.delete(name);
    });
  return value;
}
