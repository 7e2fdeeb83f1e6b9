import { tablesName } from "../i18n/schema-names";
import type { Knex } from "knex";
import { SYSTEM_TABLES } from "../db/system-tables.server";
import { isRelation, relationTarget } from "../fields/structure";
import type { CompiledField, CompiledSchema, CompiledTable } from "../schema/compile";
import { USERS_TABLE } from "../schema/types";
import { automationRefusal } from "./automation-words";

/**
 * Who a rule means by "assignee", "client.manager", "owner.supervisor", "role:admin" or "7": user
 * ids, read inside the caller's transaction. Only active users are ever named.
 */

export interface UserRef {
  id: number;
  name: string;
}

/** Values of the record by field key; a relation holds an id (or a record with one). */
type Values = Record<string, unknown>;

const idOf = (v: unknown): number | null => {
  if (typeof v === "number" && Number.isSafeInteger(v)) return v;
  if (typeof v === "object" && v !== null && typeof (v as { id?: unknown }).id === "number") return (v as { id: number }).id;
  return null;
};

async function activeUsers(q: Knex, ids: number[]): Promise<UserRef[]> {
  if (ids.length === 0) return [];
  const rows = (await q(SYSTEM_TABLES.users).whereIn("id", ids).andWhere({ active: true }).select("id", "name")) as UserRef[];
  const byId = new Map(rows.map((r) => [Number(r.id), { id: Number(r.id), name: r.name }]));
  return ids.map((id) => byId.get(id)).filter((u): u is UserRef => !!u);
}

/** Active users of a role, oldest account first (the order round-robin goes through them). */
export async function usersWithRole(q: Knex, role: string): Promise<UserRef[]> {
  const rows = (await q(SYSTEM_TABLES.users).where({ role, active: true }).orderBy("id").select("id", "name")) as UserRef[];
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

export async function usersByIds(q: Knex, ids: number[]): Promise<UserRef[]> {
  return activeUsers(q, [...new Set(ids)]);
}

/** The active user with this email address (case-insensitive), if any. */
export async function userByEmail(q: Knex, email: string): Promise<UserRef | null> {
  const row = (await q(SYSTEM_TABLES.users)
    .whereRaw("lower(email) = ?", [email.toLowerCase()])
    .andWhere({ active: true })
    .first("id", "name")) as UserRef | undefined;
  return row ? { id: Number(row.id), name: row.name } : null;
}

/** One spec ("7", "role:admin", "client.manager", "owner.supervisor") → the active users it names (possibly none). */
export async function resolveUserSpec(
  q: Knex,
  compiled: CompiledSchema,
  table: CompiledTable,
  record: Values,
  spec: string,
): Promise<UserRef[]> {
  const s = spec.trim();
  if (s === "") return [];
  if (/^\d+$/.test(s)) return activeUsers(q, [Number(s)]);
  const role = /^role:([a-z][a-z0-9_]{0,31})$/.exec(s);
  if (role) return usersWithRole(q, role[1]);
  let on: CompiledTable | null = table;
  let values: Values | null = record;
  let userId: number | null = null;
  const keys = s.split(".");
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (!on) {
      // On a user: only the supervisor leads further.
      if (key !== "supervisor" || userId === null) throw automationRefusal(422, "userPath", { path: s });
      const row = (await q(SYSTEM_TABLES.users).where({ id: userId }).first("supervisor_id")) as
        { supervisor_id: number | null } | undefined;
      userId = row?.supervisor_id ?? null;
      if (userId === null) return [];
      continue;
    }
    const f: CompiledField | undefined = on.fieldsByKey.get(key);
    if (!f || !isRelation(f)) throw automationRefusal(422, "notLink", { path: s, key, tables: tablesName(on) });
    const id = idOf(values?.[key]);
    if (id === null) return [];
    const target: string = relationTarget(f)!;
    if (target === USERS_TABLE) {
      on = null;
      userId = id;
      values = null;
      continue;
    }
    on = compiled.tablesByKey.get(target) ?? null;
    if (!on) return [];
    values = ((await q(on.key).where({ id }).first()) as Values | undefined) ?? null;
    if (!values) return [];
  }
  if (on) throw automationRefusal(422, "notUser", { path: s, tables: tablesName(on) });
  return userId === null ? [] : activeUsers(q, [userId]);
}

/** A comma-separated list of specs → the distinct active users, in the order named. */
export async function resolveUsers(
  q: Knex,
  compiled: CompiledSchema,
  table: CompiledTable,
  record: Values,
  specs: string,
): Promise<UserRef[]> {
  const out = new Map<number, UserRef>();
  for (const spec of specs.split(",")) for (const u of await resolveUserSpec(q, compiled, table, record, spec)) out.set(u.id, u);
  return [...out.values()];
}

/** "Anna Berg and Carl Dahl", for messages. */
export function namesOf(users: UserRef[]): string {
  const names = users.map((u) => u.name);
  if (names.length <= 1) return names[0] ?? "nobody";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
