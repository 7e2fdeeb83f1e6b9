import type { Knex } from "knex";
import { columnTypeSql, dialectOf } from "./ddl.server";

/**
 * Tessera's own tables. They all start with `crm_`, a prefix no admin-defined table may use.
 * Created idempotently at every start, so an older database gains new ones on upgrade.
 */
export const SYSTEM_TABLES = {
  schemaVersions: "crm_schema_versions",
  journal: "crm_migration_journal",
  trash: "crm_trash",
  users: "crm_users",
  autonumbers: "crm_autonumbers",
  files: "crm_files",
  views: "crm_views",
  layouts: "crm_layouts",
  exchangeRates: "crm_exchange_rates",
} as const;

/**
 * Creates one of Tessera's tables unless it exists: utf8mb4 InnoDB on MySQL. Two instances
 * starting at once on MySQL race here; the loser finds the winner's table and carries on.
 */
export async function createSystemTable(db: Knex, name: string, build: (t: Knex.CreateTableBuilder) => void): Promise<void> {
  if (await db.schema.hasTable(name)) return;
  const mysql = dialectOf(db) === "mysql";
  try {
    await db.schema.createTable(name, (t) => {
      build(t);
      if (mysql) {
        t.charset("utf8mb4");
        t.collate("utf8mb4_unicode_ci");
        t.engine("InnoDB");
      }
    });
  } catch (error) {
    if (!(await db.schema.hasTable(name))) throw error;
  }
}

