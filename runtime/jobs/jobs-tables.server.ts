import type { Knex } from "knex";
import { columnTypeSql, dialectOf } from "../db/ddl.server";

export const JOBS_TABLE = "crm_jobs";
/** The files jobs make (a batch print's PDF), in parts: see job-files.server.ts. */
export const JOB_FILES_TABLE = "crm_job_files";

/** The queue's tables, created idempotently at every start like Tessera's other system tables. */
export async function ensureJobTables(db: Knex): Promise<void> {
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
          t.engine("InnoDB");
        }
      });
    } catch (error) {
      // Two instances starting at once on MySQL: the other one created it first.
      if (!(await db.schema.hasTable(name))) throw error;
    }
  };

  await create(JOBS_TABLE, (t) => {
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
  });

  await create(JOB_FILES_TABLE, (t) => {
    t.increments("id").primary();
    t.integer("job_id").notNullable();
    // The attempt that wrote it: a worker that lost its job to another must not mix its parts in.
    t.integer("attempt").notNullable();
    t.integer("seq").notNullable();
    // Whose file it is (`user:7`), for the per-user caps.
    t.string("owner", 100).notNullable();
    t.integer("size").notNullable();
    // A part of a few MB: MariaDB refuses a row larger than max_allowed_packet (16 MB by default).
    t.specificType("data", dialect === "mysql" ? "mediumblob" : "blob").notNullable();
    // Both null while the job still writes the file.
    t.specificType("finished_at", datetime).nullable();
    t.specificType("expires_at", datetime).nullable();
    t.unique(["job_id", "attempt", "seq"], { indexName: "crm_job_files_part" });
    t.index(["owner", "expires_at"], "crm_job_files_owner");
    t.index(["expires_at"], "crm_job_files_expiry");
  });
}
