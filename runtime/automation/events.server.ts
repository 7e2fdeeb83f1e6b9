import type { Knex } from "knex";
import { SYSTEM_TABLES } from "../db/system-tables.server";
import { recordMatches } from "../records/filter-match";
import type { RecordHooks, WriteEvent } from "../records/hooks";
import type { RecordJson } from "../records/rows";
import type { EnqueueInput, JobContext } from "../jobs/types";
import type { ApprovalGuard } from "./approvals.server";
import type { CompiledSchema } from "../schema/compile";
import type { LoadedRule, RulesIndex } from "./rules.server";
import { AUTOMATION_TABLES } from "./tables.server";
import { executeRun, logRun, MAX_DEPTH, type EngineDeps, type RunRequest } from "./run.server";
import type { TriggerType } from "./types";

/**
 * Changes to records, as automation sees them. The records hook runs inside every write's
 * transaction: it asks the guards (approvals) and, when an enabled rule of that table and trigger
 * holds, enqueues one `rules.event` job in the same transaction — an outbox, so the event exists
 * exactly when the change does. A table without rules costs one lookup in memory. The job then
 * runs each rule in a transaction of its own.
 */

export const EVENT_JOB = "rules.event";

/** The payload of a `rules.event` job. */
export interface EventPayload {
  /** Table id (a rename between the change and the job changes nothing). */
  table: string;
  record: number;
  action: "created" | "updated" | "deleted";
  /** The version the change made (for deletes, the last one). */
  version: number;
  before: RecordJson | null;
  after: RecordJson | null;
  depth: number;
  chain: number[];
  actorId: number | null;
  /** The rules whose trigger and condition held when the change was made. */
  rules: number[];
}

const changed = (a: unknown, b: unknown) => JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);

/** Whether the rule's trigger, condition and previous-values condition hold for a change. */
export function ruleHolds(rule: LoadedRule, action: WriteEvent["action"], before: RecordJson | null, after: RecordJson | null): boolean {
  const { trigger } = rule.compiled.definition;
  if (trigger.type !== action) return false;
  if (trigger.type === "updated" && trigger.fields && !trigger.fields.some((f) => changed(before?.[f], after?.[f]))) return false;
  const subject = action === "deleted" ? before : after;
  if (!subject) return false;
  const { condition, previous } = rule.compiled;
  if (condition && !recordMatches(condition, subject)) return false;
  if (previous && (!before || !recordMatches(previous, before))) return false;
  return true;
}

/**
 * Whether a new record already is what a guarded update would make it: every field was "changed"
 * from nothing, and what the record was before (nothing) meets any previous-values condition.
 */
function guardedOnCreate(rule: LoadedRule, after: RecordJson | null): boolean {
  const { trigger } = rule.compiled.definition;
  if (!after || trigger.type !== "updated") return false;
  if (trigger.fields && !trigger.fields.some((f) => changed(undefined, after[f]))) return false;
  return !rule.compiled.condition || recordMatches(rule.compiled.condition, after);
}

export function occurrenceOf(action: EventPayload["action"], version: number): string {
  return action === "updated" ? `v${version}` : action;
}