export async function ensureSystemTables(db: Knex): Promise<void> {
  const dialect = dialectOf(db);
  const datetime = columnTypeSql({ type: "datetime" }, dialect);
  const longtext = columnTypeSql({ type: "text", size: "long" }, dialect);
  const create = (name: string, build: (t: Knex.CreateTableBuilder) => void) => createSystemTable(db, name, build);

  await create(SYSTEM_TABLES.schemaVersions, (t) => {
    t.integer("version").primary();
    t.specificType("schema", longtext).notNullable();
    t.specificType("plan", longtext).nullable();
    t.specificType("created_at", datetime).notNullable();
    t.integer("created_by").nullable();
  });
  await create(SYSTEM_TABLES.journal, (t) => {
    t.increments("id").primary();
    t.integer("from_version").notNullable();
    // Unique: two admins applying on the same base version race here, and one of them loses cleanly.
    t.integer("to_version").notNullable().unique();
    t.specificType("plan", longtext).notNullable();
    t.specificType("schema", longtext).notNullable();
    t.string("status", 16).notNullable();
    t.integer("next_step").notNullable().defaultTo(0);
    t.specificType("results", longtext).nullable();
    t.text("error").nullable();
    t.specificType("started_at", datetime).notNullable();
    t.specificType("finished_at", datetime).nullable();
    t.integer("created_by").nullable();
  });
  // Which instance runs the plan, and until when it has promised to renew that: another instance
  // finishes a plan whose runner stopped renewing (it was killed), and waits for one that renews.
  await ensureColumn(db, SYSTEM_TABLES.journal, "holder", (t) => void t.string("holder", 64).nullable());
  await ensureColumn(db, SYSTEM_TABLES.journal, "lease_until", (t) => void t.specificType("lease_until", datetime).nullable());
  await create(SYSTEM_TABLES.trash, (t) => {
    t.increments("id").primary();
    t.string("kind", 16).notNullable(); // record | field | table
    t.string("table_id", 64).notNullable();
    t.string("table_key", 64).notNullable();
    t.string("field_id", 64).nullable();
    t.string("field_key", 64).nullable();
    t.integer("record_id").nullable();
    t.string("label", 255).nullable();
    // Where the data waits: a renamed column or table for fields and tables, `data` for records.
    t.string("storage", 64).nullable().unique();
    t.specificType("definition", longtext).nullable();
    t.specificType("data", longtext).nullable();
    t.integer("schema_version").notNullable();
    t.specificType("deleted_at", datetime).notNullable();
    t.integer("deleted_by").nullable();
    t.specificType("restored_at", datetime).nullable();
    t.index(["kind", "table_id", "restored_at"], "crm_trash_kind_table");
  });
  await create(SYSTEM_TABLES.users, (t) => {
    t.increments("id").primary();
    t.integer("version").notNullable().defaultTo(1);
    t.string("name", 200).notNullable();
    t.string("email", 254).notNullable().unique();
    t.string("role", 64).notNullable();
    t.boolean("active").notNullable().defaultTo(true);
    t.specificType("created_at", datetime).notNullable();
    t.specificType("updated_at", datetime).notNullable();
  });
  await create(SYSTEM_TABLES.files, (t) => {
    t.string("id", 40).primary(); // random, unguessable: file URLs are not enumerable
    t.string("name", 255).notNullable();
    t.string("type", 127).notNullable();
    t.integer("size").notNullable();
    t.string("sha256", 64).notNullable();
    // In the database, not on a local disk: several app instances must see the same files.
    t.specificType("content", dialect === "mysql" ? "longblob" : "blob").notNullable();
    t.specificType("created_at", datetime).notNullable();
    t.integer("created_by").nullable();
  });
  // Set when a record first holds the file: an upload never attached is removed after a day, and
  // only its uploader may read it meanwhile.
  await ensureColumn(db, SYSTEM_TABLES.files, "attached_at", (t) => void t.specificType("attached_at", datetime).nullable());
  await create(SYSTEM_TABLES.views, (t) => {
    t.increments("id").primary();
    t.string("table_id", 64).notNullable();
    t.string("name", 200).notNullable();
    // null: the table's list settings that everyone starts from.
    t.integer("owner_id").nullable();
    t.boolean("shared").notNullable().defaultTo(false);
    t.boolean("is_default").notNullable().defaultTo(false);
    // { columns: [fieldId…], sort, filter, pageSize } — fields by id, so renames never break a view.
    t.specificType("state", longtext).notNullable();
    t.integer("version").notNullable().defaultTo(1);
    t.specificType("created_at", datetime).notNullable();
    t.specificType("updated_at", datetime).notNullable();
    t.index(["table_id"], "crm_views_table");
  });
  // A shared view's name in other languages (ADR 035), as JSON.
  await ensureColumn(db, SYSTEM_TABLES.views, "translations", (t) => void t.text("translations").nullable());
  await create(SYSTEM_TABLES.layouts, (t) => {
    t.string("table_id", 64).primary();
    // A JSON Forms–style UI schema; controls point at fields by id (see runtime/layouts).
    t.specificType("layout", longtext).notNullable();
    t.integer("version").notNullable().defaultTo(1);
    t.specificType("updated_at", datetime).notNullable();
    t.integer("updated_by").nullable();
  });
  await create(SYSTEM_TABLES.autonumbers, (t) => {
    t.string("field_id", 64).notNullable();
    t.string("period", 16).notNullable();
    t.integer("last_value").notNullable();
    t.primary(["field_id", "period"]);
  });
  // Rates as text: exact decimals on both databases (SQLite's DECIMAL is a float).
  await create(SYSTEM_TABLES.exchangeRates, (t) => {
    t.increments("id").primary();
    t.string("day", 10).notNullable();
    t.string("currency", 3).notNullable();
    t.string("rate", 40).notNullable();
    t.specificType("updated_at", datetime).notNullable();
    t.integer("updated_by").nullable();
    t.unique(["day", "currency"], { indexName: "crm_exchange_rates_day_currency" });
    t.index(["currency", "day"], "crm_exchange_rates_currency_day");
  });
}

/** UTC timestamp in the form both dialects store and sort: `YYYY-MM-DD HH:MM:SS.sss`. */
export function dbNow(date = new Date()): string {
  return date.toISOString().replace("T", " ").replace("Z", "");
}

/**
 * Adds a column an older database lacks. Two instances starting together on a new database both
 * see it missing: the one that loses the race finds it there and carries on.
 */
export async function ensureColumn(db: Knex, table: string, column: string, add: (t: Knex.AlterTableBuilder) => void): Promise<void> {
  if (await db.schema.hasColumn(table, column)) return;
  try {
    await db.schema.alterTable(table, add);
  } catch (error) {
    if (!(await db.schema.hasColumn(table, column))) throw error;
  }
}
