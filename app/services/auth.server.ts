import crypto from "node:crypto";
import { createCookie, redirect, type Cookie } from "@remix-run/node";
import type { Knex } from "knex";
import { actorForUser } from "@runtime/auth/actors.server";
import { audit } from "@runtime/auth/audit.server";
import { appSecrets } from "@runtime/auth/app-secrets.server";
import { verifyPassword } from "@runtime/auth/passwords.server";
import { addressDelay, signInFailed, signInSucceeded, takeSignInAttempt } from "@runtime/auth/rate-limit.server";
import { getRole } from "@runtime/auth/roles.server";
import { createSession, destroySession, resolveSession } from "@runtime/auth/sessions.server";
import { publicFormGate } from "./public-form-gate.server";
import { oncePerRequest } from "./request-scope.server";
import { resolveToken } from "@runtime/auth/tokens.server";
import { findUserByEmail, normalizeEmail, toUser, type User } from "@runtime/auth/users.server";
import type { Actor } from "@runtime/records/permissions";
import { getRuntime } from "./runtime.server";
import {
  allowedWhilePasswordMustChange,
  bearerToken,
  CSRF_FIELD,
  CSRF_HEADER,
  isApiPath,
  isHttpsRequest,
  isPublicFormPath,
  isPublicPath,
  isRemixDataRequest,
  isSafeMethod,
  isSameOrigin,
  isSignedLinkPath,
  loginPath,
  SESSION_COOKIE,
  sessionCookieOptions,
} from "./auth-rules";
import type { Phrase } from "@runtime/i18n/words";
import { signInRefusal } from "./sign-in-words";

export type Identity = { via: "token"; user: User } | { via: "session"; user: User; sessionToken: string; csrfToken: string };

/** server.mjs puts the socket's address here (after dropping whatever the client sent). */
export const CLIENT_IP_HEADER = "x-tessera-client-ip";

async function sessionCookie(db: Knex, request: Request): Promise<Cookie> {
  const secure = isHttpsRequest(request.url, request.headers.get("x-forwarded-proto"));
  return createCookie(SESSION_COOKIE, sessionCookieOptions(await appSecrets(db), secure));
}

export function clientIp(request: Request): string | null {
  return request.headers.get(CLIENT_IP_HEADER) || null;
}

async function sessionTokenOf(db: Knex, request: Request): Promise<string | null> {
  const header = request.headers.get("cookie");
  if (!header || !header.includes(SESSION_COOKIE)) return null;
  const value: unknown = await (await sessionCookie(db, request)).parse(header);
  return typeof value === "string" ? value : null;
}

/** Who sent the request: a bearer token wins (and a bad one is not rescued by a cookie). */
export function identify(request: Request): Promise<Identity | null> {
  const key = `identity:${request.headers.get("authorization") ?? ""}\n${request.headers.get("cookie") ?? ""}`;
  return oncePerRequest(key, () => identifyNow(request));
}

/** A role's rights, looked up once per request (the shell and the route both need them). */
function roleOf(db: Knex, key: string) {
  return oncePerRequest(`role:${key}`, () => getRole(db, key));
}

async function identifyNow(request: Request): Promise<Identity | null> {
  const { db } = await getRuntime();
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const token = bearerToken(authorization);
    const user = token ? await resolveToken(db, token) : null;
    return user ? { via: "token", user } : null;
  }
  const sessionToken = await sessionTokenOf(db, request);
  const session = sessionToken ? await resolveSession(db, sessionToken) : null;
  return session && sessionToken ? { via: "session", user: session.user, sessionToken, csrfToken: session.csrfToken } : null;
}

function redirectTo(url: URL, location: string): Response {
  // A client-side navigation fetches `?_data`; following a 302 there would fetch the login page as data.
  if (isRemixDataRequest(url))
    return new Response(null, { status: 204, headers: { "X-Remix-Redirect": location, "X-Remix-Status": "302" } });
  return redirect(location);
}

