import type { Knex } from "knex";
import { deferAudits } from "../auth/audit.server";
import { isUniqueViolation } from "../db/db-errors";
import { dbNow } from "../db/system-tables.server";
import type { JobContext } from "../jobs/types";
import { createRecordContextLoader } from "../print/record-context.server";
import { SYSTEM_ACTOR } from "../records/permissions";
import { applyFilter } from "../records/query.server";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { AUTOMATION_TABLES } from "./tables.server";
import type { LoadedRule } from "./rules.server";
import { readAhead } from "./read-ahead.server";
import {
  actorFor,
  AlreadyRan,
  errorPhrase,
  errorText,
  isTransactionFatal,
  logRun,
  runInTransaction,
  type PendingRun,
  SkipRun,
  type EngineDeps,
  type RunRequest,
} from "./run.server";
import { dueThreshold, latestSlot } from "./schedule";
import type { ActionOutcome, TriggerType } from "./types";
import type { Phrase } from "../i18n/words";

/**
 * Date and schedule triggers. For each enabled rule, the records that are due, meet the condition
 * and have no run for this occurrence are found in SQL — the condition is the list filter, the
 * "no run yet" an anti-join on `crm_rule_runs` — and run in batches, each batch one transaction
 * with a savepoint per record: one failing record is undone alone, logged, and retried by a
 * `rules.run` job. A second pass over the same data finds nothing to do.
 */

export const TICK_JOB = "rules.tick";
export const RUN_JOB = "rules.run";
const BATCH = 500;

/** A record due for a rule, and the occurrence it is due for (the date value, the schedule slot). */
export interface DueItem {
  id: number;
  occurrence: string;
}

/** The `rules.run` job: one run to retry. */
export interface RunPayload {
  rule: number;
  record: number;
  occurrence: string;
  trigger: TriggerType;
}

export interface DueSummary {
  /** Date and schedule rules that were due. */
  rules: number;
  /** Runs done. */
  runs: number;
  /** Runs that failed (logged, and retried by a `rules.run` job). */
  failed: number;
  /** Rules that could not run at all, and why. */
  errors: { rule: string; message: string }[];
  /** Another instance was running due rules: this call left the work to it. */
  busy?: true;
}

/** The field's stored value as text, the way the occurrence of a date trigger keeps it. */
function asText(db: Knex, column: string): Knex.Raw {
  return db.client.config.client === "mysql2"
    ? db.raw("CAST(?? AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_unicode_ci", [column])
    : db.raw("CAST(?? AS TEXT)", [column]);
}

/**
 * Up to `limit` records after `afterId` that the rule would act on at `now`; null when the rule is
 * not due at all (a schedule before its first slot).
 */
export function dueQuery(
  deps: Pick<EngineDeps, "db" | "timeZone">,
  rule: LoadedRule,
  table: CompiledTable,
  now: Date,
): { query: (afterId: number, limit: number, options?: { only?: number; retrying?: boolean }) => Promise<DueItem[]> } | null {
  const { db } = deps;
  const { trigger } = rule.compiled.definition;
  const t = table.key;
  let occurrence: { column: string } | { value: string };
  const where: ((q: Knex.QueryBuilder) => void)[] = [];
  if (trigger.type === "date") {
    const field = rule.compiled.dateField!;
    const threshold = dueThreshold(field.withTime, trigger.offset, now, deps.timeZone);
    const column = `${t}.${field.key}`;
    where.push((q) => q.whereNotNull(column).andWhere(column, "<=", threshold instanceof Date ? dbNow(threshold) : threshold));
    occurrence = { column };
  } else if (trigger.type === "schedule") {
    const slot = latestSlot(trigger, now, deps.timeZone);
    if (rule.enabledAt && slot.at < rule.enabledAt) return null;
    occurrence = { value: slot.key };
  } else return null;
  const condition = rule.compiled.condition;
  return {
    async query(afterId, limit, options = {}) {
      const q = db(t).select(`${t}.id`).where(`${t}.id`, ">", afterId).orderBy(`${t}.id`).limit(limit);
      if (options.only !== undefined) q.where(`${t}.id`, options.only);
      if ("column" in occurrence) q.select({ occurrence: occurrence.column });
      for (const w of where) w(q);
      if (condition) applyFilter(q, condition, t);
      const occ = occurrence;
      q.whereNotExists(function (this: Knex.QueryBuilder) {
        this.select(db.raw("1"))
          .from(`${AUTOMATION_TABLES.runs} as r`)
          .where("r.rule_id", rule.id)
          .andWhere("r.record_id", db.ref(`${t}.id`));
        if ("column" in occ) this.andWhere("r.occurrence", asText(db, occ.column));
        else this.andWhere("r.occurrence", occ.value);
        // A retry looks past the failed run it retries.
        if (options.retrying) this.andWhere("r.state", "<>", "failed");
      });
      const rows = (await q) as { id: number; occurrence?: unknown }[];
      return rows.map((r) => ({
        id: Number(r.id),
        occurrence: "value" in occ ? occ.value : String(r.occurrence),
      }));
    },
  };
}

