import crypto from "node:crypto";
import type { Knex } from "knex";
import { dialectOf } from "../db/ddl.server";
import type { JobQueue } from "../jobs/queue.server";
import type { JobHandlers } from "../jobs/types";
import { recordMatches } from "../records/filter-match";
import { parseId } from "../records/params";
import { requireAdmin, type Actor } from "../records/permissions";
import { systemTimeToJson } from "../records/rows";
import type { RecordsService } from "../records/service.server";
import type { CompiledSchema } from "../schema/compile";
import type { WorkspaceService } from "../workspace/workspace.server";
import { createApprovals, type ApprovalsService } from "./approvals.server";
import { dryRun, type DryRunInput } from "./dry-run.server";
import { runDue, runHandler, RUN_JOB, TICK_JOB, tickHandler, type DueSummary, type RunPayload } from "./due.server";
import { createRecordsHook, EVENT_JOB, eventHandler, type EventPayload } from "./events.server";
import { createNotifications, type NotificationsService } from "./notifications.server";
import { createRulesStore, type RulesService } from "./rules.server";
import { executeRun, type EngineDeps } from "./run.server";
import { checkTimeZone } from "./schedule";
import { AUTOMATION_TABLES } from "./tables.server";
import type { DryRunResult, RuleRun, RunState } from "./types";
import { automationRefusal } from "./automation-words";
import type { Phrase } from "../i18n/words";

/**
 * Automation: rules that act on changes, dates and schedules, with tasks, notifications and
 * approvals — built on the records service (every action is a write any person could make) and
 * the job queue (every event and tick is a job). See docs/decisions/014-rules-as-data.md.
 *
 * The runtime makes one per database after `ensureAutomationTables`, registers `handlers` with
 * its workers, and calls `startTicker` where workers run.
 */

export interface AutomationOptions {
  db: Knex;
  workspace: Pick<WorkspaceService, "current">;
  records: RecordsService;
  queue: JobQueue;
  /** The clock; tests move it. Give the queue the same one. */
  now?: () => Date;
  /** Where days begin and schedules tick: default TESSERA_TIME_ZONE, else UTC. */
  timeZone?: string;
  /** Locale of the money, number and date filters in templates: default TESSERA_PRINT_LOCALE, else en-GB. */
  locale?: string;
  /**
   * How long this instance trusts the rules it read before a write reads them again (default
   * 1000 ms): a rule changed on another instance applies here that much later. Changes made
   * through this instance apply at once.
   */
  rulesCheckMs?: number;
}

/** A manual rule as a button on a record's card. */
export interface ManualRule {
  id: number;
  name: string;
  label: string;
  /** Whether its condition holds for the record (absent when no record was named). */
  offered?: boolean;
}

export interface Automation {
  /** CRUD (admins), validation, and each rule's run log. */
  rules: RulesService & {
    /** A rule's runs, newest first. */
    runs(ruleId: unknown, filter?: { state?: RunState; limit?: number }): Promise<RuleRun[]>;
    /** Failed runs of every rule, newest first: the list an admin retries from. */
    failedRuns(limit?: number): Promise<RuleRun[]>;
    /** Starts a failed run again (admins). 409 when it is not failed or already waiting for its next attempt. */
    retryRun(actor: Actor, runId: unknown): Promise<RuleRun>;
    /** The manual rules of a table, as buttons for a record's card. */
    manual(actor: Actor, table: string, recordId?: unknown): Promise<ManualRule[]>;
  };
  /** Register with the workers: `rules.event`, `rules.tick`, `rules.run`. */
  handlers: JobHandlers;
  /** Runs every date and schedule rule that is due at `now` once (the CLI's `rules run-due`). */
  runDue(now?: Date): Promise<DueSummary>;
  /** Enqueues this minute's tick (key `tick:<UTC minute>`: one per minute whatever the number of instances). */
  enqueueTick(at?: Date): Promise<number>;
  /** Enqueues the tick every `everyMs` (default 30 s) until stopped or closed. */
  startTicker(options?: { everyMs?: number; onError?: (error: unknown) => void }): { stop(): void };
  /** What a rule (stored, or an unsaved definition) would act on now and do, without keeping anything. Admins only. */
  dryRun(actor: Actor, input: DryRunInput): Promise<DryRunResult>;
  /**
   * A manual rule clicked on a record: runs at once as `actor`, whose rights apply. `clickId`
   * makes a repeated click (a retried request) run once.
   */
  runManual(actor: Actor, ruleId: unknown, recordId: unknown, clickId?: string): Promise<RuleRun>;
  notifications: NotificationsService;
  approvals: ApprovalsService;
  /** Removes the records hook and stops the ticker. */
  close(): void;
}

