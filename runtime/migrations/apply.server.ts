import crypto from "node:crypto";
import type { Knex } from "knex";
import { fieldKinds } from "../fields/registry";
import type { ColumnSpec } from "../fields/types";
import type { Phrase } from "../i18n/words";
import {
  addColumn,
  createIndex,
  createRecordTable,
  dropColumn,
  dropIndex,
  hasColumn,
  hasIndex,
  hasTable,
  renameColumn,
  renameTable,
  type AlterAlgorithm,
} from "../db/ddl.server";
import { createSearchIndex, dropSearchIndex, hasSearchIndex } from "../db/search-ddl.server";
import { dbNow, SYSTEM_TABLES } from "../db/system-tables.server";
import { isUniqueViolation } from "../db/db-errors";
import { compileSchema, type CompiledSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import { convertDbValue } from "./convert";
import { plan } from "./plan";
import type { MigrationPlan, MigrationStep } from "./steps";

export interface StepResult {
  op: MigrationStep["op"];
  description: string;
  ms: number;
  algorithm?: AlterAlgorithm;
  /** Rows touched by a conversion or a recompute. */
  rows?: number;
}

export interface ApplyHooks {
  /** Recomputes stored formulas of a table under the new schema (provided by the records service). */
  recompute?(db: Knex, schema: CompiledSchema, table: string, fields: string[]): Promise<number>;
  /** Called after each step is done and journaled: lets a test stop the world right there. */
  afterStep?(index: number, step: MigrationStep): void | Promise<void>;
}

export class MigrationConflictError extends Error {
  constructor(readonly toVersion: number) {
    super(`schema version ${toVersion} was applied by someone else meanwhile`);
    this.name = "MigrationConflictError";
  }
}

/** A value that would not convert: why in English, and as the kind's phrase when it has one. */
export interface ConversionFailure {
  id: number;
  value: unknown;
  error: string;
  words?: Phrase;
}

export class ConversionError extends Error {
  constructor(
    readonly table: string,
    readonly field: string,
    readonly failures: ConversionFailure[],
  ) {
    super(`${failures.length} value(s) of ${table}.${field} cannot be converted`);
    this.name = "ConversionError";
  }
}

/**
 * This instance, as the holder of the migrations it runs: one id per database handle, since each
 * runtime opens its own. Two runtimes in one process (tests start several at once) are then two
 * instances, as two processes are, and neither takes over a plan the other is still running.
 */
const holders = new WeakMap<Knex, string>();
function holderOf(db: Knex): string {
  let id = holders.get(db);
  if (!id) holders.set(db, (id = `${crypto.randomBytes(6).toString("hex")}:${process.pid}`));
  return id;
}

/**
 * How long a runner's claim on a plan lasts unless renewed (a third of it apart): how long other
 * instances wait, answering 503, before they finish the plan of a runner that died.
 * `TESSERA_MIGRATION_LEASE_MS`, default 30 s.
 */
function leaseMs(): number {
  const n = Number(process.env.TESSERA_MIGRATION_LEASE_MS);
  return Number.isSafeInteger(n) && n >= 500 ? n : 30_000;
}

const leaseUntil = () => dbNow(new Date(Date.now() + leaseMs()));

/** Renews this instance's claim on a running plan until stopped. */
function keepLease(db: Knex, journalId: number): () => void {
  const timer = setInterval(
    () =>
      void db(SYSTEM_TABLES.journal)
        .where({ id: journalId, holder: holderOf(db), status: "running" })
        .update({ lease_until: leaseUntil() })
        .catch(() => {}),
    Math.max(100, Math.floor(leaseMs() / 3)),
  );
  timer.unref?.();
  return () => clearInterval(timer);
}

/** Claims a running plan whose runner stopped renewing (or never did: an older version's row). */
async function claim(db: Knex, journalId: number): Promise<boolean> {
  const taken = await db(SYSTEM_TABLES.journal)
    .where({ id: journalId, status: "running" })
    .where((w) => w.whereNull("lease_until").orWhere("lease_until", "<", dbNow()).orWhere("holder", holderOf(db)))
    .update({ holder: holderOf(db), lease_until: leaseUntil() });
  return taken === 1;
}

/** A plan being applied now, if any: whether this instance runs it, and whether its runner stopped renewing. */
export async function runningMigration(db: Knex): Promise<{ id: number; toVersion: number; mine: boolean; abandoned: boolean } | null> {
  const row = (await db(SYSTEM_TABLES.journal)
    .where({ status: "running" })
    .orderBy("id")
    .first("id", "to_version", "holder", "lease_until")) as
    { id: number; to_version: number; holder: string | null; lease_until: string | null } | undefined;
  if (!row) return null;
  // Datetimes come back as "YYYY-MM-DD hh:mm:ss.fff" text on both databases: they sort as text.
  const abandoned = row.lease_until === null || String(row.lease_until) < dbNow();
  return { id: Number(row.id), toVersion: Number(row.to_version), mine: row.holder === holderOf(db), abandoned };
}

/**
 * Finishes a plan whose runner died (see `runningMigration`), if this instance wins the claim;
 * false when another instance claimed it first or the plan's runner renewed in time.
 */
export async function takeOverMigration(db: Knex, journalId: number, hooks: ApplyHooks = {}): Promise<RecoveryReport | null> {
  if (!(await claim(db, journalId))) return null;
  const row = (await db(SYSTEM_TABLES.journal).where({ id: journalId }).first()) as JournalRow;
  try {
    await runJournal(db, row, { recompute: hooks.recompute });
    return { toVersion: row.to_version, outcome: "completed" };
  } catch (error) {
    return { toVersion: row.to_version, outcome: "rolled_back", error: (error as Error).message };
  }
}

interface JournalRow {
  id: number;
  from_version: number;
  to_version: number;
  plan: string;
  schema: string;
  status: string;
  next_step: number;
  results: string | null;
  created_by: number | null;
}

/**
 * Applies a plan and stores the new schema version. DDL cannot be rolled back on MySQL, so a
 * journal row records how far the plan got; `recoverMigrations` finishes (or undoes) a plan that a
 * crash interrupted. The schema version row is written in the same transaction that closes the
 * journal, so the stored version and the real tables never disagree.
 */
export async function applyPlan(
  db: Knex,
  input: { plan: MigrationPlan; schema: WorkspaceSchema; toVersion: number; actorId?: number | null },
  hooks: ApplyHooks = {},
): Promise<{ version: number; results: StepResult[] }> {
  const schema: WorkspaceSchema = { ...input.schema, "x-version": input.toVersion };
  let journalId: number;
  try {
    const inserted = await db(SYSTEM_TABLES.journal).insert({
      from_version: input.plan.fromVersion,
      to_version: input.toVersion,
      plan: JSON.stringify(input.plan),
      schema: JSON.stringify(schema),
      status: "running",
      next_step: 0,
      results: "[]",
      started_at: dbNow(),
      created_by: input.actorId ?? null,
      holder: holderOf(db),
      lease_until: leaseUntil(),
    });
    journalId = Number(inserted[0]);
  } catch (error) {
    if (isUniqueViolation(error)) throw new MigrationConflictError(input.toVersion);
    throw error;
  }
  const row = (await db(SYSTEM_TABLES.journal).where({ id: journalId }).first()) as JournalRow;
  return runJournal(db, row, hooks);
}

async function runJournal(db: Knex, row: JournalRow, hooks: ApplyHooks): Promise<{ version: number; results: StepResult[] }> {
  const plan = JSON.parse(row.plan) as MigrationPlan;
  const schema = JSON.parse(row.schema) as WorkspaceSchema;
  const compiled = compileSchema(schema, row.to_version);
  const results: StepResult[] = row.results ? JSON.parse(row.results) : [];
  let i = row.next_step;
  const stopLease = keepLease(db, row.id);
  try {
    for (; i < plan.steps.length; i++) {
      const step = plan.steps[i];
      const started = performance.now();
      const outcome = await runStep(db, step, { compiled, fromVersion: plan.fromVersion, hooks });
      results.push({ op: step.op, description: step.description, ms: Math.round((performance.now() - started) * 10) / 10, ...outcome });
      await db(SYSTEM_TABLES.journal)
        .where({ id: row.id })
        .update({ next_step: i + 1, results: JSON.stringify(results) });
      await hooks.afterStep?.(i, step);
    }
  } catch (error) {
    if (error instanceof SimulatedCrash) {
      stopLease();
      // As a killed process leaves it once its lease has run out: the next start may finish it.
      await db(SYSTEM_TABLES.journal)
        .where({ id: row.id })
        .update({ lease_until: dbNow(new Date(0)) });
      throw error;
    }
    await undoSteps(db, plan.steps.slice(0, i + 1)).finally(stopLease);
    await db(SYSTEM_TABLES.journal)
      .where({ id: row.id })
      .update({ status: "rolled_back", error: String((error as Error).message).slice(0, 2000), finished_at: dbNow() });
    throw error;
  }
  stopLease();
  await db.transaction(async (trx) => {
    const exists = await trx(SYSTEM_TABLES.schemaVersions).where({ version: row.to_version }).first();
    if (!exists)
      await trx(SYSTEM_TABLES.schemaVersions).insert({
        version: row.to_version,
        schema: row.schema,
        plan: row.plan,
        created_at: dbNow(),
        created_by: row.created_by ?? null,
      });
    await trx(SYSTEM_TABLES.journal).where({ id: row.id }).update({ status: "done", finished_at: dbNow() });
  });
  return { version: row.to_version, results };
}

/**
 * Creates the record tables, indexes and search indexes of `schema` in a database that has none,
 * without a journal row or a schema version: for `db copy`, which brings the source's history along.
 */
export async function createSchemaTables(db: Knex, schema: WorkspaceSchema): Promise<void> {
  const compiled = compileSchema(schema);
  const steps = plan(null, schema).steps.filter((s) => s.op === "create_table" || s.op === "add_index" || s.op === "add_search_index");
  for (const step of steps) await runStep(db, step, { compiled, fromVersion: 0, hooks: {} });
}

/** Thrown by tests from `afterStep` to leave the journal as a killed process would, its lease run out. */
export class SimulatedCrash extends Error {
  constructor() {
    super("simulated crash");
    this.name = "SimulatedCrash";
  }
}

export interface RecoveryReport {
  toVersion: number;
  outcome: "completed" | "rolled_back";
  error?: string;
}

/**
 * Finishes every plan a crash interrupted: steps are idempotent, so the remaining ones (and the one
 * that was running) are simply run again. If that fails, the steps already done are undone and the
 * schema stays at the version it was.
 */
export async function recoverMigrations(db: Knex, hooks: ApplyHooks = {}): Promise<RecoveryReport[]> {
  const reports: RecoveryReport[] = [];
  for (;;) {
    const running = await runningMigration(db);
    if (!running) return reports;
    const report = await takeOverMigration(db, running.id, hooks);
    if (report) reports.push(report);
    // Another live instance runs it (it renews its lease): wait until it is done, or stops renewing.
    else await new Promise((resolve) => setTimeout(resolve, Math.min(1000, Math.floor(leaseMs() / 3))));
  }
}

interface StepContext {
  compiled: CompiledSchema;
  fromVersion: number;
  hooks: ApplyHooks;
}

function columnSpecs(compiled: CompiledSchema, table: string): Record<string, ColumnSpec> {
  const t = compiled.tablesByKey.get(table);
  return Object.fromEntries((t?.fields ?? []).map((f) => [f.key, f.column]));
}

async function runStep(db: Knex, step: MigrationStep, ctx: StepContext): Promise<{ algorithm?: AlterAlgorithm; rows?: number }> {
  switch (step.op) {
    case "create_table":
      if (!(await hasTable(db, step.table))) await createRecordTable(db, step.table, step.columns);
      return {};
    case "rename_table":
      if ((await hasTable(db, step.from)) && !(await hasTable(db, step.to))) await renameTable(db, step.from, step.to);
      return {};
    case "drop_table":
      if ((await hasTable(db, step.table)) && !(await hasTable(db, step.trashName))) await renameTable(db, step.table, step.trashName);
      await recordTrash(db, {
        kind: "table",
        table_id: step.tableId,
        table_key: step.table,
        label: step.definition["x-plural"] ?? step.definition.title ?? step.table,
        storage: step.trashName,
        definition: JSON.stringify(step.definition),
        schema_version: ctx.fromVersion,
      });
      return {};
    case "add_column":
      if (!(await hasColumn(db, step.table, step.column.name)))
        return { algorithm: await addColumn(db, step.table, step.column.name, step.column.spec) };
      return {};
    case "rename_column":
      if ((await hasColumn(db, step.table, step.from)) && !(await hasColumn(db, step.table, step.to)))
        return { algorithm: await renameColumn(db, step.table, step.from, step.to) };
      return {};
    case "drop_column": {
      let algorithm: AlterAlgorithm | undefined;
      if ((await hasColumn(db, step.table, step.column)) && !(await hasColumn(db, step.table, step.trashName)))
        algorithm = await renameColumn(db, step.table, step.column, step.trashName);
      await recordTrash(db, {
        kind: "field",
        table_id: step.tableId,
        table_key: step.table,
        field_id: step.fieldId,
        field_key: step.column,
        label: step.definition.title ?? step.column,
        storage: step.trashName,
        definition: JSON.stringify(step.definition),
        schema_version: ctx.fromVersion,
      });
      return { algorithm };
    }
    case "convert_column":
      return { rows: await convertColumn(db, step) };
    case "add_index":
      if (!(await hasIndex(db, step.table, step.name)))
        return {
          algorithm: await createIndex(db, step.table, step.name, step.columns, step.unique, columnSpecs(ctx.compiled, step.table)),
        };
      return {};
    case "drop_index":
      if (await hasIndex(db, step.table, step.name)) await dropIndex(db, step.table, step.name);
      return {};
    case "restore_column": {
      let algorithm: AlterAlgorithm | undefined;
      if ((await hasColumn(db, step.table, step.trashName)) && !(await hasColumn(db, step.table, step.column)))
        algorithm = await renameColumn(db, step.table, step.trashName, step.column);
      await db(SYSTEM_TABLES.trash).where({ storage: step.trashName }).update({ restored_at: dbNow() });
      return { algorithm };
    }
    case "restore_table":
      if ((await hasTable(db, step.trashName)) && !(await hasTable(db, step.table))) await renameTable(db, step.trashName, step.table);
      await db(SYSTEM_TABLES.trash).where({ storage: step.trashName }).update({ restored_at: dbNow() });
      return {};
    case "add_search_index":
      if (!(await hasSearchIndex(db, step.table, step.name)))
        return { algorithm: await createSearchIndex(db, step.table, step.name, step.columns) };
      return {};
    case "drop_search_index":
      await dropSearchIndex(db, step.table, step.name);
      return {};
    case "recompute":
      if (!ctx.hooks.recompute) return { rows: 0 };
      return { rows: await ctx.hooks.recompute(db, ctx.compiled, step.table, step.fields) };
  }
}

async function recordTrash(db: Knex, row: Record<string, unknown>): Promise<void> {
  const exists = await db(SYSTEM_TABLES.trash).where({ storage: row.storage }).first();
  if (exists) return;
  await db(SYSTEM_TABLES.trash).insert({ ...row, deleted_at: dbNow() });
}

const BATCH = 1000;

/** Converts every value in batches by id; re-running it simply converts again. */
async function convertColumn(db: Knex, step: Extract<MigrationStep, { op: "convert_column" }>): Promise<number> {
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const batch = (await db(step.table).select("id", step.from).where("id", ">", lastId).orderBy("id").limit(BATCH)) as Record<
      string,
      unknown
    >[];
    if (batch.length === 0) return rows;
    const failures: ConversionFailure[] = [];
    await db.transaction(async (trx) => {
      for (const r of batch) {
        const converted = convertDbValue(r[step.from], step.fromField, step.toField);
        if (!converted.ok) {
          failures.push({
            id: Number(r.id),
            value: fieldKinds[step.fromField["x-kind"]].fromDb(r[step.from], step.fromField),
            error: converted.error,
            words: converted.words,
          });
          continue;
        }
        await trx(step.table)
          .where({ id: r.id })
          .update({ [step.to]: converted.value });
      }
    });
    if (failures.length > 0) throw new ConversionError(step.table, step.from, failures);
    rows += batch.length;
    lastId = Number(batch[batch.length - 1].id);
  }
}

