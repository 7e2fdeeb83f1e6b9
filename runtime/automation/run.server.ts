import { tablesName } from "../i18n/schema-names";
import type { Knex } from "knex";
import type { Dialect } from "../db/connection.server";
import { isUniqueViolation } from "../db/db-errors";
import { dbNow } from "../db/system-tables.server";
import { ApiError } from "../errors";
import { valueKindOf } from "../fields/registry";
import type { JobQueue } from "../jobs/queue.server";
import { createRecordContextLoader, type ContextRecord } from "../print/record-context.server";
import { SYSTEM_ACTOR, type Actor } from "../records/permissions";
import { fromRow, type RecordJson } from "../records/rows";
import type { RecordsService } from "../records/service.server";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import type { WorkspaceService } from "../workspace/workspace.server";
import type { RunContext } from "./actions/context";
import { actionRunners } from "./actions/index.server";
import { renderValue } from "./liquid";
import type { ReadAhead } from "./read-ahead.server";
import { resolveUsers } from "./recipients.server";
import type { LoadedRule, RulesStore } from "./rules.server";
import { linkable, ruleScope, type ScopeRecord } from "./scope";
import { AUTOMATION_TABLES } from "./tables.server";
import type { Action, ActionOutcome, TriggerType } from "./types";
import { automationRefusal } from "./automation-words";
import { isPhrase, type Phrase } from "../i18n/words";

/**
 * One rule acting on one record for one occurrence, exactly once: its actions and its row in
 * `crm_rule_runs` (unique per rule, record and occurrence) are written in one transaction, so a
 * retry, a restart or a second worker finds the row and does nothing. A failure undoes the
 * actions and is logged as a failed run, to be retried.
 */

/** What the engine is built from; shared by every part of automation. */
export interface EngineDeps {
  db: Knex;
  dialect: Dialect;
  workspace: Pick<WorkspaceService, "current">;
  records: RecordsService;
  queue: JobQueue;
  rules: RulesStore;
  now(): Date;
  timeZone: string;
  locale: string;
}

/** Rules triggering rules are followed this deep, then stopped. */
export const MAX_DEPTH = 5;

export interface RunRequest {
  rule: LoadedRule;
  recordId: number;
  occurrence: string;
  trigger: TriggerType;
  /** How deep the change that triggered the rule was: 0 for people, the clock and clicks. */
  depth: number;
  /** The rules that led to the change, oldest first. */
  chain: number[];
  /** The clicking user (manual rules); otherwise the rule acts as the system. */
  user: Actor | null;
  /** Who made the change that triggered the rule: `user` in the templates (the clicking user for manual rules). */
  by?: { id: number; name: string; role: string } | null;
  /** The record before and after the change, as the event saw it. */
  before?: RecordJson | null;
  after?: RecordJson | null;
  jobId?: number | null;
}

/** The occurrence was already acted on (or is being, by another worker that committed first). */
export class AlreadyRan extends Error {
  constructor() {
    super("this rule already ran for this record and occurrence");
    this.name = "AlreadyRan";
  }
}

/** Nothing to act on: logged as skipped, never retried. */
export class SkipRun extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SkipRun";
  }
}

export interface RunOptions {
  compiled: CompiledSchema;
  dry?: boolean;
  /** The own company, when the caller loaded it once for a batch. */
  company?: ContextRecord | null;
  /**
   * False when the caller's query already left out every occurrence with a run (the due records'
   * anti-join): the run's unique key still catches a race, one query fewer per record.
   */
  checkExisting?: boolean;
  /**
   * The caller writes the run's row and effects itself, for many runs in one statement (a batch of
   * due runs): the run is returned as `pending` instead of inserted. Only with `checkExisting: false`.
   */
  deferLog?: boolean;
  /** The batch's records and what they point at, read ahead (`read-ahead.server.ts`). */
  reads?: ReadAhead;
}

/** A run's row in `crm_rule_runs` and its effects, not yet written (see `RunOptions.deferLog`). */
export interface PendingRun {
  row: Record<string, unknown>;
  effects: { table_id: string; table_key: string; record_id: number }[];
}

