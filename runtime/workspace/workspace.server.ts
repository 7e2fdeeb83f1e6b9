import type { Knex } from "knex";
import { audit } from "../auth/audit.server";
import { workspaceRefusal } from "./workspace-words";
import {
  applyPlan,
  dryRunConversions,
  MigrationConflictError,
  runningMigration,
  takeOverMigration,
  type ApplyHooks,
  type StepResult,
} from "../migrations/apply.server";
import { plan as planMigration } from "../migrations/plan";
import type { Words } from "../i18n/words";
import type { MigrationPlan, MigrationStep } from "../migrations/steps";
import { SYSTEM_TABLES } from "../db/system-tables.server";
import { compileSchema, type CompiledSchema } from "../schema/compile";
import type { SchemaProblem, WorkspaceSchema } from "../schema/types";
import { validateWorkspaceSchema } from "../schema/validate-workspace";
import { lockProblems } from "../records/locks";
import { assignMissingIds } from "./assign-ids";
import type { ApiError } from "../errors";
import { englishProblems } from "../schema/problem-words";
import { expiringMemo } from "../expiring-memo";

export const EMPTY_SCHEMA: WorkspaceSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  "x-version": 0,
  $defs: {},
};

export interface PlannedChange {
  baseVersion: number;
  schema: WorkspaceSchema;
  plan: MigrationPlan;
  destructive: boolean;
  conversions: Awaited<ReturnType<typeof dryRunConversions>>;
  /** Values that occur more than once in a field about to become unique. */
  duplicates: DuplicateReport[];
}

export interface DuplicateReport {
  table: string;
  fields: string[];
  values: { value: unknown[]; count: number }[];
}

export interface WorkspaceService {
  /**
   * The schema in force. Reads may take the version this process saw within the last
   * `schemaCheckMs` (another instance's change shows up that much later, and a query that meets a
   * column or table it no longer has asks again: see `isStaleSchemaError`); `fresh` always asks
   * the database, as writes and schema changes do.
   */
  current(options?: { fresh?: boolean }): Promise<{ version: number; schema: WorkspaceSchema; compiled: CompiledSchema }>;
  /** The plan of a change without applying it; `t` says its steps in the reader's words (a review shows them). */
  plan(input: { baseVersion: number; schema: unknown }, t?: Words): Promise<PlannedChange>;
  apply(input: { baseVersion: number; schema: unknown; confirmDestructive?: boolean; actorId?: number | null }): Promise<{
    version: number;
    results: StepResult[];
  }>;
  /** Applies steps built by the caller (restores from the trash). */
  applySteps(input: {
    baseVersion: number;
    schema: WorkspaceSchema;
    steps: MigrationStep[];
    actorId?: number | null;
  }): Promise<{ version: number }>;
  versions(): Promise<{ version: number; createdAt: string }[]>;
}

export function publicStep(step: MigrationStep) {
  return { op: step.op, destructive: step.destructive, description: step.description };
}

export interface WorkspaceServiceOptions {
  /**
   * How long a read may trust the schema version it last saw, in ms (default 1000; 0 asks every
   * time). Changes applied through this service are seen at once whatever the setting.
   */
  schemaCheckMs?: number;
  /**
   * Runs after a change is stored, with the schema before and after it: what refers to fields by
   * key outside the database (print templates) follows renames here, whichever path applied the
   * change (the API, the CLI, a bundle import).
   */
  afterApply?(before: WorkspaceSchema, after: WorkspaceSchema): Promise<void>;
  /** Where a failure after a stored change is reported; default stderr. */
  log?(message: string): void;
}

/**
 * 422: the schema a change would make has problems, listed in `details.problems` in English; the
 * app's own screens also get each problem's phrase (`words`) to say it in the admin's language.
 */
function schemaProblems(problems: SchemaProblem[]): ApiError {
  const refusal = workspaceRefusal(422, "problems", { count: problems.length }, { problems: englishProblems(problems) });
  refusal.sessionDetails = { problems };
  return refusal;
}

