import type { Knex } from "knex";
import { dbNow, SYSTEM_TABLES } from "../db/system-tables.server";
import { AUTH_TABLES } from "./auth-tables.server";
import { forgetIdentities, remembered } from "./identity-cache";
import { randomSecret, sha256 } from "./passwords.server";
import { toUser, type User } from "./users.server";

export const IDLE_TIMEOUT_MS = 2 * 60 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 7 * 24 * 60 * 60 * 1000;

export interface Session {
  user: User;
  csrfToken: string;
}

/** A new random session id at every sign-in: a planted or old id never becomes a signed-in one. */
export async function createSession(
  db: Knex,
  userId: number,
  meta: { ip?: string | null; userAgent?: string | null } = {},
): Promise<{ token: string; csrfToken: string }> {
  const token = randomSecret(32);
  const csrfToken = randomSecret(24);
  const now = new Date();
  await db(AUTH_TABLES.sessions).insert({
    id: sha256(token),
    user_id: userId,
    csrf_token: csrfToken,
    created_at: dbNow(now),
    last_seen_at: dbNow(now),
    expires_at: dbNow(new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS)),
    ip: meta.ip?.slice(0, 64) ?? null,
    user_agent: meta.userAgent?.slice(0, 255) ?? null,
  });
  await db(SYSTEM_TABLES.users)
    .where({ id: userId })
    .update({ last_login_at: dbNow(now) });
  return { token, csrfToken };
}

/**
 * The session of a cookie token, or null when unknown, expired (idle or absolute) or its user is
 * inactive. Remembered for a few seconds like a token (identity-cache.ts): every page and every
 * client-side navigation used to read the session and its user before anything else. Ending
 * sessions through this process (sign-out, a new password, a user deactivated) is seen at once.
 */
export async function resolveSession(db: Knex, token: string | null | undefined, now = new Date()): Promise<Session | null> {
  if (!token || token.length > 200) return null;
  const id = sha256(token);
  const session = await remembered(db, `session:${id}`, () => readSession(db, id, now), now.getTime());
  // Each caller its own copy: one request's changes to it never reach the next.
  return session && { ...session, user: { ...session.user } };
}

async function readSession(db: Knex, id: string, now: Date): Promise<Session | null> {
  const row = (await db(AUTH_TABLES.sessions).where({ id }).first()) as
    { user_id: number; csrf_token: string; last_seen_at: string; expires_at: string } | undefined;
  if (!row) return null;
  const lastSeen = Date.parse(String(row.last_seen_at).replace(" ", "T") + "Z");
  const expires = Date.parse(String(row.expires_at).replace(" ", "T") + "Z");
  if (now.getTime() > expires || now.getTime() - lastSeen > IDLE_TIMEOUT_MS) {
    await db(AUTH_TABLES.sessions).where({ id }).delete();
    return null;
  }
  const user = await db(SYSTEM_TABLES.users).where({ id: row.user_id }).first();
  if (!user || !user.active) return null;
  // Touch at most once a minute: every request reading the session should not mean a write.
  if (now.getTime() - lastSeen > 60_000)
    await db(AUTH_TABLES.sessions)
      .where({ id })
      .update({ last_seen_at: dbNow(now) });
  return { user: toUser(user), csrfToken: row.csrf_token };
}

export async function destroySession(db: Knex, token: string | null | undefined): Promise<void> {
  if (!token) return;
  await db(AUTH_TABLES.sessions)
    .where({ id: sha256(token) })
    .delete();
  forgetIdentities(db);
}