export function createRecordsHook(deps: EngineDeps, guard: ApprovalGuard): RecordHooks {
  /** The event job a write owes the rules that hold for it, once its guards let it through; null when none holds. */
  async function jobOf(trx: Knex.Transaction, event: WriteEvent, index: RulesIndex): Promise<EnqueueInput<EventPayload> | null> {
    if (event.action === "restored") return null;
    if (event.action === "created")
      for (const rule of index.byTable.get(event.table.id)?.get("updated") ?? [])
        if (rule.compiled.guard && guardedOnCreate(rule, event.after))
          await guard.refuseCreate(trx, rule, rule.compiled.guard.action, event);
    const candidates = index.byTable.get(event.table.id)?.get(event.action);
    if (!candidates) return null;
    const holding = candidates.filter((rule) => ruleHolds(rule, event.action, event.before, event.after));
    if (holding.length === 0) return null;
    for (const rule of holding) if (rule.compiled.guard) await guard.check(trx, rule, rule.compiled.guard.action, event);
    const action = event.action as EventPayload["action"];
    const payload: EventPayload = {
      table: event.table.id,
      record: event.id,
      action,
      version: (event.after ?? event.before)!.version,
      before: event.before,
      after: event.after,
      depth: event.depth,
      chain: event.actor.automation?.chain ?? [],
      actorId: event.actor.id,
      rules: holding.map((r) => r.id),
    };
    return { type: EVENT_JOB, payload, createdBy: event.actor.id };
  }

  return {
    async onWrite(trx, event) {
      const job = await jobOf(trx, event, await deps.rules.index(trx, event.compiled));
      if (job) await deps.queue.enqueue(job, trx);
    },
    async onWriteMany(trx, events) {
      const indexes = new Map<CompiledSchema, RulesIndex>();
      const jobs: EnqueueInput<EventPayload>[] = [];
      for (const event of events) {
        let index = indexes.get(event.compiled);
        if (!index) indexes.set(event.compiled, (index = await deps.rules.index(trx, event.compiled)));
        // A table without rules: nothing to ask for any of its records.
        if (!index.byTable.has(event.table.id)) continue;
        const job = await jobOf(trx, event, index);
        if (job) jobs.push(job);
      }
      // The batch's events in one statement, in the records' order, as one by one would queue them.
      if (jobs.length) await deps.queue.enqueueMany(jobs, trx);
    },
  };
}

/** The `rules.event` handler: each rule that held, in a transaction of its own; a failed one fails the job, which retries it. */
export function eventHandler(deps: EngineDeps) {
  return async ({ job, payload }: JobContext<EventPayload>) => {
    const { compiled } = await deps.workspace.current({ fresh: true });
    const failures: string[] = [];
    let done = 0;
    const by =
      payload.actorId === null
        ? null
        : (((await deps.db(SYSTEM_TABLES.users).where({ id: payload.actorId }).first("id", "name", "role")) as
            { id: number; name: string; role: string } | undefined) ?? null);
    for (const id of payload.rules) {
      // The rule as it is now: disabled or changed since the event, it may no longer apply.
      const rule = await deps.rules.loadEnabled(deps.db, id, compiled);
      if (!rule || rule.tableId !== payload.table || !ruleHolds(rule, payload.action, payload.before, payload.after)) continue;
      const req: RunRequest = {
        rule,
        recordId: payload.record,
        occurrence: occurrenceOf(payload.action, payload.version),
        trigger: payload.action as TriggerType,
        depth: payload.depth,
        chain: payload.chain,
        user: null,
        by: by && { ...by, id: Number(by.id) },
        before: payload.before,
        after: payload.after,
        jobId: job.id,
      };
      if (payload.depth >= MAX_DEPTH) {
        await logRun(deps.db, deps, req, "stopped", await loopMessage(deps, payload.chain, rule));
        continue;
      }
      try {
        if ((await executeRun(deps, req)).state === "done") done++;
      } catch (error) {
        failures.push(`rule "${rule.name}": ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length) throw new Error(failures.join("; "));
    return { runs: done };
  };
}

async function loopMessage(deps: EngineDeps, chain: number[], rule: LoadedRule): Promise<string> {
  const rows = (await deps.db(AUTOMATION_TABLES.rules).whereIn("id", chain).select("id", "name")) as { id: number; name: string }[];
  const names = new Map(rows.map((r) => [Number(r.id), r.name]));
  const path = [...chain.map((id) => names.get(id) ?? `#${id}`), rule.name].map((n) => `"${n}"`).join(" → ");
  return `stopped: rules triggered rules ${MAX_DEPTH} deep (${path}). A rule whose actions make its own trigger hold again loops; narrow its trigger fields or condition.`;
}