export function createWorkspaceService(db: Knex, hooks: ApplyHooks = {}, options: WorkspaceServiceOptions = {}): WorkspaceService {
  const schemaCheckMs = options.schemaCheckMs ?? 1000;
  // The one lookup every request made before its own query: on a page that takes under a
  // millisecond it was most of the service's overhead.
  // Forgotten by every apply, with any version lookup that raced it.
  const versionSeen = expiringMemo<"version", number>(schemaCheckMs);
  const log = options.log ?? ((message: string) => console.error(message));
  // Compiled schemas by version: a version never changes once stored, so this cache is always
  // right, and any other instance of the app computes the same thing from the same row.
  const compiledByVersion = new Map<number, CompiledSchema>();

  let takingOver: Promise<void> | null = null;

  /**
   * Another instance is applying a change: its columns may be renamed under our schema, so a
   * request is answered 503 rather than with wrong data. When that instance died (its lease ran
   * out), this one finishes the change, and requests go on once it is in force.
   */
  async function refuseDuringForeignMigration(): Promise<void> {
    const running = await runningMigration(db);
    if (!running || running.mine) return;
    if (running.abandoned && !takingOver) takingOver = finishAbandoned(running.id);
    throw workspaceRefusal(503, running.abandoned ? "finishing" : "applying", { version: running.toVersion });
  }

  async function finishAbandoned(journalId: number): Promise<void> {
    try {
      const report = await takeOverMigration(db, journalId, hooks);
      if (report?.outcome === "completed") {
        log(`Finished schema version ${report.toVersion}, which a stopped instance left half-applied.`);
        const [before, after] = await Promise.all([load(report.toVersion - 1), load(report.toVersion)]);
        await options.afterApply?.(before.schema, after.schema);
      } else if (report) log(`Undid the half-applied schema version ${report.toVersion}: ${report.error}`);
    } catch (error) {
      log(`Could not finish a half-applied schema change: ${(error as Error).message}`);
    } finally {
      versionSeen.forget();
      takingOver = null;
    }
  }

  function currentVersion(fresh: boolean): Promise<number> {
    return versionSeen.get(
      "version",
      async () => {
        // In turn, never at once: the check may finish a stopped instance's migration, which the
        // version read must follow, and on SQLite both would wait on the one connection.
        await refuseDuringForeignMigration();
        const row = (await db(SYSTEM_TABLES.schemaVersions).max({ v: "version" }).first()) as { v: number | null } | undefined;
        return Number(row?.v ?? 0);
      },
      { fresh },
    );
  }

  async function load(version: number): Promise<CompiledSchema> {
    const cached = compiledByVersion.get(version);
    if (cached) return cached;
    if (version === 0) return compileSchema(EMPTY_SCHEMA, 0);
    const row = (await db(SYSTEM_TABLES.schemaVersions).where({ version }).first()) as { schema: string } | undefined;
    if (!row) throw new Error(`schema version ${version} is missing`);
    const schema = JSON.parse(row.schema) as WorkspaceSchema;
    const compiled = compileSchema({ ...schema, "x-version": version }, version);
    compiledByVersion.set(version, compiled);
    return compiled;
  }

  async function current(options: { fresh?: boolean } = {}) {
    const compiled = await load(await currentVersion(options.fresh === true));
    return { version: compiled.version, schema: compiled.schema, compiled };
  }

  async function prepare(input: { baseVersion: number; schema: unknown }, t?: Words): Promise<PlannedChange> {
    if (!Number.isInteger(input.baseVersion) || input.baseVersion < 0) throw workspaceRefusal(400, "baseVersion");
    const now = await current({ fresh: true });
    if (input.baseVersion !== now.version)
      throw workspaceRefusal(
        409,
        "stale",
        { base: input.baseVersion, current: now.version },
        {
          currentVersion: now.version,
        },
      );
    const checked = validateWorkspaceSchema(assignMissingIds(input.schema));
    if (!checked.ok) throw schemaProblems(checked.problems);
    const schema: WorkspaceSchema = { ...checked.schema, "x-version": now.version + 1 };
    const locks = lockProblems(compileSchema(schema));
    if (locks.length) throw schemaProblems(locks);
    const plan = planMigration(now.schema, schema, t);
    const conversions = await dryRunConversions(db, plan);
    const duplicates = await findDuplicates(db, now.compiled, compileSchema(schema), plan);
    return { baseVersion: now.version, schema, plan, destructive: plan.steps.some((s) => s.destructive), conversions, duplicates };
  }

  async function run(prepared: { baseVersion: number; schema: WorkspaceSchema; plan: MigrationPlan }, actorId?: number | null) {
    try {
      const before = (await load(prepared.baseVersion)).schema;
      const result = await applyPlan(
        db,
        { plan: prepared.plan, schema: prepared.schema, toVersion: prepared.baseVersion + 1, actorId },
        hooks,
      );
      // A migration is journaled step by step (MySQL cannot roll back DDL), not one transaction: the
      // audit row follows the finished change.
      await audit(db, {
        userId: actorId ?? null,
        action: "schema",
        table: SYSTEM_TABLES.schemaVersions,
        recordId: result.version,
        changes: {
          fromVersion: prepared.plan.fromVersion,
          toVersion: result.version,
          steps: prepared.plan.steps.map((s) => s.description),
        },
      });
      // What follows the change reads the new schema.
      versionSeen.forget();
      try {
        await options.afterApply?.(before, prepared.schema);
      } catch (error) {
        // The change is stored and in force: failing the call now would invite a retry against
        // a version that has moved on. What did not follow shows as a problem where it is used
        // (a template's removed-field flag).
        log(`Schema version ${result.version} is applied, but what follows it failed: ${(error as Error).message}`);
      }
      return result;
    } catch (error) {
      if (error instanceof MigrationConflictError) throw workspaceRefusal(409, "raced", { version: error.toVersion });
      throw error;
    } finally {
      // Columns may have moved even when a step failed half-way: the next read asks again.
      versionSeen.forget();
    }
  }

  return {
    current,
    plan: prepare,
    async apply(input) {
      const prepared = await prepare(input);
      if (prepared.destructive && input.confirmDestructive !== true)
        throw workspaceRefusal(
          409,
          "destructive",
          {},
          {
            steps: prepared.plan.steps.map(publicStep),
          },
        );
      if (prepared.duplicates.length > 0)
        throw workspaceRefusal(
          422,
          "duplicates",
          { fields: prepared.duplicates.map((d) => `${d.table}.${d.fields.join("+")}`).join(", ") },
          { duplicates: prepared.duplicates },
        );
      if (prepared.conversions.length > 0)
        throw workspaceRefusal(
          422,
          "conversions",
          {},
          {
            conversions: prepared.conversions,
          },
        );
      return run(prepared, input.actorId);
    },
    async applySteps(input) {
      const now = await current({ fresh: true });
      if (input.baseVersion !== now.version)
        throw workspaceRefusal(409, "meanwhile", { version: now.version }, { currentVersion: now.version });
      const checked = validateWorkspaceSchema(input.schema);
      if (!checked.ok) throw schemaProblems(checked.problems);
      const result = await run(
        { baseVersion: now.version, schema: checked.schema, plan: { fromVersion: now.version, steps: input.steps } },
        input.actorId,
      );
      return { version: result.version };
    },
    async versions() {
      const rows = (await db(SYSTEM_TABLES.schemaVersions).select("version", "created_at").orderBy("version", "desc")) as {
        version: number;
        created_at: string;
      }[];
      return rows.map((r) => ({ version: Number(r.version), createdAt: String(r.created_at) }));
    },
  };
}