interface RunRow {
  id: number;
  rule_id: number;
  table_id: string;
  record_id: number;
  occurrence: string;
  trigger: RuleRun["trigger"];
  state: RunState;
  actions: string | null;
  error: string | null;
  error_words?: string | null;
  depth: number;
  attempts: number;
  job_id: number | null;
  created_at: string;
  updated_at: string;
}

function toRun(row: RunRow, compiled: CompiledSchema): RuleRun {
  return {
    id: Number(row.id),
    ruleId: Number(row.rule_id),
    table: compiled.tablesById.get(row.table_id)?.key ?? row.table_id,
    recordId: Number(row.record_id),
    occurrence: row.occurrence,
    trigger: row.trigger,
    state: row.state,
    actions: row.actions ? JSON.parse(row.actions) : [],
    error: row.error,
    errorWords: row.error_words ? (JSON.parse(row.error_words) as Phrase) : null,
    depth: Number(row.depth),
    attempts: Number(row.attempts),
    retryable: row.state === "failed" && row.job_id !== null,
    createdAt: systemTimeToJson(row.created_at)!,
    updatedAt: systemTimeToJson(row.updated_at)!,
  };
}

const CLICK_ID = /^[A-Za-z0-9_-]{1,40}$/;

export function createAutomation(options: AutomationOptions): Automation {
  const { db, workspace, records, queue } = options;
  const now = options.now ?? (() => new Date());
  const timeZone = checkTimeZone(options.timeZone ?? (process.env.TESSERA_TIME_ZONE || "UTC"));
  const rules = createRulesStore(db, { workspace, now, checkMs: options.rulesCheckMs ?? 1_000 });
  const deps: EngineDeps = {
    db,
    dialect: dialectOf(db),
    workspace,
    records,
    queue,
    rules,
    now,
    timeZone,
    locale: options.locale ?? (process.env.TESSERA_PRINT_LOCALE || "en-GB"),
  };
  const approvals = createApprovals(deps);
  const removeHook = records.addHooks(createRecordsHook(deps, approvals.guard));
  const tickers = new Set<NodeJS.Timeout>();

  async function runRow(id: number): Promise<RuleRun> {
    const { compiled } = await workspace.current();
    const row = (await db(AUTOMATION_TABLES.runs).where({ id }).first()) as RunRow | undefined;
    if (!row) throw automationRefusal(404, "noRun", { id });
    return toRun(row, compiled);
  }

  const automation: Automation = {
    rules: {
      list: rules.list,
      get: rules.get,
      create: rules.create,
      update: rules.update,
      remove: rules.remove,
      validate: rules.validate,
      followRenames: rules.followRenames,
      importByName: rules.importByName,
      async runs(ruleId, filter = {}) {
        const id = parseId(ruleId);
        const { compiled } = await workspace.current();
        const q = db(AUTOMATION_TABLES.runs)
          .where({ rule_id: id })
          .orderBy("id", "desc")
          .limit(Math.min(filter.limit ?? 100, 500));
        if (filter.state) q.where({ state: filter.state });
        return ((await q) as RunRow[]).map((r) => toRun(r, compiled));
      },
      async failedRuns(limit = 100) {
        const { compiled } = await workspace.current();
        const rows = (await db(AUTOMATION_TABLES.runs)
          .where({ state: "failed" })
          .orderBy("id", "desc")
          .limit(Math.min(limit, 500))) as RunRow[];
        return rows.map((r) => toRun(r, compiled));
      },
      async retryRun(actor, rawId) {
        requireAdmin(actor, "retryRuleRuns");
        const run = await runRow(parseId(rawId));
        if (run.state !== "failed") throw automationRefusal(409, "notRetryable", { id: run.id, state: run.state });
        const row = (await db(AUTOMATION_TABLES.runs).where({ id: run.id }).first("job_id")) as { job_id: number | null };
        const job = row.job_id === null ? null : await queue.get(Number(row.job_id));
        if (!job) throw automationRefusal(409, "clickRun", { id: run.id });
        if (job.state === "queued" || job.state === "running")
          throw automationRefusal(409, "retryWaiting", { id: run.id, at: systemTimeToJson(job.runAt) });
        if (job.state === "dead" || job.state === "cancelled") await queue.retry(job.id);
        else if (job.type === EVENT_JOB)
          await queue.enqueue({ type: EVENT_JOB, payload: { ...(job.payload as EventPayload), rules: [run.ruleId] }, createdBy: actor.id });
        else await queue.enqueue({ type: RUN_JOB, payload: job.payload as RunPayload, createdBy: actor.id });
        return runRow(run.id);
      },
      async manual(actor, tableKey, recordId) {
        const { compiled } = await workspace.current();
        const table = compiled.tablesByKey.get(tableKey);
        if (!table) throw automationRefusal(404, "noTable", { table: String(tableKey).slice(0, 64) });
        const rows = (await db(AUTOMATION_TABLES.rules).where({ table_id: table.id, enabled: true }).orderBy("name")) as { id: number }[];
        const loaded = (await Promise.all(rows.map((r) => rules.loadEnabled(db, Number(r.id), compiled)))).filter(
          (r) => r !== null && r.compiled.definition.trigger.type === "manual",
        );
        const record = recordId === undefined ? null : await records.get(actor, table.key, recordId);
        return loaded.map((r) => {
          const trigger = r!.compiled.definition.trigger as { label: string };
          const condition = r!.compiled.condition;
          return {
            id: r!.id,
            name: r!.name,
            label: trigger.label,
            ...(record ? { offered: !condition || recordMatches(condition, record) } : {}),
          };
        });
      },
    },

    handlers: {
      [EVENT_JOB]: eventHandler(deps) as JobHandlers[string],
      [TICK_JOB]: tickHandler(deps) as JobHandlers[string],
      [RUN_JOB]: runHandler(deps) as JobHandlers[string],
    },

    runDue: (at) => runDue(deps, at ?? now()),

    enqueueTick(at = now()) {
      const minute = at.toISOString().slice(0, 16);
      return queue.enqueue({ type: TICK_JOB, payload: { minute }, key: `tick:${minute}`, maxAttempts: 1 });
    },

    startTicker({ everyMs = 30_000, onError = () => {} } = {}) {
      const tick = () => void automation.enqueueTick().catch(onError);
      tick();
      const timer = setInterval(tick, everyMs);
      timer.unref();
      tickers.add(timer);
      return {
        stop() {
          clearInterval(timer);
          tickers.delete(timer);
        },
      };
    },

    dryRun: (actor, input) => dryRun(deps, actor, input),

    async runManual(actor, rawRuleId, rawRecordId, clickId) {
      const ruleId = parseId(rawRuleId);
      const recordId = parseId(rawRecordId);
      if (clickId !== undefined && !CLICK_ID.test(clickId)) throw automationRefusal(400, "clickId");
      const { compiled } = await workspace.current({ fresh: true });
      const rule = await rules.loadEnabled(db, ruleId, compiled);
      if (!rule) throw automationRefusal(404, "noEnabledRule", { id: ruleId });
      const { trigger } = rule.compiled.definition;
      if (trigger.type !== "manual") throw automationRefusal(409, "notManual", { name: rule.name, trigger: trigger.type });
      const table = compiled.tablesById.get(rule.tableId)!;
      const record = await records.get(actor, table.key, recordId);
      if (rule.compiled.condition && !recordMatches(rule.compiled.condition, record))
        throw automationRefusal(409, "notOffered", { label: trigger.label, table: table.label.toLowerCase() });
      const occurrence = `click:${clickId ?? crypto.randomBytes(9).toString("base64url")}`;
      // A failure is logged as a failed run and answered to the user who clicked.
      await executeRun(deps, { rule, recordId, occurrence, trigger: "manual", depth: 0, chain: [], user: actor });
      const row = (await db(AUTOMATION_TABLES.runs).where({ rule_id: rule.id, record_id: recordId, occurrence }).first("id")) as
        { id: number } | undefined;
      if (!row) throw new Error("the run left no log entry");
      return runRow(Number(row.id));
    },

    notifications: createNotifications(db, now),
    approvals: approvals.service,

    close() {
      removeHook();
      for (const timer of tickers) clearInterval(timer);
      tickers.clear();
    },
  };
  return automation;
}

export { ensureAutomationTables } from "./tables.server";
export type { ApprovalsService } from "./approvals.server";
export type { DryRunInput } from "./dry-run.server";
export type { DueSummary } from "./due.server";
export type { NotificationsService } from "./notifications.server";
export type { RulesService } from "./rules.server";
export type * from "./types";
