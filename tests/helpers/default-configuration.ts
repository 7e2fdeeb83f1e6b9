import { BUILTIN_ROLES, withTableRights, type RoleDefinition } from "@runtime/auth/roles";
import { createRuntime, type Runtime, type RuntimeOptions } from "@runtime/runtime.server";
import { DEFAULT_CONFIGURATION } from "@seeds/default-configuration";

/**
 * A runtime on `databaseUrl` wired as the app wires it, its empty database seeded with the default
 * configuration and demo data (as on the first start of the server).
 */
export function createSeededRuntime(databaseUrl: string, options: Omit<RuntimeOptions, "databaseUrl" | "seed"> = {}): Promise<Runtime> {
  return createRuntime({ ...options, databaseUrl, seed: DEFAULT_CONFIGURATION });
}

/** The built-in roles as a database seeded with the default configuration holds them. */
export const DEFAULT_ROLES: readonly RoleDefinition[] = BUILTIN_ROLES.map((role) =>
  withTableRights(role, DEFAULT_CONFIGURATION.configuration.roleRights[role.key] ?? {}),
);

export function defaultRole(key: "admin" | "staff" | "accountant"): RoleDefinition {
  return DEFAULT_ROLES.find((r) => r.key === key)!;
}
