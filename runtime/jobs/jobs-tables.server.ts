import type { Knex } from "knex";
import { columnTypeSql, dialectOf } from "../db/ddl.server";

export const JOBS_TABLE = "crm_jobs";

/** The queue's table, created idempotently at every start like Tessera's other system tables. */
export async function ensureJobTables(db: Knex): Promise<void> {
  if (await db.schema.hasTable(JOBS_TABLE)) return;
  const dialect = dialectOf(db);
  const datetime = columnTypeSql({ type: "datetime" }, dialect);
  const longtext = columnTypeSql({ type: "text", size: "long" }, dialect);
  try {
    await db.schema.createTable(JOBS_TABLE, (t) => {
      t.increments("id").primary();
      t.string("type", 64).notNullable();
      t.specificType("payload", longtext).notNullable();
      t.string("state", 16).notNullable();
      // Idempotency: one job per key, whoever enqueues it and however often (a scheduler tick per
      // minute from every instance, a rule run per record and occurrence).
      t.string("key", 191).nullable().unique();
      t.specificType("run_at", datetime).notNullable();
      t.integer("attempts").notNullable().defaultTo(0);
      t.integer("max_attempts").notNullable().defaultTo(5);
      t.specificType("lease_until", datetime).nullable();
      t.string("locked_by", 64).nullable();
      t.specificType("progress", longtext).nullable();
      t.specificType("result", longtext).nullable();
      t.text("last_error").nullable();
      t.integer("created_by").nullable();
      t.specificType("created_at", datetime).notNullable();
      t.specificType("updated_at", datetime).notNullable();
      t.specificType("finished_at", datetime).nullable();
      t.index(["state", "run_at"], "crm_jobs_due");
      t.index(["state", "lease_until"], "crm_jobs_lease");
      if (dialect === "mysql") {
        t.charset("utf8mb4");
        t.collate("utf8mb4_unicode_ci");
        t.engine("InnoDB");
      }
    });
  } catch (error) {
    // Two instances starting at once on MySQL: the other one created it first.
    if (!(await db.schema.hasTable(JOBS_TABLE))) throw error;
  }
}
