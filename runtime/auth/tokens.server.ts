import type { Knex } from "knex";
import { notFound } from "../errors";
import { peopleRefusal } from "./people-words";
import { dbNow, SYSTEM_TABLES } from "../db/system-tables.server";
import { AUTH_TABLES } from "./auth-tables.server";
import { forgetIdentities, remembered } from "./identity-cache";
import { randomSecret, sha256 } from "./passwords.server";
import { toUser, type User } from "./users.server";

export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const PREFIX = "tsr_";

/** Returns the token text once; only its hash is kept. */
export async function createToken(db: Knex, userId: number, name: unknown): Promise<{ token: string; info: ApiToken }> {
  if (typeof name !== "string" || !name.trim() || name.length > 100) throw peopleRefusal(400, "tokenName");
  const token = PREFIX + randomSecret(32);
  const [id] = await db(AUTH_TABLES.tokens).insert({
    user_id: userId,
    name: name.trim(),
    token_hash: sha256(token),
    prefix: token.slice(0, 12),
    created_at: dbNow(),
  });
  return { token, info: (await listTokens(db, { id: Number(id) }))[0] };
}

export async function listTokens(db: Knex, where: { userId?: number; id?: number } = {}): Promise<ApiToken[]> {
  const q = db(AUTH_TABLES.tokens).orderBy("id", "desc");
  if (where.userId !== undefined) q.where({ user_id: where.userId });
  if (where.id !== undefined) q.where({ id: where.id });
  return ((await q) as Record<string, unknown>[]).map((r) => ({
    id: Number(r.id),
    userId: Number(r.user_id),
    name: String(r.name),
    prefix: String(r.prefix),
    createdAt: String(r.created_at),
    lastUsedAt: (r.last_used_at as string | null) ?? null,
    revokedAt: (r.revoked_at as string | null) ?? null,
  }));
}

export async function revokeToken(db: Knex, id: number): Promise<void> {
  const n = await db(AUTH_TABLES.tokens).where({ id }).whereNull("revoked_at").update({ revoked_at: dbNow() });
  if (n === 0) throw notFound(`token #${id} does not exist or is already revoked`);
  forgetIdentities(db);
}

/** "Last used" is written at most this often: a write per read would load the database and rule out read replicas. */
export const LAST_USED_EVERY_MS = 60_000;

/** The token's active user; remembered for a few seconds (identity-cache.ts), so most requests read nothing. */
export async function resolveToken(db: Knex, token: string, now = Date.now()): Promise<User | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const hash = sha256(token);
  return remembered(
    db,
    `token:${hash}`,
    async () => {
      const row = (await db(AUTH_TABLES.tokens)
        .where({ token_hash: hash })
        .whereNull("revoked_at")
        .first("id", "user_id", "last_used_at")) as { id: number; user_id: number; last_used_at: string | null } | undefined;
      if (!row) return null;
      const user = await db(SYSTEM_TABLES.users).where({ id: row.user_id }).first();
      if (!user || !user.active) return null;
      const last = row.last_used_at ? Date.parse(`${String(row.last_used_at).replace(" ", "T")}Z`) : NaN;
      if (!(now - last < LAST_USED_EVERY_MS)) await db(AUTH_TABLES.tokens).where({ id: row.id }).update({ last_used_at: dbNow() });
      return toUser(user);
    },
    now,
  );
}
