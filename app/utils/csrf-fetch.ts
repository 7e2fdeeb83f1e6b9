/**
 * Browser side of the CSRF protection: every same-origin, state-changing `fetch` carries the
 * session's token from `<meta name="csrf-token">`. Remix's own submissions (useSubmit with a JSON
 * body, fetchers) go through `window.fetch` too and cannot be given headers any other way.
 */
export const CSRF_META_NAME = "csrf-token";
export const CSRF_HEADER_NAME = "X-CSRF-Token";

export function readCsrfToken(
  doc: Pick<Document, "querySelector"> | undefined = typeof document === "undefined" ? undefined : document,
): string {
  return doc?.querySelector<HTMLMetaElement>(`meta[name="${CSRF_META_NAME}"]`)?.content ?? "";
}

/** `init` with the CSRF header added when the request changes state on this origin. */
export function withCsrfHeader(
  input: RequestInfo | URL,
  init: RequestInit | undefined,
  origin: string,
  token: string,
): RequestInit | undefined {
  const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
  if (!token || method === "GET" || method === "HEAD") return init;
  const target = new URL(input instanceof Request ? input.url : String(input), origin);
  if (target.origin !== origin) return init;
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  if (!headers.has(CSRF_HEADER_NAME)) headers.set(CSRF_HEADER_NAME, token);
  return { ...init, headers };
}

const INSTALLED = Symbol.for("tessera.csrfFetch");

export function installCsrfFetch(win: Window & typeof globalThis): void {
  const w = win as unknown as Record<symbol, boolean>;
  if (w[INSTALLED]) return;
  w[INSTALLED] = true;
  const original = win.fetch.bind(win);
  win.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
    original(input, withCsrfHeader(input, init, win.location.origin, readCsrfToken(win.document)));
}