/**
 * Reads every value a plan's conversions would touch, before anything runs, and returns the
 * records that would not convert (at most `limit` per field).
 */
export async function dryRunConversions(
  db: Knex,
  plan: MigrationPlan,
  limit = 50,
): Promise<{ table: string; field: string; total: number; failures: ConversionFailure[] }[]> {
  const out = [];
  for (const step of plan.steps) {
    if (step.op !== "convert_column") continue;
    const { table, column } = step.original;
    const failures: ConversionFailure[] = [];
    let total = 0;
    let lastId = 0;
    for (;;) {
      const batch = (await db(table)
        .select("id", column)
        .where("id", ">", lastId)
        .whereNotNull(column)
        .orderBy("id")
        .limit(5000)) as Record<string, unknown>[];
      if (batch.length === 0) break;
      for (const r of batch) {
        const converted = convertDbValue(r[column], step.fromField, step.toField);
        if (!converted.ok) {
          total++;
          if (failures.length < limit)
            failures.push({
              id: Number(r.id),
              value: fieldKinds[step.fromField["x-kind"]].fromDb(r[column], step.fromField),
              error: converted.error,
              words: converted.words,
            });
        }
      }
      lastId = Number(batch[batch.length - 1].id);
    }
    if (total > 0) out.push({ table: step.table, field: step.toField.title ?? step.from, total, failures });
  }
  return out;
}

