import { forgetIdentities } from "./identity-cache";
import type { Knex } from "knex";
import { ApiError } from "../errors";
import { peopleRefusal, peopleRefusalOf } from "./people-words";
import { isUniqueViolation } from "../db/db-errors";
import { dbNow, SYSTEM_TABLES } from "../db/system-tables.server";
import { AUTH_TABLES } from "./auth-tables.server";
import { hashPassword, passwordProblem, randomSecret } from "./passwords.server";
import { liftAccountLockout } from "./rate-limit.server";

export interface User {
  id: number;
  name: string;
  email: string;
  role: string;
  active: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  /** The language the screens speak to this user, or null to follow the browser's. */
  language: string | null;
}

interface UserRow {
  id: number;
  name: string;
  email: string;
  role: string;
  active: number | boolean;
  must_change_password: number | boolean;
  last_login_at: string | null;
  password_hash: string | null;
  language?: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function toUser(r: UserRow): User {
  return {
    id: Number(r.id),
    name: r.name,
    email: r.email,
    role: r.role,
    active: Boolean(r.active),
    mustChangePassword: Boolean(r.must_change_password),
    lastLoginAt: r.last_login_at,
    language: r.language ?? null,
  };
}

export function normalizeEmail(email: unknown): string {
  if (typeof email !== "string" || !EMAIL.test(email.trim()) || email.length > 254) throw peopleRefusal(400, "invalidEmail");
  return email.trim().toLowerCase();
}

async function requireRole(db: Knex, role: unknown): Promise<string> {
  if (typeof role !== "string" || !(await db(AUTH_TABLES.roles).where({ key: role }).first("key"))) {
    const roles = ((await db(AUTH_TABLES.roles).select("key")) as { key: string }[]).map((r) => r.key);
    throw peopleRefusal(422, "notRole", { role: String(role), roles: roles.join(", ") });
  }
  return role;
}

export async function findUserByEmail(db: Knex, email: string): Promise<UserRow | undefined> {
  return (await db(SYSTEM_TABLES.users).whereRaw("lower(email) = ?", [email.toLowerCase()]).first()) as UserRow | undefined;
}

export async function getUser(db: Knex, id: number): Promise<User> {
  const row = (await db(SYSTEM_TABLES.users).where({ id }).first()) as UserRow | undefined;
  if (!row) throw peopleRefusal(404, "noUser", { id });
  return toUser(row);
}

export async function listUsers(db: Knex): Promise<User[]> {
  return ((await db(SYSTEM_TABLES.users).orderBy("name")) as UserRow[]).map(toUser);
}

export async function addUser(
  db: Knex,
  input: { name: unknown; email: unknown; role: unknown; password?: unknown; mustChangePassword?: boolean },
): Promise<User> {
  const email = normalizeEmail(input.email);
  if (typeof input.name !== "string" || !input.name.trim() || input.name.length > 200) throw peopleRefusal(400, "nameLength");
  const role = await requireRole(db, input.role);
  let hash: string | null = null;
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw peopleRefusalOf(422, problem);
    hash = await hashPassword(input.password as string);
  }
  const now = dbNow();
  try {
    const [id] = await db(SYSTEM_TABLES.users).insert({
      name: input.name.trim(),
      email,
      role,
      active: true,
      password_hash: hash,
      must_change_password: input.mustChangePassword ?? false,
      created_at: now,
      updated_at: now,
    });
    return getUser(db, Number(id));
  } catch (error) {
    if (isUniqueViolation(error)) throw peopleRefusal(409, "emailTaken", { email });
    throw error;
  }
}

/** Role and active flag. Deactivating ends the user's sessions and tokens; records keep their history. */
export async function updateUser(db: Knex, id: number, changes: { name?: unknown; role?: unknown; active?: unknown }): Promise<User> {
  const current = await getUser(db, id);
  const patch: Record<string, unknown> = { updated_at: dbNow() };
  if (changes.name !== undefined) {
    if (typeof changes.name !== "string" || !changes.name.trim()) throw peopleRefusal(400, "nameEmpty");
    patch.name = changes.name.trim();
  }
  if (changes.role !== undefined) patch.role = await requireRole(db, changes.role);
  if (changes.active !== undefined) {
    if (changes.active !== true && changes.active !== false) throw peopleRefusal(400, "active");
    patch.active = changes.active;
  }
  const demotes = (patch.role !== undefined && patch.role !== "admin") || patch.active === false;
  if (current.role === "admin" && current.active && demotes) {
    const admins = (await db(SYSTEM_TABLES.users).where({ role: "admin", active: true }).count({ n: "*" }).first()) as {
      n: number | string;
    };
    if (Number(admins.n) <= 1) throw peopleRefusal(409, "lastAdmin");
  }
  await db(SYSTEM_TABLES.users).where({ id }).update(patch);
  forgetIdentities(db);
  if (patch.active === false) await endSessionsAndTokens(db, id);
  return getUser(db, id);
}

