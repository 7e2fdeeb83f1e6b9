import type { Knex } from "knex";
import { columnTypeSql, dialectOf } from "../db/ddl.server";
import { createSystemTable, SYSTEM_TABLES } from "../db/system-tables.server";

/** Automation's own tables; like Tessera's other system tables, created idempotently at every start. */
export const AUTOMATION_TABLES = {
  rules: "crm_rules",
  runs: "crm_rule_runs",
  effects: "crm_rule_effects",
  /** Small values rules keep between runs: round-robin pointers, find-or-create locks. */
  state: "crm_rule_state",
  notifications: "crm_notifications",
  approvals: "crm_approvals",
} as const;

export async function ensureAutomationTables(db: Knex): Promise<void> {
  const dialect = dialectOf(db);
  const datetime = columnTypeSql({ type: "datetime" }, dialect);
  const longtext = columnTypeSql({ type: "text", size: "long" }, dialect);
  const create = (name: string, build: (t: Knex.CreateTableBuilder) => void) => createSystemTable(db, name, build);

  await create(AUTOMATION_TABLES.rules, (t) => {
    t.increments("id").primary();
    t.string("name", 200).notNullable().unique("crm_rules_name");
    // By id: a renamed table keeps its rules.
    t.string("table_id", 64).notNullable().index("crm_rules_table");
    t.boolean("enabled").notNullable().defaultTo(true);
    t.specificType("definition", longtext).notNullable();
    t.integer("version").notNullable().defaultTo(1);
    // Schedules do not run slots from before a rule was switched on.
    t.specificType("enabled_at", datetime).nullable();
    t.specificType("created_at", datetime).notNullable();
    t.specificType("updated_at", datetime).notNullable();
    t.integer("created_by").nullable();
    t.integer("updated_by").nullable();
  });
  await create(AUTOMATION_TABLES.runs, (t) => {
    t.increments("id").primary();
    t.integer("rule_id").notNullable();
    t.string("table_id", 64).notNullable();
    t.integer("record_id").notNullable();
    // "created", "v7", a date value, a schedule slot, a click: what makes this run one of a kind.
    t.string("occurrence", 64).notNullable();
    t.string("trigger", 16).notNullable();
    t.string("state", 16).notNullable();
    t.specificType("actions", longtext).nullable();
    t.text("error").nullable();
    // The error as a catalog phrase (JSON), when it is one of Tessera's: the run log says it in its reader's language.
    t.text("error_words").nullable();
    t.integer("depth").notNullable().defaultTo(0);
    t.integer("attempts").notNullable().defaultTo(1);
    // The job that retries a failed run.
    t.integer("job_id").nullable();
    t.integer("actor_id").nullable();
    t.specificType("created_at", datetime).notNullable();
    t.specificType("updated_at", datetime).notNullable();
    // Exactly once: a rule acts on a record once per occurrence, whoever tries and however often.
    t.unique(["rule_id", "record_id", "occurrence"], { indexName: "crm_rule_runs_once" });
    t.index(["rule_id", "id"], "crm_rule_runs_log");
    t.index(["state", "id"], "crm_rule_runs_state");
  });
  await create(AUTOMATION_TABLES.effects, (t) => {
    t.increments("id").primary();
    t.integer("run_id").notNullable().index("crm_rule_effects_run");
    t.string("table_id", 64).notNullable();
    t.string("table_key", 64).notNullable();
    t.integer("record_id").notNullable();
  });
  await create(AUTOMATION_TABLES.state, (t) => {
    t.string("key", 191).primary();
    t.text("value").nullable();
    t.specificType("updated_at", datetime).notNullable();
  });
  await create(AUTOMATION_TABLES.notifications, (t) => {
    t.increments("id").primary();
    t.integer("user_id").notNullable();
    t.string("title", 300).notNullable();
    t.string("href", 500).nullable();
    // Idempotency for notifications made outside a rule run's transaction (approvals, reminders).
    t.string("key", 191).nullable().unique("crm_notifications_key");
    t.integer("rule_id").nullable();
    t.specificType("created_at", datetime).notNullable();
    t.specificType("read_at", datetime).nullable();
    t.index(["user_id", "read_at", "id"], "crm_notifications_user");
  });
  await create(AUTOMATION_TABLES.approvals, (t) => {
    t.increments("id").primary();
    t.integer("rule_id").notNullable();
    t.string("table_id", 64).notNullable();
    t.integer("record_id").notNullable();
    t.integer("record_version").notNullable();
    t.string("state", 16).notNullable();
    t.integer("step").notNullable().defaultTo(0);
    t.specificType("steps", longtext).notNullable();
    t.text("message").notNullable();
    t.integer("requested_by").nullable();
    t.specificType("created_at", datetime).notNullable();
    t.specificType("updated_at", datetime).notNullable();
    t.specificType("decided_at", datetime).nullable();
    t.specificType("used_at", datetime).nullable();
    t.index(["rule_id", "record_id", "record_version"], "crm_approvals_record");
    t.index(["state", "id"], "crm_approvals_state");
  });
  await addColumn(db, AUTOMATION_TABLES.runs, "error_words", (t) => void t.text("error_words").nullable());
  // "owner.supervisor": escalations go to a user's supervisor.
  if (!(await db.schema.hasColumn(SYSTEM_TABLES.users, "supervisor_id"))) {
    try {
      await db.schema.alterTable(SYSTEM_TABLES.users, (t) => void t.integer("supervisor_id").nullable());
    } catch (error) {
      if (!(await db.schema.hasColumn(SYSTEM_TABLES.users, "supervisor_id"))) throw error;
    }
  }
}

/** A column added to a table made before it existed; another instance adding it at the same time is no failure. */
async function addColumn(db: Knex, table: string, column: string, build: (t: Knex.AlterTableBuilder) => void): Promise<void> {
  if (await db.schema.hasColumn(table, column)) return;
  try {
    await db.schema.alterTable(table, build);
  } catch (error) {
    if (!(await db.schema.hasColumn(table, column))) throw error;
  }
}