export interface BatchResult {
  done: number;
  outcomes: ActionOutcome[];
  failures: { record: number; message: string; words: Phrase | null }[];
}

/**
 * Runs a rule for `items` in one transaction, a savepoint each. A failure is logged as a failed run
 * and handed to a `rules.run` job (in the same transaction), unless this is a dry run.
 */
export async function runBatch(
  deps: EngineDeps,
  compiled: CompiledSchema,
  rule: LoadedRule,
  items: DueItem[],
  trigger: TriggerType,
  options: {
    dry?: boolean;
    jobId?: number;
    within?: { tx: EngineDeps["records"]; trx: Knex.Transaction };
    /** Write the batch's run rows and effects in a few statements at its end (see `flushRuns`). */
    deferLog?: boolean;
  } = {},
): Promise<BatchResult> {
  const deferLog = options.deferLog === true && !options.dry && options.jobId === undefined;
  const table = compiled.tablesById.get(rule.tableId);
  const prepare = async (tx: EngineDeps["records"], trx: Knex.Transaction) => ({
    company: await createRecordContextLoader({ db: trx, records: tx, compiled, actor: SYSTEM_ACTOR }).company(),
    reads: table
      ? await readAhead(
          tx,
          trx,
          compiled,
          actorFor({ rule, depth: 0, chain: [], user: null }),
          table,
          items.map((i) => i.id),
        )
      : undefined,
  });

  // First all runs straight in one savepoint, their audit entries written together at the end;
  // only when one fails is the lot undone and done again below, a savepoint per run.
  if (deferLog && !options.within && items.length > 1) {
    try {
      return await deps.records.transaction((outer) =>
        outer.transaction(
          async (tx, trx) => {
            const { company, reads } = await prepare(tx, trx);
            const audits = deferAudits(trx);
            const result: BatchResult = { done: 0, outcomes: [], failures: [] };
            const pending: PendingRun[] = [];
            try {
              for (const item of items) {
                const req = requestFor(rule, item, trigger, null);
                let run;
                try {
                  run = await runInTransaction(deps, tx, trx, req, { compiled, company, checkExisting: false, deferLog, reads });
                } catch (error) {
                  // Thrown before anything was written (the record is gone): logged as in the slow path.
                  if (!(error instanceof SkipRun)) throw new StraightRunFailed(error);
                  await logRun(trx, deps, req, "skipped", error.message);
                  continue;
                }
                if (run.pending) pending.push(run.pending);
                result.done++;
                result.outcomes.push(...run.outcomes);
              }
            } finally {
              reads?.stop();
            }
            await audits.flush();
            await flushRuns(trx, pending);
            return result;
          },
          { shared: true },
        ),
      );
    } catch (error) {
      if (!(error instanceof StraightRunFailed)) throw error;
      if (isTransactionFatal(error.cause)) throw error.cause;
    }
  }

  const work = async (tx: EngineDeps["records"], trx: Knex.Transaction): Promise<BatchResult> => {
    const result: BatchResult = { done: 0, outcomes: [], failures: [] };
    const pending: PendingRun[] = [];
    const { company, reads } = await prepare(tx, trx);
    try {
      for (const item of items) {
        const req = requestFor(rule, item, trigger, options.jobId ?? null);
        try {
          // Its writes share the run's savepoint: a failing one undoes the whole run anyway.
          const run = await tx.transaction(
            (sp, spTrx) =>
              runInTransaction(deps, sp, spTrx, req, {
                compiled,
                company,
                dry: options.dry,
                checkExisting: options.jobId !== undefined,
                deferLog,
                reads,
              }),
            { shared: true },
          );
          if (run.pending) pending.push(run.pending);
          result.done++;
          result.outcomes.push(...run.outcomes);
        } catch (error) {
          if (error instanceof AlreadyRan) continue;
          if (isTransactionFatal(error)) throw error;
          if (error instanceof SkipRun) {
            if (!options.dry) await logRun(trx, deps, req, "skipped", error.message);
            continue;
          }
          result.failures.push({ record: item.id, message: errorText(error), words: errorPhrase(error) });
          if (options.dry) continue;
          if (options.jobId !== undefined) {
            // A retry: its own job tries again later.
            await logRun(trx, deps, req, "failed", errorText(error), errorPhrase(error));
            continue;
          }
          const payload: RunPayload = { rule: rule.id, record: item.id, occurrence: item.occurrence, trigger };
          const jobId = await deps.queue.enqueue(
            { type: RUN_JOB, payload, key: `rules.run:${rule.id}:${item.id}:${item.occurrence}`.slice(0, 191) },
            trx,
          );
          await logRun(trx, deps, { ...req, jobId }, "failed", errorText(error), errorPhrase(error));
        }
      }
    } finally {
      reads?.stop();
    }
    await flushRuns(trx, pending);
    return result;
  };
  if (options.within) return work(options.within.tx, options.within.trx);
  return deps.records.transaction(work);
}

