import type { Knex } from "knex";
import { ApiError } from "../errors";
import { dbNow } from "../db/system-tables.server";
import { AUTH_TABLES } from "./auth-tables.server";

export const WINDOW_MS = 15 * 60 * 1000;
export const MAX_PER_ACCOUNT = 5;
export const MAX_PER_ADDRESS = 30;

/**
 * Failed sign-ins are counted in the database, not in memory, so every app instance sees them.
 * Throws 429 with the minutes to wait when the account or the address has failed too often.
 */
export async function checkLoginAllowed(db: Knex, email: string, ip: string | null, now = new Date()): Promise<void> {
  const since = dbNow(new Date(now.getTime() - WINDOW_MS));
  const count = async (key: string) =>
    Number(((await db(AUTH_TABLES.attempts).where({ key }).where("at", ">", since).count({ n: "*" }).first()) as { n: number | string }).n);
  if ((await count(`account:${email}`)) >= MAX_PER_ACCOUNT || (ip && (await count(`address:${ip}`)) >= MAX_PER_ADDRESS))
    throw new ApiError(
      429,
      `Too many failed sign-ins. Wait ${Math.round(WINDOW_MS / 60000)} minutes, or ask an administrator to reset the password.`,
    );
}

export async function recordFailedLogin(db: Knex, email: string, ip: string | null, now = new Date()): Promise<void> {
  const at = dbNow(now);
  await db(AUTH_TABLES.attempts).insert([{ key: `account:${email}`, at }, ...(ip ? [{ key: `address:${ip}`, at }] : [])]);
  // Keep the table small: anything older than the window no longer counts.
  if (Math.random() < 0.05)
    await db(AUTH_TABLES.attempts)
      .where("at", "<", dbNow(new Date(now.getTime() - WINDOW_MS)))
      .delete();
}

export async function clearFailedLogins(db: Knex, email: string): Promise<void> {
  await db(AUTH_TABLES.attempts)
    .where({ key: `account:${email}` })
    .delete();
}
