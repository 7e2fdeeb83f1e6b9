import type { Knex } from "knex";
import { columnTypeSql, dialectOf } from "../db/ddl.server";
import { dbNow, ensureColumn, SYSTEM_TABLES } from "../db/system-tables.server";
import { BUILTIN_ROLES } from "./roles";

export const AUTH_TABLES = {
  sessions: "crm_sessions",
  tokens: "crm_api_tokens",
  loginFailures: "crm_login_failures",
  roles: "crm_roles",
  audit: "crm_audit",
} as const;

/** Sign-in, roles and audit tables, and the password columns of `crm_users`; idempotent. */
export async function ensureAuthTables(db: Knex): Promise<void> {
  const dialect = dialectOf(db);
  const datetime = columnTypeSql({ type: "datetime" }, dialect);
  const longtext = columnTypeSql({ type: "text", size: "long" }, dialect);
  const create = async (name: string, build: (t: Knex.CreateTableBuilder) => void) => {
    if (await db.schema.hasTable(name)) return;
    try {
      await db.schema.createTable(name, (t) => {
        build(t);
        if (dialect === "mysql") {
          t.charset("utf8mb4");
          t.collate("utf8mb4_unicode_ci");
        }
      });
    } catch (error) {
      if (!(await db.schema.hasTable(name))) throw error;
    }
  };
  for (const [column, add] of [
    ["password_hash", (t: Knex.AlterTableBuilder) => t.string("password_hash", 200).nullable()],
    ["must_change_password", (t: Knex.AlterTableBuilder) => t.boolean("must_change_password").notNullable().defaultTo(false)],
    ["last_login_at", (t: Knex.AlterTableBuilder) => t.specificType("last_login_at", datetime).nullable()],
    ["language", (t: Knex.AlterTableBuilder) => t.string("language", 16).nullable()],
  ] as const) {
    await ensureColumn(db, SYSTEM_TABLES.users, column, (t) => void add(t));
  }
  await create(AUTH_TABLES.sessions, (t) => {
    // The cookie holds a random token; only its hash is stored, so a database leak opens no session.
    t.string("id", 64).primary();
    t.integer("user_id").notNullable().index("crm_sessions_user");
    t.string("csrf_token", 64).notNullable();
    t.specificType("created_at", datetime).notNullable();
    t.specificType("last_seen_at", datetime).notNullable();
    t.specificType("expires_at", datetime).notNullable();
    t.string("ip", 64).nullable();
    t.string("user_agent", 255).nullable();
  });
  await create(AUTH_TABLES.tokens, (t) => {
    t.increments("id").primary();
    t.integer("user_id").notNullable();
    t.string("name", 100).notNullable();
    t.string("token_hash", 64).notNullable().unique();
    t.string("prefix", 12).notNullable();
    t.specificType("created_at", datetime).notNullable();
    t.specificType("last_used_at", datetime).nullable();
    t.specificType("revoked_at", datetime).nullable();
  });
  // One counter row per account or address (see rate-limit.server.ts); it replaced a row per
  // failed attempt, which could not be counted and checked in one atomic step.
  await create(AUTH_TABLES.loginFailures, (t) => {
    t.string("key", 320).primary();
    t.integer("failures").notNullable().defaultTo(0);
    t.specificType("window_started_at", datetime).notNullable();
    t.specificType("locked_until", datetime).nullable();
  });
  await db.schema.dropTableIfExists("crm_login_attempts");
  await create(AUTH_TABLES.roles, (t) => {
    t.string("key", 32).primary();
    t.string("name", 100).notNullable();
    t.boolean("builtin").notNullable().defaultTo(false);
    t.specificType("definition", longtext).notNullable();
    t.specificType("updated_at", datetime).notNullable();
  });
  await create(AUTH_TABLES.audit, (t) => {
    t.bigIncrements("id").primary();
    t.specificType("at", datetime).notNullable();
    t.integer("user_id").nullable();
    t.string("action", 32).notNullable();
    t.string("table_key", 64).nullable();
    t.integer("record_id").nullable();
    t.specificType("changes", longtext).nullable();
    t.string("ip", 64).nullable();
    t.index(["table_key", "record_id"], "crm_audit_record");
    t.index(["at"], "crm_audit_at");
  });
  for (const role of BUILTIN_ROLES) {
    if (await db(AUTH_TABLES.roles).where({ key: role.key }).first("key")) continue;
    try {
      await db(AUTH_TABLES.roles).insert({
        key: role.key,
        name: role.name,
        builtin: true,
        definition: JSON.stringify(role),
        updated_at: dbNow(),
      });
    } catch {
      // another instance inserted it at the same moment
    }
  }
}