function requestFor(rule: LoadedRule, item: DueItem, trigger: TriggerType, jobId: number | null): RunRequest {
  return { rule, recordId: item.id, occurrence: item.occurrence, trigger, depth: 0, chain: [], user: null, jobId };
}

/** A run of a batch done straight (without a savepoint of its own) failed: the batch is done again run by run. */
class StraightRunFailed extends Error {
  constructor(readonly cause: unknown) {
    super(errorText(cause));
    this.name = "StraightRunFailed";
  }
}

/** A deferred run row met a run written meanwhile (a retry, another worker): redo the batch run by run. */
export class DeferredConflict extends Error {
  constructor() {
    super("a run of this batch was written by someone else meanwhile");
    this.name = "DeferredConflict";
  }
}

const FLUSH_CHUNK = 250;

/**
 * The batch's run rows in one multi-row INSERT per chunk, then their effects likewise: two to four
 * statements for a batch instead of two per run. The unique key on rule, record and occurrence
 * still guards against a second run: a clash fails the statement, and the whole batch is undone
 * and done again with a row per run (`DeferredConflict`).
 */
async function flushRuns(trx: Knex.Transaction, pending: PendingRun[]): Promise<void> {
  if (pending.length === 0) return;
  try {
    for (let i = 0; i < pending.length; i += FLUSH_CHUNK)
      await trx(AUTOMATION_TABLES.runs).insert(pending.slice(i, i + FLUSH_CHUNK).map((p) => p.row));
  } catch (error) {
    if (isUniqueViolation(error)) throw new DeferredConflict();
    throw error;
  }
  const withEffects = pending.filter((p) => p.effects.length > 0);
  if (withEffects.length === 0) return;
  const ruleId = withEffects[0].row.rule_id as number;
  const ids = new Map<string, number>();
  for (let i = 0; i < withEffects.length; i += FLUSH_CHUNK) {
    const chunk = withEffects.slice(i, i + FLUSH_CHUNK);
    const rows = (await trx(AUTOMATION_TABLES.runs)
      .where("rule_id", ruleId)
      .whereIn(
        "record_id",
        chunk.map((p) => p.row.record_id as number),
      )
      .select("id", "record_id", "occurrence")) as { id: number; record_id: number; occurrence: string }[];
    for (const r of rows) ids.set(`${Number(r.record_id)}\u0000${r.occurrence}`, Number(r.id));
  }
  const effects = withEffects.flatMap((p) => {
    const runId = ids.get(`${p.row.record_id as number}\u0000${p.row.occurrence as string}`);
    if (runId === undefined) throw new Error(`the run of record ${String(p.row.record_id)} was not written`);
    return p.effects.map((e) => ({ run_id: runId, ...e }));
  });
  for (let i = 0; i < effects.length; i += FLUSH_CHUNK) await trx(AUTOMATION_TABLES.effects).insert(effects.slice(i, i + FLUSH_CHUNK));
}

/** Every enabled date and schedule rule, once: what is due at `now` runs. */
export async function runDue(deps: EngineDeps, now: Date = deps.now()): Promise<DueSummary> {
  const summary: DueSummary = { rules: 0, runs: 0, failed: 0, errors: [] };
  const lease = await takeDueLease(deps);
  if (!lease) return { ...summary, busy: true };
  try {
    const { compiled } = await deps.workspace.current({ fresh: true });
    const index = await deps.rules.index(deps.db, compiled, { fresh: true });
    for (const rule of index.timed) {
      const table = compiled.tablesById.get(rule.tableId);
      const due = table ? dueQuery(deps, rule, table, now) : null;
      if (!table || !due) continue;
      summary.rules++;
      try {
        await runRuleDue(deps, compiled, rule, due, summary, lease);
      } catch (error) {
        // One rule that cannot run (its query fails) does not keep the others from theirs.
        summary.errors.push({ rule: rule.name, message: errorText(error) });
      }
    }
    return summary;
  } finally {
    await lease.release();
  }
}