export interface RunResult {
  runId: number;
  outcomes: ActionOutcome[];
  pending?: PendingRun;
}

/** Whom a rule's writes are made as: the system (or the clicking user), one rule deeper. */
export function actorFor(req: Pick<RunRequest, "rule" | "depth" | "chain" | "user">): Actor {
  const base = req.user ?? { ...SYSTEM_ACTOR, name: `Rule "${req.rule.name}"` };
  return { ...base, automation: { depth: req.depth + 1, rule: req.rule.id, chain: [...req.chain, req.rule.id] } };
}

/** Whether a rule's actions name a list (`record.payments`): only those are loaded. Cached per rule, asked once per run. */
const listUse = new WeakMap<LoadedRule["compiled"], Map<string, boolean>>();
function usesListOf(rule: LoadedRule, name: string): boolean {
  let known = listUse.get(rule.compiled);
  if (!known) listUse.set(rule.compiled, (known = new Map()));
  let uses = known.get(name);
  if (uses === undefined) known.set(name, (uses = new RegExp(`\\b${name}\\b`).test(JSON.stringify(rule.compiled.definition.actions))));
  return uses;
}

interface ExistingRun {
  id: number;
  state: string;
}

async function existingRun(q: Knex, req: Pick<RunRequest, "rule" | "recordId" | "occurrence">): Promise<ExistingRun | null> {
  const row = (await q(AUTOMATION_TABLES.runs)
    .where({ rule_id: req.rule.id, record_id: req.recordId, occurrence: req.occurrence })
    .first("id", "state")) as ExistingRun | undefined;
  return row ? { id: Number(row.id), state: row.state } : null;
}

/**
 * Runs the rule inside the transaction (or savepoint) of `tx`/`trx`, which the caller opened and
 * commits; throws to have it undone. `AlreadyRan` when the occurrence was acted on.
 */
