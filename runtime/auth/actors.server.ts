import type { Knex } from "knex";
import type { Actor } from "../records/permissions";
import { getRole } from "./roles.server";
import type { User } from "./users.server";

/**
 * The actor a signed-in user (or an API token's user) acts as: their role's rights, read fresh
 * (`rolesFrom` lets a request read them once for all its loaders).
 */
export async function actorForUser(db: Knex, user: User, ip: string | null = null, rolesFrom: typeof getRole = getRole): Promise<Actor> {
  return { id: user.id, name: user.name, role: user.role, rights: await rolesFrom(db, user.role), ip };
}