async function runRuleDue(
  deps: EngineDeps,
  compiled: CompiledSchema,
  rule: LoadedRule,
  due: NonNullable<ReturnType<typeof dueQuery>>,
  summary: DueSummary,
  lease: DueLease,
): Promise<void> {
  let after = 0;
  // A rule that closes tasks reads the run rows of its own earlier runs: those are written run by run.
  let deferLog = !rule.compiled.definition.actions.some((a) => a.type === "closeTasks");
  for (let conflicts = 0; ;) {
    const items = await due.query(after, BATCH);
    if (items.length === 0) return;
    let result: BatchResult;
    try {
      result = await runBatch(deps, compiled, rule, items, rule.compiled.definition.trigger.type, { deferLog });
    } catch (error) {
      if (error instanceof DeferredConflict) {
        deferLog = false;
        continue;
      }
      // Another writer at the same moment (a deadlock, a stale SQLite snapshot): the batch was
      // undone as a whole; ask again which of its records are still due.
      if (!isTransactionFatal(error) || ++conflicts > 5) throw error;
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * conflicts));
      continue;
    }
    summary.runs += result.done;
    summary.failed += result.failures.length;
    await lease.renew();
    after = items[items.length - 1].id;
    if (items.length < BATCH) return;
  }
}

interface DueLease {
  renew(): Promise<void>;
  release(): Promise<void>;
}

const LEASE_KEY = "due:lease";
const LEASE_MS = 2 * 60_000;

/**
 * One `runDue` at a time across every instance: a lease in `crm_rule_state` (its holder in
 * `value`, its end in `updated_at`), renewed after each batch. Ticks are one job per minute, but a
 * long pass may still run when the next minute's tick is claimed elsewhere; that one then leaves
 * the work to the pass in progress. A holder that died leaves a lease that ends by itself.
 */
async function takeDueLease(deps: EngineDeps): Promise<DueLease | null> {
  const { db } = deps;
  const holder = `${deps.queue.instanceId}:${Math.random().toString(36).slice(2, 10)}`;
  const until = () => dbNow(new Date(deps.now().getTime() + LEASE_MS));
  await db(AUTOMATION_TABLES.state)
    .insert({ key: LEASE_KEY, value: null, updated_at: dbNow(new Date(0)) })
    .onConflict("key")
    .ignore();
  const taken = await db(AUTOMATION_TABLES.state)
    .where({ key: LEASE_KEY })
    .andWhere((w) => w.whereNull("value").orWhere("updated_at", "<", dbNow(deps.now())))
    .update({ value: holder, updated_at: until() });
  if (taken !== 1) return null;
  const mine = () => db(AUTOMATION_TABLES.state).where({ key: LEASE_KEY, value: holder });
  return {
    renew: async () => void (await mine().update({ updated_at: until() })),
    release: async () => void (await mine().update({ value: null })),
  };
}

/** The `rules.run` handler: a failed date or schedule run, again — if the record is still due for that occurrence. */
export function runHandler(deps: EngineDeps) {
  return async ({ job, payload }: JobContext<RunPayload>) => {
    const { compiled } = await deps.workspace.current({ fresh: true });
    const rule = await deps.rules.loadEnabled(deps.db, payload.rule, compiled);
    if (!rule) return { state: "the rule is gone or disabled" };
    const table = compiled.tablesById.get(rule.tableId);
    const req: RunRequest = {
      rule,
      recordId: payload.record,
      occurrence: payload.occurrence,
      trigger: payload.trigger,
      depth: 0,
      chain: [],
      user: null,
      jobId: job.id,
    };
    // Still due for this occurrence? (Paid in the meantime, or its date moved: then not.)
    const due = table ? dueQuery(deps, { ...rule, enabledAt: null }, table, deps.now()) : null;
    const [item] = due ? await due.query(payload.record - 1, 1, { only: payload.record, retrying: true }) : [];
    if (!item || item.occurrence !== payload.occurrence) {
      await logRun(deps.db, deps, req, "skipped", "no longer due: the record changed before the run could be retried");
      return { state: "skipped" };
    }
    const result = await runBatch(deps, compiled, rule, [item], payload.trigger, { jobId: job.id });
    if (result.failures.length) throw new Error(result.failures[0].message);
    return { state: result.done ? "done" : "already done" };
  };
}

/** The `rules.tick` handler: what is due now. */
export function tickHandler(deps: EngineDeps) {
  return async () => runDue(deps);
}