export async function runInTransaction(
  deps: EngineDeps,
  tx: RecordsService,
  trx: Knex.Transaction,
  req: RunRequest,
  options: RunOptions,
): Promise<RunResult> {
  const { compiled } = options;
  const table = compiled.tablesById.get(req.rule.tableId);
  if (!table) throw new SkipRun(`the table of rule "${req.rule.name}" no longer exists`);
  const existing = options.checkExisting === false ? null : await existingRun(trx, req);
  if (existing && existing.state !== "failed") throw new AlreadyRan();
  const actor = actorFor(req);
  const now = deps.now();
  const usesList = (name: string) => usesListOf(req.rule, name);
  const load = async () => {
    const reads = options.reads;
    const loader = createRecordContextLoader({ db: trx, records: tx, compiled, actor, known: reads && ((t, id) => reads.get(t, id)) });
    let raw: ContextRecord;
    let gone = false;
    try {
      const ahead = reads?.get(table.key, req.recordId);
      raw = ahead ? { ...ahead } : ((await tx.get(actor, table.key, req.recordId)) as ContextRecord);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
      const snapshot = req.after ?? req.before;
      if (req.trigger !== "deleted" || !snapshot) throw new SkipRun(`${table.label} #${req.recordId} no longer exists`);
      raw = { ...snapshot };
      gone = true;
    }
    return { loader, gone, record: await loader.expand(table, raw, usesList) };
  };
  const first = await load();
  const company = options.company !== undefined ? options.company : await first.loader.company();
  const scope = ruleScope({
    record: first.record,
    previous: req.before ?? null,
    actor: req.user ?? req.by ?? null,
    company,
    rule: { id: req.rule.id, name: req.rule.name },
    now,
    timeZone: deps.timeZone,
  });
  const outcomes: ActionOutcome[] = [];
  const effects: { table: CompiledTable; id: number }[] = [];
  const render = (text: string, extra: Record<string, unknown> = {}) =>
    renderValue(text, { ...scope, ...extra }, { compiled, table: table.key, locale: deps.locale });

  const ctx: RunContext = {
    tx,
    trx,
    dialect: deps.dialect,
    compiled,
    table,
    rule: req.rule,
    recordId: req.recordId,
    actor,
    scope,
    now,
    dry: options.dry === true,
    gone: first.gone,
    render,
    values(target, templates, extra, where) {
      const out: Record<string, unknown> = {};
      for (const [key, text] of Object.entries(templates)) {
        const f = target.fieldsByKey.get(key);
        if (!f) throw automationRefusal(422, "fieldGone", { where, tables: tablesName(target), field: key });
        const rendered = render(text, extra).trim();
        if (rendered === "") {
          out[key] = null;
          continue;
        }
        const parsed = valueKindOf(f.def).parseText(rendered, f.def);
        if (!parsed.ok) throw automationRefusal(422, "badValue", { where, field: key, problem: parsed.words ?? parsed.error });
        out[key] = parsed.value;
      }
      return out;
    },
    outcome: (o) => void outcomes.push({ record: req.recordId, ...o }),
    effect: (t, id) => void effects.push({ table: t, id }),
    async current() {
      if (ctx.gone) return { ...(req.after ?? req.before ?? {}) } as ScopeRecord;
      const row = (await trx(table.key).where({ id: req.recordId }).first()) as Record<string, unknown> | undefined;
      return row ? fromRow(table, row) : { id: req.recordId };
    },
    async refreshRecord() {
      const fresh = await load();
      scope.record = linkable(fresh.record);
    },
    users: async (specs) => resolveUsers(trx, compiled, table, await ctx.current(), specs),
    async lockState(key) {
      const at = dbNow(now);
      // An upsert takes the row's write lock at once (a select-then-insert would let two runs
      // both see no row); the lock is held until the run's transaction ends.
      await trx(AUTOMATION_TABLES.state).insert({ key, value: null, updated_at: at }).onConflict("key").merge(["updated_at"]);
      const q = trx(AUTOMATION_TABLES.state).where({ key }).first("value");
      if (deps.dialect === "mysql") q.forUpdate();
      const row = (await q) as { value: string | null } | undefined;
      return row?.value ?? null;
    },
    async setState(key, value) {
      await trx(AUTOMATION_TABLES.state)
        .where({ key })
        .update({ value, updated_at: dbNow(now) });
    },
  };

  for (const [index, action] of req.rule.compiled.definition.actions.entries())
    await (actionRunners[action.type] as (c: RunContext, a: Action, i: number) => Promise<void>)(ctx, action, index);

  const t = dbNow(now);
  const row = {
    state: "done",
    actions: JSON.stringify(outcomes),
    error: null,
    depth: req.depth,
    job_id: req.jobId ?? null,
    actor_id: req.user?.id ?? null,
    updated_at: t,
  };
  const newRow = () => ({
    ...row,
    rule_id: req.rule.id,
    table_id: table.id,
    record_id: req.recordId,
    occurrence: req.occurrence,
    trigger: req.trigger,
    attempts: 1,
    created_at: t,
  });
  const effectRows = () => effects.map((e) => ({ table_id: e.table.id, table_key: e.table.key, record_id: e.id }));
  if (options.deferLog && !existing) return { runId: 0, outcomes, pending: { row: newRow(), effects: effectRows() } };
  let runId: number;
  if (existing) {
    const n = await trx(AUTOMATION_TABLES.runs)
      .where({ id: existing.id, state: "failed" })
      .update({ ...row, attempts: trx.raw("attempts + 1") });
    if (n !== 1) throw new AlreadyRan();
    runId = existing.id;
  } else {
    try {
      const [id] = await trx(AUTOMATION_TABLES.runs).insert(newRow());
      runId = Number(id);
    } catch (error) {
      // Another worker committed this occurrence while we worked: ours is undone with the savepoint.
      if (isUniqueViolation(error)) throw new AlreadyRan();
      throw error;
    }
  }
  if (effects.length) await trx(AUTOMATION_TABLES.effects).insert(effectRows().map((e) => ({ run_id: runId, ...e })));
  return { runId, outcomes };
}