/** Undoes steps in reverse order; each undo checks the database first, like the steps do. */
async function undoSteps(db: Knex, steps: MigrationStep[]): Promise<void> {
  for (const step of [...steps].reverse()) {
    switch (step.op) {
      case "create_table":
        if (await hasTable(db, step.table)) await db.schema.dropTable(step.table);
        break;
      case "rename_table":
        if ((await hasTable(db, step.to)) && !(await hasTable(db, step.from))) await renameTable(db, step.to, step.from);
        break;
      case "drop_table":
        if ((await hasTable(db, step.trashName)) && !(await hasTable(db, step.table))) await renameTable(db, step.trashName, step.table);
        await db(SYSTEM_TABLES.trash).where({ storage: step.trashName }).delete();
        break;
      case "add_column":
        if (await hasColumn(db, step.table, step.column.name)) await dropColumn(db, step.table, step.column.name);
        break;
      case "rename_column":
        if ((await hasColumn(db, step.table, step.to)) && !(await hasColumn(db, step.table, step.from)))
          await renameColumn(db, step.table, step.to, step.from);
        break;
      case "drop_column":
        if ((await hasColumn(db, step.table, step.trashName)) && !(await hasColumn(db, step.table, step.column)))
          await renameColumn(db, step.table, step.trashName, step.column);
        await db(SYSTEM_TABLES.trash).where({ storage: step.trashName }).delete();
        break;
      case "add_index":
        if (await hasIndex(db, step.table, step.name)) await dropIndex(db, step.table, step.name);
        break;
      case "drop_index":
        if ((await hasTable(db, step.table)) && !(await hasIndex(db, step.table, step.name)))
          await createIndex(db, step.table, step.name, step.columns, step.unique, step.specs ?? {});
        break;
      case "restore_column":
        if ((await hasColumn(db, step.table, step.column)) && !(await hasColumn(db, step.table, step.trashName)))
          await renameColumn(db, step.table, step.column, step.trashName);
        await db(SYSTEM_TABLES.trash).where({ storage: step.trashName }).update({ restored_at: null });
        break;
      case "restore_table":
        if ((await hasTable(db, step.table)) && !(await hasTable(db, step.trashName))) await renameTable(db, step.table, step.trashName);
        await db(SYSTEM_TABLES.trash).where({ storage: step.trashName }).update({ restored_at: null });
        break;
      case "add_search_index":
        await dropSearchIndex(db, step.table, step.name);
        break;
      case "drop_search_index":
        if ((await hasTable(db, step.table)) && !(await hasSearchIndex(db, step.table, step.name)))
          await createSearchIndex(db, step.table, step.name, step.columns);
        break;
      case "convert_column":
      case "recompute":
        break;
    }
  }
}