function refusal(url: URL, status: 401 | 403, message: string): Response {
  if (isApiPath(url.pathname) || isRemixDataRequest(url))
    return new Response(JSON.stringify({ error: message }), { status, headers: { "Content-Type": "application/json; charset=utf-8" } });
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

function unauthenticated(url: URL): Response {
  if (isApiPath(url.pathname))
    return refusal(
      url,
      401,
      'Sign in first: send "Authorization: Bearer <token>" (create one on My API tokens, or with npm run crm -- token create --email you@example.com).',
    );
  return redirectTo(url, loginPath(url));
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** Why a state-changing, cookie-authenticated request must be refused, or null when it may go on. */
export async function csrfProblem(request: Request, expected: string): Promise<string | null> {
  const sameOrigin = isSameOrigin({
    url: request.url,
    origin: request.headers.get("origin"),
    referer: request.headers.get("referer"),
    forwardedHost: request.headers.get("x-forwarded-host"),
  });
  if (!sameOrigin) return "Refused: this request did not come from a page of this site (Origin check). Reload the page and try again.";
  let sent = request.headers.get(CSRF_HEADER);
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (!sent && !request.bodyUsed && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))) {
    try {
      const field = (await request.clone().formData()).get(CSRF_FIELD);
      sent = typeof field === "string" ? field : null;
    } catch {
      sent = null;
    }
  }
  if (!sent)
    return `Refused: the security token (CSRF) is missing. Reload the page and try again; API clients send an ${CSRF_HEADER} header or use a bearer token.`;
  if (!tokensEqual(sent, expected)) return "Refused: the security token (CSRF) does not match your session. Reload the page and try again.";
  return null;
}

/**
 * Runs before Remix for every request that is not a static file (server.mjs): no identity → the
 * login page or 401; a password that must change → that page; a cookie-authenticated mutation →
 * Origin and CSRF checks. Null lets the request through.
 */
export async function authGate(request: Request): Promise<Response | null> {
  const url = new URL(request.url);
  if (isPublicFormPath(url.pathname)) return publicFormGate(request);
  if (isPublicPath(url.pathname)) {
    // Login CSRF: a foreign page must not sign a browser into someone else's account.
    if (
      !isSafeMethod(request.method) &&
      !isSignedLinkPath(url.pathname) &&
      request.headers.get("origin") &&
      !isSameOrigin({
        url: request.url,
        origin: request.headers.get("origin"),
        referer: null,
        forwardedHost: request.headers.get("x-forwarded-host"),
      })
    )
      return refusal(url, 403, "Refused: this request did not come from a page of this site (Origin check).");
    return null;
  }
  const identity = await identify(request);
  if (!identity) return unauthenticated(url);
  if (identity.via === "session" && identity.user.mustChangePassword && !allowedWhilePasswordMustChange(url.pathname)) {
    if (isApiPath(url.pathname)) return refusal(url, 403, "Choose a new password first (open /account/password).");
    return redirectTo(url, "/account/password");
  }
  if (identity.via === "session" && !isSafeMethod(request.method)) {
    const problem = await csrfProblem(request, identity.csrfToken);
    if (problem) return refusal(url, 403, problem);
  }
  return null;
}

export async function requireIdentity(request: Request): Promise<Identity> {
  const identity = await identify(request);
  if (!identity) throw unauthenticated(new URL(request.url));
  return identity;
}

/**
 * The actor of a request. Throws the login redirect (pages) or 401 (API). Mutations are checked
 * for CSRF again here when the body is still unread (the gate in server.mjs checks them always).
 */
export async function requireActor(request: Request, options: { mutation?: boolean } = {}): Promise<Actor> {
  const identity = await requireIdentity(request);
  const url = new URL(request.url);
  if (identity.via === "session" && (options.mutation || !isSafeMethod(request.method)) && (options.mutation || !request.bodyUsed)) {
    const problem = await csrfProblem(request, identity.csrfToken);
    if (problem) throw refusal(url, 403, problem);
  }
  const { db } = await getRuntime();
  return actorForUser(db, identity.user, clientIp(request), roleOf);
}

