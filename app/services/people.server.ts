import { tablesName } from "@runtime/i18n/schema-names";
import { inLanguage } from "@runtime/i18n/schema-translations";
/**
 * Users, roles, API tokens and the audit trail as the admin screens and their API twins use them:
 * each function checks who may call it and writes the audit entry.
 */
import { json } from "@remix-run/node";
import { audit, AUDIT_ACTIONS, listAudit, type AuditAction, type AuditEntry } from "@runtime/auth/audit.server";
import { randomSecret } from "@runtime/auth/passwords.server";
import { tableRights } from "@runtime/auth/roles";
import { AUTH_TABLES } from "@runtime/auth/auth-tables.server";
import { deleteRole, getRole, listRoles, saveRole } from "@runtime/auth/roles.server";
import { createToken, listTokens, revokeToken, type ApiToken } from "@runtime/auth/tokens.server";
import { addUser, getUser, listUsers, resetPassword, setPassword, updateUser, type User } from "@runtime/auth/users.server";
import { verifyPassword } from "@runtime/auth/passwords.server";
import { ApiError } from "@runtime/errors";
import { peoplePhrase, peopleRefusal } from "@runtime/auth/people-words";
import { roleWords } from "@runtime/records/permission-words";
import { say } from "@runtime/i18n/words";
import { translatorFor } from "./i18n.server";
import { requireAdmin, unseenFields, type Actor } from "@runtime/records/permissions";
import { changesSeen } from "@runtime/records/audit-changes.server";
import { recordRefusal } from "@runtime/records/record-words";
import { getRuntime } from "./runtime.server";
import { actorFor } from "./actor.server";
import { SYSTEM_TABLES } from "@runtime/db/system-tables.server";

export { MIN_PASSWORD_LENGTH } from "@runtime/auth/passwords.server";

/** The actor of an admin screen; anyone else gets 403 (the root error boundary explains it). */
export async function adminActorFor(request: Request): Promise<Actor> {
  const actor = await actorFor(request);
  if (!actor.rights.admin) throw json({ error: say(peoplePhrase("adminPage"), (await translatorFor(request)).t) }, { status: 403 });
  return actor;
}

/**
 * Runs a screen action: an ApiError becomes `{ error, words }` with its status for the page to show,
 * `words` (its phrase, when it has one) for the page to say in its reader's language (`saidError`).
 */
export async function formResult<T extends object>(run: () => Promise<T>) {
  try {
    return json({ ok: true as const, error: null, ...(await run()) });
  } catch (error) {
    if (error instanceof ApiError)
      return json({ ok: false as const, error: error.message, words: error.phrase ?? null }, { status: error.status });
    throw error;
  }
}

async function db() {
  return (await getRuntime()).db;
}

export async function listUsersAs(actor: Actor): Promise<User[]> {
  requireAdmin(actor, "seeUsers");
  return listUsers(await db());
}

export interface NewUserInput {
  name?: unknown;
  email?: unknown;
  role?: unknown;
  password?: unknown;
  /** Generate a one-time password instead, returned once; the user chooses their own at sign-in. */
  generatePassword?: unknown;
}

export async function addUserAs(actor: Actor, input: NewUserInput): Promise<{ user: User; oneTimePassword?: string }> {
  requireAdmin(actor, "addUsers");
  const d = await db();
  const generate =
    input.generatePassword === true || input.generatePassword === "on" || input.password === undefined || input.password === "";
  const oneTimePassword = generate ? randomSecret(12) : undefined;
  // Each admin change and its audit row commit together, or neither does.
  const user = await d.transaction(async (trx) => {
    const added = await addUser(trx, {
      name: input.name,
      email: input.email,
      role: input.role,
      password: oneTimePassword ?? input.password,
      mustChangePassword: generate,
    });
    await audit(trx, {
      userId: actor.id,
      action: "users",
      table: SYSTEM_TABLES.users,
      recordId: added.id,
      changes: { added: { name: added.name, email: added.email, role: added.role } },
      ip: actor.ip,
    });
    return added;
  });
  return { user, oneTimePassword };
}

export async function updateUserAs(actor: Actor, id: number, changes: { name?: unknown; role?: unknown; active?: unknown }): Promise<User> {
  requireAdmin(actor, "changeUsers");
  const d = await db();
  return d.transaction(async (trx) => {
    const before = await getUser(trx, id);
    const after = await updateUser(trx, id, changes);
    const diff: Record<string, [unknown, unknown]> = {};
    for (const k of ["name", "role", "active"] as const) if (before[k] !== after[k]) diff[k] = [before[k], after[k]];
    await audit(trx, { userId: actor.id, action: "users", table: SYSTEM_TABLES.users, recordId: id, changes: diff, ip: actor.ip });
    return after;
  });
}

