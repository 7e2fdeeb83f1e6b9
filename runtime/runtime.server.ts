import type { Knex } from "knex";
import { ApiError } from "./errors";
import { createDatabase, parseDatabaseUrl, ping, type DatabaseConfig, type Dialect } from "./db/connection.server";
import { ensureAuthTables } from "./auth/auth-tables.server";
import { ensureAutomationTables } from "./automation/tables.server";
import { ensureDocxTemplatesTable } from "./print/docx.server";
import { ensureDashboardsTable } from "./reports/dashboards.server";
import { ensureReportsTable } from "./reports/reports.server";
import { ensureSnapshotsTable } from "./print/snapshots.server";
import { ensurePrintTemplatesTable } from "./print/templates.server";
import { firstAdminNotice } from "./auth/first-admin-notice";
import { ensureSettingsTable } from "./auth/settings.server";
import { ensureFirstAdmin } from "./auth/users.server";
import { ensureSystemTables } from "./db/system-tables.server";
import { DEFAULT_MAX_FILE_BYTES } from "./files/files.server";
import { ensurePublicFormsTable } from "./forms/public-forms.server";
import { ensureMailTables } from "./mail/mail-tables.server";
import type { MailServiceOptions } from "./mail/mail.server";
import { ensureRecordViewsTable } from "./home/record-views.server";
import { ensureJobTables } from "./jobs/jobs-tables.server";
import type { JobQueueOptions } from "./jobs/queue.server";
import { startWorkers, type Workers, type WorkersOptions } from "./jobs/workers.server";
import { recoverMigrations } from "./migrations/apply.server";
import type { Seed } from "./seed/seed";
import { seedDatabase } from "./seed/seed.server";
import { createServices, type RuntimeServices, type ServiceOptions } from "./services.server";

/** A connected database with every service over it; app/, bin/ and the tests each make theirs here. */
export interface Runtime extends RuntimeServices {
  dialect: Dialect;
  database: DatabaseConfig;
  db: Knex;
  /** Counts of records per table key, for the overview. */
  countRecords(): Promise<Record<string, number>>;
  /**
   * Starts this process's job workers on the runtime's queue and handlers, and the ticker that
   * finds due dates and schedules every 30 s (the app server does, unless TESSERA_WORKERS=0);
   * `close()` stops them.
   */
  startWorkers(options?: Omit<WorkersOptions, "handlers">): Workers;
  /** Stops the workers (a running job goes back to the queue), closes Chromium if printing started, and disconnects. */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** `sqlite:<file>` or `mysql://…`; default `DATABASE_URL`, else `sqlite:data/tessera.sqlite`. */
  databaseUrl?: string;
  /**
   * The configuration and demo data an empty database starts with; its print templates are also
   * added to a database that lacks them. Without it an empty database stays empty.
   */
  seed?: Seed;
  /** Load `seed` into an empty database while starting (default true); the CLI leaves it to `crm seed`. */
  seedOnStart?: boolean;
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
  /** The largest file the file store takes; default `TESSERA_MAX_UPLOAD_BYTES` or 10 MB. */
  maxUploadBytes?: number;
  /** The job queue's clock, lease and instance name (tests). */
  jobs?: JobQueueOptions;
  /** Tests: a crash after an import's batch. */
  imports?: ServiceOptions["imports"];
  /** SMTP timeouts and the environment SMTP_URL and MAIL_FROM are read from (tests). */
  mail?: MailServiceOptions;
}

/** How long a job running at shutdown may take to finish before it is stopped and queued again. */
const WORKERS_GRACE_MS = 2_000;

