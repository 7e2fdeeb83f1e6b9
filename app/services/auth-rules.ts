/**
 * Pure rules of sign-in and cross-site protection, shared by the request gate and its tests.
 * No I/O here: the server side lives in auth.server.ts.
 */
export const SESSION_COOKIE = "tessera_session";
export const CSRF_HEADER = "X-CSRF-Token";
export const CSRF_FIELD = "_csrf";
export const SESSION_COOKIE_MAX_AGE_S = 7 * 24 * 60 * 60;

/** Pages and calls anyone may reach; static files never reach Remix (server.mjs serves them). */
const PUBLIC_PATHS = new Set(["/login", "/healthz"]);
/** While a password must be changed, these still work. */
const PASSWORD_CHANGE_PATHS = new Set(["/account/password", "/logout", "/login", "/healthz"]);

/**
 * Public pages whose signed link is the whole authority (an unsubscribe link): a POST to them is
 * taken from anywhere, since a mail provider's one-click unsubscribe (RFC 8058) comes from its servers.
 */
const SIGNED_LINK_PREFIXES = ["/unsubscribe/"];

export function isSignedLinkPath(pathname: string): boolean {
  return SIGNED_LINK_PREFIXES.some((p) => pathname.startsWith(p));
}

/** The screens' messages (app/routes/i18n.$file.ts): the sign-in page and web forms need them too. */
const LANGUAGE_FILE = /^\/i18n\/[\w.-]+\.json$/;

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.has(trimSlash(pathname)) || isSignedLinkPath(pathname) || LANGUAGE_FILE.test(pathname);
}

/**
 * A published web form (`/f/<slug>`): anyone may open and post it, from any site its allowed
 * origins name, so it skips the same-origin check of the other public pages and checks its own.
 */
export function isPublicFormPath(pathname: string): boolean {
  return /^\/f\/[^/]+\/?$/.test(pathname);
}

export function allowedWhilePasswordMustChange(pathname: string): boolean {
  return PASSWORD_CHANGE_PATHS.has(trimSlash(pathname));
}

export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

export function isSafeMethod(method: string): boolean {
  const m = method.toUpperCase();
  return m === "GET" || m === "HEAD" || m === "OPTIONS";
}

/** True when the client reached us over https, directly or through a proxy that says so. */
export function isHttpsRequest(url: string, forwardedProto: string | null): boolean {
  if (new URL(url).protocol === "https:") return true;
  return (forwardedProto ?? "").split(",")[0].trim().toLowerCase() === "https";
}

export interface SessionCookieOptions {
  httpOnly: true;
  sameSite: "lax";
  secure: boolean;
  path: "/";
  maxAge: number;
  secrets: string[];
}

export function sessionCookieOptions(secrets: string[], secure = false): SessionCookieOptions {
  if (secrets.length === 0 || secrets.some((s) => s.length < 16)) throw new Error("session secrets must be at least 16 characters");
  return { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: SESSION_COOKIE_MAX_AGE_S, secrets };
}

export { secretsFromEnv } from "@runtime/auth/secrets";

/**
 * Whether a state-changing request comes from a page of this site: its Origin (or, when a browser
 * sends none, its Referer) names the host the request was sent to. A request naming neither is
 * refused: every current browser sends Origin with a POST.
 */
export function isSameOrigin(request: {
  url: string;
  origin: string | null;
  referer: string | null;
  forwardedHost?: string | null;
}): boolean {
  const source = request.origin && request.origin !== "null" ? request.origin : request.referer;
  if (!source) return false;
  let sourceHost: string;
  try {
    sourceHost = new URL(source).host.toLowerCase();
  } catch {
    return false;
  }
  const hosts = [new URL(request.url).host.toLowerCase()];
  if (request.forwardedHost) hosts.push(request.forwardedHost.split(",")[0].trim().toLowerCase());
  return hosts.includes(sourceHost);
}

/** The path to come back to after signing in, or "/" when `next` could lead off this site. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || /[\r\n]/.test(next)) return "/";
  if (next.startsWith("/login") || next.startsWith("/logout")) return "/";
  return next;
}

export function loginPath(url: URL): string {
  const next = url.pathname + stripDataParam(url.search);
  return next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
}

/** Remix client navigations ask `?_data=…`; a redirect for them is a header, not a 302. */
export function isRemixDataRequest(url: URL): boolean {
  return url.searchParams.has("_data");
}

function stripDataParam(search: string): string {
  const params = new URLSearchParams(search);
  params.delete("_data");
  const s = params.toString();
  return s ? `?${s}` : "";
}

function trimSlash(pathname: string): string {
  return pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
}

/** The bearer token of an Authorization header, or null. */
export function bearerToken(header: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match ? match[1] : null;
}
