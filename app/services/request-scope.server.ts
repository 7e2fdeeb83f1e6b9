import { AsyncLocalStorage } from "node:async_hooks";

interface RequestScope {
  safe: boolean;
  memo: Map<string, Promise<unknown>>;
  /** Named durations in ms for the Server-Timing header; absent unless the server reports them. */
  timings?: [name: string, ms: number][];
}

/**
 * One HTTP request's memo. A page runs several loaders (the shell's, the route's) and the auth
 * gate, each asking who is signed in: without it, a card cost three session, three user and two
 * role lookups before its own queries.
 */
const scope = new AsyncLocalStorage<RequestScope>();

/**
 * server.mjs runs each request inside this (through the build's entry module). `timings`: the
 * server answers with a Server-Timing header (SERVER_TIMING=1), so `timed` records durations.
 */
export function inRequestScope<T>(method: string, run: () => T, options: { timings?: boolean } = {}): T {
  return scope.run({ safe: method === "GET" || method === "HEAD", memo: new Map(), ...(options.timings ? { timings: [] } : {}) }, run);
}

/**
 * The answer of `make` for `key`, computed once per request. Only for GET and HEAD: an action may
 * change what it read (a sign-out, a new password), and the loaders that follow must see that.
 * Outside a request scope (tests calling a loader directly) it simply calls `make`.
 */
export function oncePerRequest<T>(key: string, make: () => Promise<T>): Promise<T> {
  const current = scope.getStore();
  if (!current?.safe) return make();
  let answer = current.memo.get(key) as Promise<T> | undefined;
  if (!answer) {
    answer = make();
    current.memo.set(key, answer);
  }
  return answer;
}

/**
 * `work`, with its duration added to the request's Server-Timing under `name` when the server
 * reports timings. What a request spends around its records call (sign-in, routing, JSON, the
 * socket) is then the client's time less this, per request, without the call's own spread
 * (docs/decisions/034-http-hot-path.md).
 */
export async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const timings = scope.getStore()?.timings;
  if (!timings) return work();
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings.push([name, performance.now() - start]);
  }
}

/**
 * The Server-Timing header for the current request: each `timed` duration, then `app`, the
 * request's time in the server until its answer's headers (`appMs`). Null outside a scope that
 * records timings.
 */
export function serverTimingHeader(appMs: number): string | null {
  const timings = scope.getStore()?.timings;
  if (!timings) return null;
  return [...timings, ["app", appMs] as const].map(([name, ms]) => `${name};dur=${ms.toFixed(2)}`).join(", ");
}