/**
 * A unique index over existing duplicates would fail half-way through an apply with a database
 * error; find them first, by the columns' names before the change (they may be renamed in it).
 */
async function findDuplicates(db: Knex, before: CompiledSchema, after: CompiledSchema, plan: MigrationPlan): Promise<DuplicateReport[]> {
  const out: DuplicateReport[] = [];
  for (const step of plan.steps) {
    if (step.op !== "add_index" || !step.unique) continue;
    const table = after.tablesByKey.get(step.table);
    const old = table ? before.tablesById.get(table.id) : undefined;
    if (!table || !old) continue;
    const oldColumns = step.columns.map((c) => {
      const id = table.fieldsByKey.get(c)?.id;
      return old.fields.find((f) => f.id === id)?.key;
    });
    if (oldColumns.some((c) => !c)) continue;
    const cols = oldColumns as string[];
    const q = db(old.key).select(cols).count({ n: "*" }).groupBy(cols).havingRaw("count(*) > 1").limit(10);
    for (const c of cols) q.whereNotNull(c);
    const rows = (await q) as Record<string, unknown>[];
    if (rows.length)
      out.push({
        table: table.key,
        fields: step.columns,
        values: rows.map((r) => ({ value: cols.map((c) => r[c]), count: Number(r.n) })),
      });
  }
  return out;
}