/**
 * Signs the user out everywhere: every session ends and every API token is revoked (it stays in
 * the tokens list, marked revoked, so the admin sees what stopped). Whoever held the old password
 * or a token made with it is out.
 */
export async function endSessionsAndTokens(db: Knex, id: number): Promise<void> {
  await db(AUTH_TABLES.sessions).where({ user_id: id }).delete();
  await db(AUTH_TABLES.tokens).where({ user_id: id }).whereNull("revoked_at").update({ revoked_at: dbNow() });
  forgetIdentities(db);
}

/** A new password ends the user's other sessions and lifts a sign-in lockout of the account. */
export async function setPassword(db: Knex, id: number, password: unknown, options: { mustChange?: boolean } = {}): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw peopleRefusalOf(422, problem);
  const user = await getUser(db, id);
  await db(SYSTEM_TABLES.users)
    .where({ id })
    .update({
      password_hash: await hashPassword(password as string),
      must_change_password: options.mustChange ?? false,
      updated_at: dbNow(),
    });
  // A new password ends every other session: whoever knew the old one is out.
  await db(AUTH_TABLES.sessions).where({ user_id: id }).delete();
  forgetIdentities(db);
  await liftAccountLockout(db, user.email);
}

/**
 * An admin's reset: a one-time password the user must change at the next sign-in. A reset is
 * what an admin does when an account may be in the wrong hands, so its API tokens go too.
 */
export async function resetPassword(db: Knex, id: number): Promise<{ oneTimePassword: string }> {
  const oneTimePassword = randomSecret(12);
  await setPassword(db, id, oneTimePassword, { mustChange: true });
  await endSessionsAndTokens(db, id);
  return { oneTimePassword };
}

/**
 * The first start of an empty database creates the first admin from CRM_ADMIN_EMAIL and
 * CRM_ADMIN_PASSWORD, or, when those are unset, with a one-time password to print — never a
 * fixed default.
 */
export async function ensureFirstAdmin(
  db: Knex,
  env: { CRM_ADMIN_EMAIL?: string; CRM_ADMIN_PASSWORD?: string },
): Promise<{ email: string; oneTimePassword?: string } | null> {
  const withPassword = (await db(SYSTEM_TABLES.users).where({ role: "admin", active: true }).whereNotNull("password_hash").first("id")) as
    { id: number } | undefined;
  if (withPassword) return null;
  const email = normalizeEmail(env.CRM_ADMIN_EMAIL || "admin@localhost.localdomain");
  const oneTime = env.CRM_ADMIN_PASSWORD ? undefined : randomSecret(12);
  const password = env.CRM_ADMIN_PASSWORD ?? oneTime!;
  const existing = await findUserByEmail(db, email);
  if (existing) {
    if (existing.role !== "admin") await db(SYSTEM_TABLES.users).where({ id: existing.id }).update({ role: "admin", active: true });
    forgetIdentities(db);
    await setPassword(db, Number(existing.id), password, { mustChange: !!oneTime });
  } else {
    try {
      await addUser(db, { name: "Administrator", email, role: "admin", password, mustChangePassword: !!oneTime });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) return null; // another instance created it
      throw error;
    }
  }
  return { email, oneTimePassword: oneTime };
}

/** The user's own choice of language (null: follow the browser); `available` is what the catalogs offer. */
export async function setUserLanguage(db: Knex, id: number, language: unknown, available: readonly string[]): Promise<User> {
  if (language !== null && (typeof language !== "string" || !available.includes(language)))
    throw peopleRefusal(422, "notLanguage", { language: String(language), languages: available.join(", ") });
  await db(SYSTEM_TABLES.users).where({ id }).update({ language, updated_at: dbNow() });
  forgetIdentities(db);
  return getUser(db, id);
}