/** Connects, creates Tessera's own tables, finishes an interrupted migration, seeds an empty database. */
export async function createRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const database = parseDatabaseUrl(options.databaseUrl ?? (process.env.DATABASE_URL || undefined));
  const db = createDatabase(database);
  const log = options.log ?? (() => {});
  try {
    await ping(db);
    await ensureTesseraTables(db);
    const { migrationHooks, ...services } = createServices(db, {
      schemaCheckMs: options.schemaCheckMs ?? schemaCheckFromEnv(),
      defaultTemplates: options.seed?.configuration.templates,
      defaultHomePanels: options.seed?.configuration.home,
      maxUploadBytes: options.maxUploadBytes ?? maxUploadBytesFromEnv(),
      jobs: options.jobs,
      imports: options.imports,
      mail: options.mail,
    });
    for (const r of await recoverMigrations(db, migrationHooks))
      log(
        r.outcome === "completed"
          ? `Finished schema version ${r.toVersion}, which an earlier run left half-applied.`
          : `Undid the half-applied schema version ${r.toVersion}: ${r.error}`,
      );
    const workers = new Set<Workers>();
    const runtime: Runtime = {
      ...services,
      dialect: database.dialect,
      database,
      db,
      async countRecords() {
        const { compiled } = await services.workspace.current();
        const out: Record<string, number> = {};
        for (const t of compiled.tables) {
          const row = (await db(t.key).count({ n: "*" }).first()) as { n: number | string };
          out[t.key] = Number(row.n);
        }
        return out;
      },
      startWorkers(workerOptions = {}) {
        const started = startWorkers(services.queue, { ...workerOptions, handlers: services.jobHandlers });
        // Every instance ticks; the tick's key per minute makes it one job, whichever instance runs it.
        const ticker = services.automation.startTicker({ onError: workerOptions.onError });
        const cleanup = services.fileCleanup.start(workerOptions.onError);
        const stoppable: Workers = {
          get running() {
            return started.running;
          },
          async stop(stopOptions) {
            ticker.stop();
            cleanup.stop();
            await started.stop(stopOptions);
          },
        };
        workers.add(stoppable);
        return stoppable;
      },
      async close() {
        // A batch print is long: rather than wait for it, it is stopped and runs again at the next start.
        await Promise.all([...workers].map((w) => w.stop({ graceMs: WORKERS_GRACE_MS })));
        workers.clear();
        services.automation.close();
        await services.print.close();
        await services.records.settle();
        await db.destroy();
      },
    };
    // Another instance starting at the same moment may be applying its seed's schema: wait for it,
    // then see whether there is anything left to seed.
    if (
      options.seed &&
      options.seedOnStart !== false &&
      (await untilNoForeignMigration(() => services.workspace.current())).version === 0
    ) {
      const seeded = await seedDatabase(runtime, options.seed);
      if (seeded) log(`Created the default configuration with ${seeded.records} demo records.`);
      else {
        // Another instance is seeding: start once its schema is in, not on the empty one.
        await recoverMigrations(db, migrationHooks);
        await untilNoForeignMigration(() => services.workspace.current({ fresh: true }));
      }
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

/**
 * Creates Tessera's own tables (not the workspace's record tables) that the database lacks. Some
 * start with rows of their own, e.g. the built-in roles.
 */
export async function ensureTesseraTables(db: Knex): Promise<void> {
  await ensureSystemTables(db);
  await ensureAuthTables(db);
  await ensureSettingsTable(db);
  await ensureJobTables(db);
  await ensureAutomationTables(db);
  await ensureSnapshotsTable(db);
  await ensureRecordViewsTable(db);
  await ensurePrintTemplatesTable(db);
  await ensureDocxTemplatesTable(db);
  await ensureReportsTable(db);
  await ensureDashboardsTable(db);
  await ensureMailTables(db);
  await ensurePublicFormsTable(db);
}

function schemaCheckFromEnv(): number | undefined {
  const raw = process.env.TESSERA_SCHEMA_CHECK_MS;
  if (raw === undefined || raw === "") return undefined;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`TESSERA_SCHEMA_CHECK_MS must be a number of milliseconds (0 or more), not "${raw}"`);
  return ms;
}

/** `TESSERA_MAX_UPLOAD_BYTES` raises or lowers the 10 MB default; anything but a positive whole number keeps it. */
function maxUploadBytesFromEnv(): number {
  const n = Number(process.env.TESSERA_MAX_UPLOAD_BYTES);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAX_FILE_BYTES;
}

/**
 * Runs `read` until no other instance is applying a schema change: the workspace answers 503 while
 * one is, and an instance that starts beside the one seeding must wait for its schema, not fail.
 */
async function untilNoForeignMigration<T>(read: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 503) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