export interface SignedInUser {
  id: number;
  name: string;
  email: string;
  role: string;
  roleName: string;
  admin: boolean;
  mustChangePassword: boolean;
}

/** The signed-in user (by cookie) for the shell, with the session's CSRF token; null on the login page. */
export async function currentSession(request: Request): Promise<{ user: SignedInUser; csrfToken: string } | null> {
  const identity = await identify(request);
  if (!identity || identity.via !== "session") return null;
  const { db } = await getRuntime();
  const role = await roleOf(db, identity.user.role).catch(() => null);
  const u = identity.user;
  return {
    user: {
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      roleName: role?.name ?? u.role,
      admin: role?.admin ?? false,
      mustChangePassword: u.mustChangePassword,
    },
    csrfToken: identity.csrfToken,
  };
}

export type SignInResult =
  { ok: true; setCookie: string; mustChangePassword: boolean } | { ok: false; status: 401 | 429; message: string; words: Phrase };

/**
 * Checks the password and starts a brand-new session. An address with many recent failures waits
 * first; the account's attempt is taken before the password is checked, so a burst of guesses
 * cannot outrun the limit and a locked account refuses even the right password.
 */
export async function signIn(request: Request, emailInput: unknown, password: unknown): Promise<SignInResult> {
  const { db } = await getRuntime();
  const ip = clientIp(request);
  let email: string;
  try {
    email = normalizeEmail(emailInput);
  } catch {
    return { ok: false, status: 401, ...signInRefusal("login.wrong") };
  }
  const delay = await addressDelay(db, ip);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  const attempt = await takeSignInAttempt(db, email);
  if (!attempt.allowed)
    return { ok: false, status: 429, ...signInRefusal("refusals.signIn.throttled", { minutes: attempt.retryAfterMinutes }) };
  const row = await findUserByEmail(db, email);
  const usable = row && row.active ? row.password_hash : null;
  const ok = typeof password === "string" && password.length <= 200 && (await verifyPassword(password, usable));
  if (!ok || !row) {
    await signInFailed(db, email, ip);
    await audit(db, { userId: row ? Number(row.id) : null, action: "login_failed", ip, changes: { email } });
    return { ok: false, status: 401, ...signInRefusal("login.wrong") };
  }
  await signInSucceeded(db, email);
  // Whatever session this browser had ends: a new id at every sign-in.
  await destroySession(db, await sessionTokenOf(db, request));
  const user = toUser(row);
  const { token } = await createSession(db, user.id, { ip, userAgent: request.headers.get("user-agent") });
  await audit(db, { userId: user.id, action: "login", ip });
  const cookie = await sessionCookie(db, request);
  return { ok: true, setCookie: await cookie.serialize(token), mustChangePassword: user.mustChangePassword };
}

/** A fresh session for a user who just proved who they are (e.g. after changing the password). */
export async function startSession(request: Request, userId: number): Promise<string> {
  const { db } = await getRuntime();
  await destroySession(db, await sessionTokenOf(db, request));
  const { token } = await createSession(db, userId, { ip: clientIp(request), userAgent: request.headers.get("user-agent") });
  return (await sessionCookie(db, request)).serialize(token);
}

/** Ends the session on the server and returns the Set-Cookie header that clears the cookie. */
export async function signOut(request: Request): Promise<string> {
  const { db } = await getRuntime();
  const token = await sessionTokenOf(db, request);
  if (token) {
    const session = await resolveSession(db, token);
    await destroySession(db, token);
    if (session) await audit(db, { userId: session.user.id, action: "logout", ip: clientIp(request) });
  }
  const cookie = await sessionCookie(db, request);
  return cookie.serialize("", { maxAge: 0, expires: new Date(0) });
}
