import type { Knex } from "knex";
import { dbNow } from "../db/system-tables.server";
import type { JobContext } from "../jobs/types";
import { createRecordContextLoader } from "../print/record-context.server";
import { SYSTEM_ACTOR } from "../records/permissions";
import { applyFilter } from "../records/query.server";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { AUTOMATION_TABLES } from "./tables.server";
import type { LoadedRule } from "./rules.server";
import {
  AlreadyRan,
  errorText,
  isTransactionFatal,
  logRun,
  runInTransaction,
  SkipRun,
  type EngineDeps,
  type RunRequest,
} from "./run.server";
import { dueThreshold, latestSlot } from "./schedule";
import type { ActionOutcome, TriggerType } from "./types";

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
  rules: number;
  runs: number;
  failed: number;
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
  failures: { record: number; message: string }[];
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
  options: { dry?: boolean; jobId?: number; within?: { tx: EngineDeps["records"]; trx: Knex.Transaction } } = {},
): Promise<BatchResult> {
  const work = async (tx: EngineDeps["records"], trx: Knex.Transaction): Promise<BatchResult> => {
    const result: BatchResult = { done: 0, outcomes: [], failures: [] };
    const company = await createRecordContextLoader({ db: trx, records: tx, compiled, actor: SYSTEM_ACTOR }).company();
    for (const item of items) {
      const req: RunRequest = {
        rule,
        recordId: item.id,
        occurrence: item.occurrence,
        trigger,
        depth: 0,
        chain: [],
        user: null,
        jobId: options.jobId ?? null,
      };
      try {
        const run = await tx.transaction((sp, spTrx) =>
          runInTransaction(deps, sp, spTrx, req, { compiled, company, dry: options.dry, checkExisting: options.jobId !== undefined }),
        );
        result.done++;
        result.outcomes.push(...run.outcomes);
      } catch (error) {
        if (error instanceof AlreadyRan) continue;
        if (isTransactionFatal(error)) throw error;
        if (error instanceof SkipRun) {
          if (!options.dry) await logRun(trx, deps, req, "skipped", error.message);
          continue;
        }
        result.failures.push({ record: item.id, message: errorText(error) });
        if (options.dry) continue;
        if (options.jobId !== undefined) {
          // A retry: its own job tries again later.
          await logRun(trx, deps, req, "failed", errorText(error));
          continue;
        }
        const payload: RunPayload = { rule: rule.id, record: item.id, occurrence: item.occurrence, trigger };
        const jobId = await deps.queue.enqueue(
          { type: RUN_JOB, payload, key: `rules.run:${rule.id}:${item.id}:${item.occurrence}`.slice(0, 191) },
          trx,
        );
        await logRun(trx, deps, { ...req, jobId }, "failed", errorText(error));
      }
    }
    return result;
  };
  if (options.within) return work(options.within.tx, options.within.trx);
  return deps.records.transaction(work);
}

/** Every enabled date and schedule rule, once: what is due at `now` runs. */
export async function runDue(deps: EngineDeps, now: Date = deps.now()): Promise<DueSummary> {
  const { compiled } = await deps.workspace.current({ fresh: true });
  const index = await deps.rules.index(deps.db, compiled, { fresh: true });
  const summary: DueSummary = { rules: 0, runs: 0, failed: 0 };
  for (const rule of index.timed) {
    const table = compiled.tablesById.get(rule.tableId);
    const due = table ? dueQuery(deps, rule, table, now) : null;
    if (!table || !due) continue;
    summary.rules++;
    let after = 0;
    for (let conflicts = 0; ;) {
      const items = await due.query(after, BATCH);
      if (items.length === 0) break;
      let result: BatchResult;
      try {
        result = await runBatch(deps, compiled, rule, items, rule.compiled.definition.trigger.type);
      } catch (error) {
        // Another instance wrote at the same moment (a deadlock, a stale SQLite snapshot): the
        // batch was undone as a whole; ask again which of its records are still due.
        if (!isTransactionFatal(error) || ++conflicts > 5) throw error;
        await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * conflicts));
        continue;
      }
      summary.runs += result.done;
      summary.failed += result.failures.length;
      after = items[items.length - 1].id;
      if (items.length < BATCH) break;
    }
  }
  return summary;
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
