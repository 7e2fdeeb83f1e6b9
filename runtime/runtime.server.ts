import type { Knex } from "knex";
import { createDatabase, parseDatabaseUrl, ping, type DatabaseConfig, type Dialect } from "./db/connection.server";
import { ensureAuthTables } from "./auth/auth-tables.server";
import { firstAdminNotice } from "./auth/first-admin-notice";
import { ensureSettingsTable } from "./auth/settings.server";
import { ensureFirstAdmin } from "./auth/users.server";
import { ensureSystemTables } from "./db/system-tables.server";
import { recoverMigrations, type ApplyHooks } from "./migrations/apply.server";
import { createRecordsService, type RecordsService } from "./records/service.server";
import { seedDefaultConfiguration } from "./seed/seed.server";
import { createWorkspaceService, type WorkspaceService } from "./workspace/workspace.server";
import { compileSchema } from "./schema/compile";
import { createTemplatesService } from "./print/templates.server";
import type { WorkspaceSchema } from "./schema/types";

export interface Runtime {
  dialect: Dialect;
  database: DatabaseConfig;
  db: Knex;
  workspace: WorkspaceService;
  records: RecordsService;
  /** Counts of records per table key, for the overview. */
  countRecords(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** `sqlite:<file>` or `mysql://…`; default `DATABASE_URL`, else `sqlite:data/tessera.sqlite`. */
  databaseUrl?: string;
  /** Apply the default configuration and demo records to an empty database (default true). */
  seed?: boolean;
  log?: (message: string) => void;
  /**
   * Create the first admin of a database without one (from CRM_ADMIN_EMAIL / CRM_ADMIN_PASSWORD,
   * or with a one-time password that is logged once). The app server sets it; tests and the CLI do not.
   */
  firstAdmin?: boolean;
  /**
   * How long reads may trust the schema version they last saw, in ms; default
   * `TESSERA_SCHEMA_CHECK_MS` or 1000. Only matters when several app instances share a database.
   */
  schemaCheckMs?: number;
}

/** Connects, creates Tessera's own tables, finishes an interrupted migration, seeds an empty database. */
export async function createRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const database = parseDatabaseUrl(options.databaseUrl ?? (process.env.DATABASE_URL || undefined));
  const db = createDatabase(database);
  const log = options.log ?? (() => {});
  try {
    await ping(db);
    await ensureSystemTables(db);
    await ensureAuthTables(db);
    await ensureSettingsTable(db);
    // Late-bound: the records service needs the workspace, and migrations need the records service.
    let records: RecordsService | null = null;
    const hooks: ApplyHooks = {
      recompute: (q, schema, table) => records!.recomputeTable(q, schema, table),
    };
    // Print templates name fields by key: they follow a renamed key whichever path applied it.
    const afterApply = async (before: WorkspaceSchema) => {
      await createTemplatesService(db, workspace).followRenames(compileSchema(before));
    };
    const workspace: WorkspaceService = createWorkspaceService(db, hooks, {
      schemaCheckMs: options.schemaCheckMs ?? schemaCheckFromEnv(),
      afterApply,
    });
    records = createRecordsService(db, workspace);
    for (const r of await recoverMigrations(db, hooks))
      log(
        r.outcome === "completed"
          ? `Finished schema version ${r.toVersion}, which an earlier run left half-applied.`
          : `Undid the half-applied schema version ${r.toVersion}: ${r.error}`,
      );
    const runtime: Runtime = {
      dialect: database.dialect,
      database,
      db,
      workspace,
      records,
      async countRecords() {
        const { compiled } = await workspace.current();
        const out: Record<string, number> = {};
        for (const t of compiled.tables) {
          const row = (await db(t.key).count({ n: "*" }).first()) as { n: number | string };
          out[t.key] = Number(row.n);
        }
        return out;
      },
      close: () => db.destroy(),
    };
    if (options.seed !== false && (await workspace.current()).version === 0) {
      const seeded = await seedDefaultConfiguration(runtime);
      if (seeded) log(`Created the default configuration with ${seeded.records} demo records.`);
    }
    if (options.firstAdmin) {
      const created = await ensureFirstAdmin(db, {
        CRM_ADMIN_EMAIL: process.env.CRM_ADMIN_EMAIL,
        CRM_ADMIN_PASSWORD: process.env.CRM_ADMIN_PASSWORD,
      });
      if (created?.oneTimePassword)
        log(firstAdminNotice(created.email, created.oneTimePassword, `http://localhost:${process.env.PORT || 3000}/login`));
      else if (created) log(`Created the first administrator ${created.email} (password from CRM_ADMIN_PASSWORD).`);
    }
    return runtime;
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

// One runtime per process, kept across dev rebuilds (Remix re-imports modules on every change).
const globalForRuntime = globalThis as unknown as { __tesseraRuntime?: Promise<Runtime> };

export function getRuntime(): Promise<Runtime> {
  if (!globalForRuntime.__tesseraRuntime) {
    globalForRuntime.__tesseraRuntime = createRuntime({ log: (m) => console.log(m), firstAdmin: true }).catch((error) => {
      globalForRuntime.__tesseraRuntime = undefined;
      throw error;
    });
  }
  return globalForRuntime.__tesseraRuntime;
}

export async function boot(): Promise<{ database: string }> {
  const runtime = await getRuntime();
  return { database: runtime.database.description };
}

export async function pingDatabase(): Promise<void> {
  const runtime = await getRuntime();
  await ping(runtime.db);
}

function schemaCheckFromEnv(): number | undefined {
  const raw = process.env.TESSERA_SCHEMA_CHECK_MS;
  if (raw === undefined || raw === "") return undefined;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`TESSERA_SCHEMA_CHECK_MS must be a number of milliseconds (0 or more), not "${raw}"`);
  return ms;
}