export async function resetPasswordAs(actor: Actor, id: number): Promise<{ oneTimePassword: string }> {
  requireAdmin(actor, "resetPasswords");
  const d = await db();
  return d.transaction(async (trx) => {
    const result = await resetPassword(trx, id);
    await audit(trx, {
      userId: actor.id,
      action: "users",
      table: SYSTEM_TABLES.users,
      recordId: id,
      changes: { password: "reset" },
      ip: actor.ip,
    });
    return result;
  });
}

/** The signed-in user's own change; the current password proves it is them. Ends their other sessions. */
export async function changeOwnPassword(actor: Actor, current: unknown, next: unknown, repeat: unknown): Promise<void> {
  if (actor.id === null) throw peopleRefusal(403, "signedInOnly");
  const d = await db();
  const row = (await d(SYSTEM_TABLES.users).where({ id: actor.id }).first("password_hash")) as { password_hash: string | null } | undefined;
  if (typeof current !== "string" || !(await verifyPassword(current, row?.password_hash))) throw peopleRefusal(422, "wrongCurrent");
  if (next !== repeat) throw peopleRefusal(422, "passwordsDiffer");
  if (next === current) throw peopleRefusal(422, "passwordSame");
  await setPassword(d, actor.id, next);
  await audit(d, {
    userId: actor.id,
    action: "users",
    table: SYSTEM_TABLES.users,
    recordId: actor.id,
    changes: { password: "changed" },
    ip: actor.ip,
  });
}

export async function listRolesAs(actor: Actor) {
  requireAdmin(actor, "seeRoles");
  return listRoles(await db());
}

export async function saveRoleAs(actor: Actor, role: unknown) {
  requireAdmin(actor, "changeRoles");
  const d = await db();
  return d.transaction(async (trx) => {
    const saved = await saveRole(trx, role);
    await audit(trx, {
      userId: actor.id,
      action: "roles",
      table: AUTH_TABLES.roles,
      changes: { saved: saved.key, definition: saved },
      ip: actor.ip,
    });
    return saved;
  });
}

export async function deleteRoleAs(actor: Actor, key: string): Promise<void> {
  requireAdmin(actor, "removeRoles");
  const d = await db();
  await d.transaction(async (trx) => {
    const removed = await getRole(trx, key);
    await deleteRole(trx, key);
    await audit(trx, {
      userId: actor.id,
      action: "roles",
      table: AUTH_TABLES.roles,
      changes: { deleted: removed.key, definition: removed },
      ip: actor.ip,
    });
  });
}

export interface TokenRow extends ApiToken {
  owner: string;
}

/** All tokens for `all` (admins only), else the actor's own. */
export async function listTokensAs(actor: Actor, scope: "own" | "all"): Promise<TokenRow[]> {
  if (scope === "all") requireAdmin(actor, "seeEveryonesApiTokens");
  if (actor.id === null) return [];
  const d = await db();
  const tokens = await listTokens(d, scope === "own" ? { userId: actor.id } : {});
  const names = new Map((await listUsers(d)).map((u) => [u.id, `${u.name} <${u.email}>`]));
  return tokens.map((t) => ({ ...t, owner: names.get(t.userId) ?? `user #${t.userId}` }));
}

export async function createTokenAs(actor: Actor, name: unknown): Promise<{ token: string; info: ApiToken }> {
  if (actor.id === null) throw peopleRefusal(403, "tokenOwner");
  const d = await db();
  const created = await createToken(d, actor.id, name);
  await audit(d, {
    userId: actor.id,
    action: "tokens",
    recordId: created.info.id,
    changes: { created: created.info.name, prefix: created.info.prefix },
    ip: actor.ip,
  });
  return created;
}

/** Owners revoke their own tokens; admins revoke anyone's. Someone else's token is "not found". */
export async function revokeTokenAs(actor: Actor, id: number): Promise<void> {
  const d = await db();
  const [token] = await listTokens(d, { id });
  if (!token || (token.userId !== actor.id && !actor.rights.admin)) throw peopleRefusal(404, "noToken", { id });
  await revokeToken(d, id);
  await audit(d, { userId: actor.id, action: "tokens", recordId: id, changes: { revoked: token.name }, ip: actor.ip });
}

