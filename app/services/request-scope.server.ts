import { AsyncLocalStorage } from "node:async_hooks";

/**
 * One HTTP request's memo. A page runs several loaders (the shell's, the route's) and the auth
 * gate, each asking who is signed in: without it, a card cost three session, three user and two
 * role lookups before its own queries.
 */
const scope = new AsyncLocalStorage<{ safe: boolean; memo: Map<string, Promise<unknown>> }>();

/** server.mjs runs each request inside this (through the build's entry module). */
export function inRequestScope<T>(method: string, run: () => T): T {
  return scope.run({ safe: method === "GET" || method === "HEAD", memo: new Map() }, run);
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
