import { forgetIdentities, remembered } from "./identity-cache";
import type { Knex } from "knex";
import Ajv from "ajv";
import { notFound } from "../errors";
import { peopleRefusal } from "./people-words";
import { dbNow } from "../db/system-tables.server";
import { parseWith } from "../schema/checked";
import { AUTH_TABLES } from "./auth-tables.server";
import { roleJsonSchema, withTableRights, type RoleDefinition, type TableRights } from "./roles";

/** A role as an admin submits it: the server decides whether it is built in, `admin` defaults to false. */
type RoleInput = Omit<RoleDefinition, "builtin" | "admin"> & { admin?: boolean };
const validateRole = new Ajv({ allErrors: true }).compile<RoleInput>(roleJsonSchema);

export async function listRoles(db: Knex): Promise<RoleDefinition[]> {
  const rows = (await db(AUTH_TABLES.roles).orderBy("key")) as { definition: string }[];
  return rows.map((r) => JSON.parse(r.definition) as RoleDefinition);
}

/** A role's rights; remembered for a few seconds (identity-cache.ts): every request needs them. */
export async function getRole(db: Knex, key: string): Promise<RoleDefinition> {
  const definition = await remembered(db, `role:${key}`, async () => {
    const row = (await db(AUTH_TABLES.roles).where({ key }).first("definition")) as { definition: string } | undefined;
    return row ? row.definition : null;
  });
  if (definition === null) throw notFound(`there is no role "${key}"`);
  // A copy: the caller may not change what the next request is given.
  return JSON.parse(definition) as RoleDefinition;
}

/** Adds or changes a role an admin defined; built-in roles keep their key and cannot be removed. */
export async function saveRole(db: Knex, input: unknown): Promise<RoleDefinition> {
  const role = parseWith(validateRole, input, "the role");
  const existing = (await db(AUTH_TABLES.roles).where({ key: role.key }).first()) as { builtin: number | boolean } | undefined;
  if (existing?.builtin && role.key === "admin") throw peopleRefusal(409, "adminRoleFixed");
  const definition: RoleDefinition = { ...role, admin: role.admin ?? false, builtin: Boolean(existing?.builtin) };
  const row = { key: role.key, name: role.name, builtin: definition.builtin, definition: JSON.stringify(definition), updated_at: dbNow() };
  if (existing) await db(AUTH_TABLES.roles).where({ key: role.key }).update(row);
  else await db(AUTH_TABLES.roles).insert(row);
  forgetIdentities(db);
  return definition;
}

export async function deleteRole(db: Knex, key: string): Promise<void> {
  const role = await getRole(db, key);
  if (role.builtin) throw peopleRefusal(409, "roleBuiltIn", { role: role.name });
  const users = (await db("crm_users").where({ role: key }).count({ n: "*" }).first()) as { n: number | string };
  if (Number(users.n) > 0) throw peopleRefusal(409, "roleInUse", { n: users.n, role: role.name });
  await db(AUTH_TABLES.roles).where({ key }).delete();
  forgetIdentities(db);
}

/**
 * Gives built-in roles their rights on a configuration's tables (a database being seeded). Tables
 * a role already names keep their rights, and roles that are not built in are left alone.
 */
export async function grantBuiltinRoleRights(db: Knex, rights: Record<string, Record<string, TableRights>>): Promise<void> {
  for (const [key, tables] of Object.entries(rights)) {
    const row = (await db(AUTH_TABLES.roles).where({ key }).first()) as { builtin: number | boolean; definition: string } | undefined;
    if (!row?.builtin) continue;
    const before = JSON.parse(row.definition) as RoleDefinition;
    const after = withTableRights(before, tables);
    if (after !== before)
      await db(AUTH_TABLES.roles)
        .where({ key })
        .update({ definition: JSON.stringify(after), updated_at: dbNow() });
  }
  forgetIdentities(db);
}