/** What the audit trail may be narrowed by, as the query string says it. */
export interface AuditQuery {
  table?: string | null;
  record?: string | null;
  user?: string | null;
  action?: string | null;
  /** Entries older than this entry id: the next page. */
  before?: string | null;
  limit?: number;
}

function queryId(value: string | null | undefined, param: string): number | undefined {
  if (!value) return undefined;
  const id = Number(value);
  if (!(Number.isSafeInteger(id) && id > 0)) throw peopleRefusal(400, "auditId", { param });
  return id;
}

function queryAction(value: string | null | undefined): AuditAction | undefined {
  if (!value) return undefined;
  if (!(AUDIT_ACTIONS as readonly string[]).includes(value)) throw peopleRefusal(400, "auditAction", { actions: AUDIT_ACTIONS.join(", ") });
  return value as AuditAction;
}

/**
 * The audit trail. Admins may read all of it; others only the history of one record they can
 * read, without the fields their role hides. Either may narrow it by user, action and position.
 */
export async function auditAs(actor: Actor, query: AuditQuery): Promise<AuditEntry[]> {
  const recordId = query.record ? Number(query.record) : undefined;
  if (query.record && !(Number.isSafeInteger(recordId) && recordId! > 0)) throw peopleRefusal(400, "auditRecord");
  const narrowed = {
    userId: queryId(query.user, "user"),
    beforeId: queryId(query.before, "before"),
    action: queryAction(query.action),
    limit: query.limit,
  };
  const runtime = await getRuntime();
  if (actor.rights.admin) return listAudit(runtime.db, { table: query.table ?? undefined, recordId, ...narrowed }, { addresses: true });
  if (!query.table || !recordId) throw peopleRefusal(403, "auditAll");
  const { compiled } = await runtime.workspace.current();
  const table = compiled.tablesByKey.get(query.table);
  if (!table) throw recordRefusal(404, "noTable", { table: query.table.slice(0, 64) });
  if (!tableRights(actor.rights, table.id).read)
    throw peopleRefusal(403, "auditTable", { role: roleWords(actor.rights), tables: tablesName(table) });
  // Reading the record applies the row scope: someone else's record answers 404 here too.
  await runtime.records.get(actor, table.key, recordId);
  // As the card's timeline shows it: no hidden field, no formula over one, no entry of those alone.
  const unseen = unseenFields(actor, compiled, table);
  return (await listAudit(runtime.db, { table: table.key, recordId, ...narrowed })).flatMap((entry) => {
    const seen = changesSeen(entry.changes, table, unseen);
    return seen ? [{ ...entry, changes: seen.changes }] : [];
  });
}

const AUDIT_PAGE = 50;

/**
 * The administrators' audit trail screen: a page of entries, newest first, with the names it
 * needs to say who and what in `language` (users, tables and their fields), and where the next
 * page begins.
 */
export async function auditTrailScreen(actor: Actor, query: AuditQuery, language?: string) {
  if (!actor.rights.admin) throw peopleRefusal(403, "auditAll");
  const entries = await auditAs(actor, { ...query, limit: AUDIT_PAGE + 1 });
  const runtime = await getRuntime();
  const current = await runtime.workspace.current();
  const { compiled } = language ? inLanguage(current, language) : current;
  return {
    entries: entries.slice(0, AUDIT_PAGE),
    older: entries.length > AUDIT_PAGE ? entries[AUDIT_PAGE - 1].id : null,
    users: (await listUsers(runtime.db)).map((u) => ({ id: u.id, name: u.name, email: u.email })),
    tables: compiled.tables.map((t) => ({
      key: t.key,
      label: t.pluralLabel,
      fields: Object.fromEntries(t.fields.map((f) => [f.key, f.label])),
    })),
  };
}

/** Tables and fields for the roles matrix, labelled as the admin named them. */
/** The tables and fields a role's rights are set on, named in `language` (ids are what is stored). */
export async function matrixTables(language?: string): Promise<{ id: string; label: string; fields: { id: string; label: string }[] }[]> {
  const current = await (await getRuntime()).workspace.current();
  const { compiled } = language ? inLanguage(current, language) : current;
  return compiled.tables.map((t) => ({ id: t.id, label: t.pluralLabel, fields: t.fields.map((f) => ({ id: f.id, label: f.label })) }));
}
