import type { Knex } from "knex";
import type { Actor } from "../records/permissions";
import { getRole } from "./roles.server";
import type { User } from "./users.server";

/** The actor a signed-in user (or an API token's user) acts as: their role's rights, read fresh. */
export async function actorForUser(db: Knex, user: User, ip: string | null = null): Promise<Actor> {
  return { id: user.id, name: user.name, role: user.role, rights: await getRole(db, user.role), ip };
}