/** An error as a run log shows it: the message, and for a refused save which fields and why. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = (error.details as { fields?: Record<string, string> } | undefined)?.fields;
    const detail = fields
      ? `: ${Object.entries(fields)
          .map(([k, m]) => `${k} ${m}`)
          .join("; ")}`
      : "";
    return `${error.message}${detail}`.slice(0, 4_000);
  }
  return (error instanceof Error ? error.message : String(error)).slice(0, 4_000);
}

/**
 * An error as a catalog phrase, when it is one of Tessera's refusals (a refused save with field
 * problems keeps its English: the fields' words are not part of the phrase).
 */
export function errorPhrase(error: unknown): Phrase | null {
  if (error instanceof ApiError && (error.details as { fields?: unknown } | undefined)?.fields) return null;
  const phrase = error instanceof Error ? (error as { phrase?: unknown }).phrase : undefined;
  return isPhrase(phrase) ? phrase : null;
}

/** Logs an occurrence that did not run (failed, stopped, skipped) in `q`; a failed run counts its attempts. */
export async function logRun(
  q: Knex,
  deps: Pick<EngineDeps, "now">,
  req: Pick<RunRequest, "rule" | "recordId" | "occurrence" | "trigger" | "depth" | "user" | "jobId">,
  state: "failed" | "stopped" | "skipped",
  message: string,
  words: Phrase | null = null,
): Promise<void> {
  const errorWords = words ? JSON.stringify(words).slice(0, 4_000) : null;
  const t = dbNow(deps.now());
  const existing = await existingRun(q, req);
  if (existing) {
    if (existing.state !== "failed") return;
    await q(AUTOMATION_TABLES.runs)
      .where({ id: existing.id, state: "failed" })
      .update({
        state,
        error: message,
        error_words: errorWords,
        attempts: state === "failed" ? q.raw("attempts + 1") : q.raw("attempts"),
        job_id: req.jobId ?? null,
        updated_at: t,
      });
    return;
  }
  try {
    await q(AUTOMATION_TABLES.runs).insert({
      rule_id: req.rule.id,
      table_id: req.rule.tableId,
      record_id: req.recordId,
      occurrence: req.occurrence,
      trigger: req.trigger,
      state,
      actions: JSON.stringify([]),
      error: message,
      error_words: errorWords,
      depth: req.depth,
      attempts: 1,
      job_id: req.jobId ?? null,
      actor_id: req.user?.id ?? null,
      created_at: t,
      updated_at: t,
    });
  } catch (error) {
    // Logged by another worker at the same moment: one row is enough.
    if (!isUniqueViolation(error)) throw error;
  }
}

/** A failure the whole transaction shares (MariaDB has rolled all of it back): retry the lot, not the one run. */
export function isTransactionFatal(error: unknown): boolean {
  const e = error as { errno?: number; code?: string };
  // SQLITE_BUSY_SNAPSHOT too: another connection wrote since this transaction began reading.
  return e.errno === 1213 || e.errno === 1205 || (typeof e.code === "string" && e.code.startsWith("SQLITE_BUSY"));
}

export type RunStatus =
  { state: "done"; runId: number; outcomes: ActionOutcome[] } | { state: "already" } | { state: "skipped"; message: string };

/**
 * One run in a transaction of its own (events, retries, clicks). A failure is logged (outside the
 * undone transaction) and rethrown, so the job retries it or the clicking user sees why.
 */
export async function executeRun(deps: EngineDeps, req: RunRequest): Promise<RunStatus> {
  const { compiled } = await deps.workspace.current({ fresh: true });
  try {
    const result = await deps.records.transaction((tx, trx) => runInTransaction(deps, tx, trx, req, { compiled }));
    return { state: "done", ...result };
  } catch (error) {
    if (error instanceof AlreadyRan) return { state: "already" };
    if (error instanceof SkipRun) {
      await logRun(deps.db, deps, req, "skipped", error.message);
      return { state: "skipped", message: error.message };
    }
    await logRun(deps.db, deps, req, "failed", errorText(error), errorPhrase(error));
    throw error;
  }
}
