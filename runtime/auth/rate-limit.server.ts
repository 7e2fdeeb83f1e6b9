import type { Knex } from "knex";
import { dbNow } from "../db/system-tables.server";
import { AUTH_TABLES } from "./auth-tables.server";

export const WINDOW_MS = 15 * 60 * 1000;
export const MAX_PER_ACCOUNT = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
/** Failures from one address before its sign-ins start to slow down. */
export const FREE_PER_ADDRESS = 10;
export const FIRST_ADDRESS_DELAY_MS = 250;
export const MAX_ADDRESS_DELAY_MS = 3_000;

const accountKey = (email: string) => `account:${email}`;
const addressKey = (ip: string) => `address:${ip}`;

/**
 * How long a sign-in from an address waits after `failures` wrong passwords from it in the
 * window: nothing at first, then doubling up to a few seconds. A delay, never a lockout: behind a
 * proxy every user shares one address, and a lockout there would lock out the real admin too.
 */
export function addressDelayMs(failures: number): number {
  if (failures < FREE_PER_ADDRESS) return 0;
  return Math.min(MAX_ADDRESS_DELAY_MS, FIRST_ADDRESS_DELAY_MS * 2 ** (failures - FREE_PER_ADDRESS));
}

export type SignInAttempt = { allowed: true } | { allowed: false; retryAfterMinutes: number };

/**
 * Counters live in the database (`crm_login_failures`, one row per account or address), so every
 * instance sees them. A row's window starts at its first failure; a row whose window has passed
 * (and whose lockout, if any, has ended) starts again from zero.
 */
async function ensureFreshRow(db: Knex, key: string, now: Date, windowMs = WINDOW_MS): Promise<void> {
  await db(AUTH_TABLES.loginFailures)
    .insert({ key, failures: 0, window_started_at: dbNow(now), locked_until: null })
    .onConflict("key")
    .ignore();
  await db(AUTH_TABLES.loginFailures)
    .where({ key })
    .where("window_started_at", "<", dbNow(new Date(now.getTime() - windowMs)))
    .where((q) => q.whereNull("locked_until").orWhere("locked_until", "<=", dbNow(now)))
    .update({ failures: 0, window_started_at: dbNow(now), locked_until: null });
}

/**
 * Takes one of the account's sign-in attempts before its password is checked. The single
 * conditional UPDATE is what makes this hold under a burst: the database lets at most
 * MAX_PER_ACCOUNT of them through, however many arrive at once, and none while it is locked,
 * whether the password is right or not. A successful sign-in gives the attempts back
 * (`signInSucceeded`); a wrong one keeps it (`signInFailed`).
 */
export async function takeSignInAttempt(db: Knex, email: string, now = new Date()): Promise<SignInAttempt> {
  const key = accountKey(email);
  await ensureFreshRow(db, key, now);
  const taken = await db(AUTH_TABLES.loginFailures)
    .where({ key })
    .where("failures", "<", MAX_PER_ACCOUNT)
    .where((q) => q.whereNull("locked_until").orWhere("locked_until", "<=", dbNow(now)))
    .update({ failures: db.raw("?? + 1", ["failures"]) });
  if (taken === 1) return { allowed: true };
  const row = (await db(AUTH_TABLES.loginFailures).where({ key }).first("locked_until")) as { locked_until: string | null } | undefined;
  // A burst that just used up the attempts has not written its lockout yet: it will be a full one.
  const until = row?.locked_until ? Date.parse(`${String(row.locked_until).replace(" ", "T")}Z`) : now.getTime() + LOCKOUT_MS;
  return { allowed: false, retryAfterMinutes: Math.max(1, Math.ceil((until - now.getTime()) / 60_000)) };
}

/** A wrong password: the account's attempt stays taken (the last one starts its lockout); the address slows down. */
export async function signInFailed(db: Knex, email: string, ip: string | null, now = new Date()): Promise<void> {
  await db(AUTH_TABLES.loginFailures)
    .where({ key: accountKey(email) })
    .where("failures", ">=", MAX_PER_ACCOUNT)
    .whereNull("locked_until")
    .update({ locked_until: dbNow(new Date(now.getTime() + LOCKOUT_MS)) });
  if (ip) {
    await ensureFreshRow(db, addressKey(ip), now);
    await db(AUTH_TABLES.loginFailures)
      .where({ key: addressKey(ip) })
      .update({ failures: db.raw("?? + 1", ["failures"]) });
  }
  // Keep the table small: rows whose window and lockout have both passed count for nothing.
  if (Math.random() < 0.05)
    await db(AUTH_TABLES.loginFailures)
      .where("window_started_at", "<", dbNow(new Date(now.getTime() - WINDOW_MS)))
      .where((q) => q.whereNull("locked_until").orWhere("locked_until", "<=", dbNow(now)))
      .delete();
}

/** The right password: the account's failures are forgotten. The address's are not (see addressDelayMs). */
export async function signInSucceeded(db: Knex, email: string): Promise<void> {
  await liftAccountLockout(db, email);
}

/** An administrator's password reset, or a new password chosen, ends the account's lockout at once. */
export async function liftAccountLockout(db: Knex, email: string): Promise<void> {
  await db(AUTH_TABLES.loginFailures)
    .where({ key: accountKey(email) })
    .delete();
}

/** How long a sign-in from this address must wait first, from its recent failures. */
export async function addressDelay(db: Knex, ip: string | null, now = new Date()): Promise<number> {
  if (!ip) return 0;
  const row = (await db(AUTH_TABLES.loginFailures)
    .where({ key: addressKey(ip) })
    .where("window_started_at", ">=", dbNow(new Date(now.getTime() - WINDOW_MS)))
    .first("failures")) as { failures: number | string } | undefined;
  return addressDelayMs(Number(row?.failures ?? 0));
}

export type WindowSlot = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * One of `limit` requests per `windowMs` for `key` (e.g. a public form's posts from one address),
 * on the same counter rows as sign-ins, so every instance counts alike and a burst cannot outrun
 * the limit: the conditional UPDATE lets at most `limit` through. Keys carry their own prefix
 * (`form:<ip>`), which keeps them apart from the sign-in rows and scopes the sweep of old ones.
 */
export async function takeWindowSlot(db: Knex, key: string, limit: number, windowMs: number, now = new Date()): Promise<WindowSlot> {
  await ensureFreshRow(db, key, now, windowMs);
  const taken = await db(AUTH_TABLES.loginFailures)
    .where({ key })
    .where("failures", "<", limit)
    .update({ failures: db.raw("?? + 1", ["failures"]) });
  // Keep the table small: a past window of this key's kind (`form:` rows) counts for nothing.
  const prefix = key.slice(0, key.indexOf(":") + 1);
  if (prefix && Math.random() < 0.02)
    await db(AUTH_TABLES.loginFailures)
      .where("key", "like", `${prefix}%`)
      .where("window_started_at", "<", dbNow(new Date(now.getTime() - windowMs)))
      .delete();
  if (taken === 1) return { allowed: true };
  const row = (await db(AUTH_TABLES.loginFailures).where({ key }).first("window_started_at")) as { window_started_at: string } | undefined;
  const started = row ? Date.parse(`${String(row.window_started_at).replace(" ", "T")}Z`) : now.getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((started + windowMs - now.getTime()) / 1000)) };
}
