import crypto from "node:crypto";
import os from "node:os";
import type { Knex } from "knex";
import { dialectOf } from "../db/ddl.server";
import { isUniqueViolation } from "../db/db-errors";
import { insertMany } from "../db/insert-many.server";
import { dbNow } from "../db/system-tables.server";
import { retryDelayMs } from "./backoff";
import { JOBS_TABLE } from "./jobs-tables.server";
import { PermanentJobError, RunLaterError, type EnqueueInput, type Job, type JobHandlers, type JobState } from "./types";

export interface JobQueueOptions {
  /** Names this process in `locked_by`; default host, pid and a random suffix. */
  instanceId?: string;
  /** The clock; tests move it. */
  now?: () => Date;
  /** How long a claimed job is ours before another worker may take it (renewed while it runs). */
  leaseMs?: number;
}

export interface JobQueue {
  readonly instanceId: string;
  readonly leaseMs: number;
  now(): Date;
  /**
   * Adds a job; inside `q` when given, so a job is committed with the change that caused it or not
   * at all. With a key that exists, returns that job's id instead.
   */
  enqueue<P>(input: EnqueueInput<P>, q?: Knex): Promise<number>;
  /**
   * `enqueue` for each input, in order: jobs without a key as one multi-row INSERT (a bulk import's
   * rule events), a keyed one alone, as `enqueue` takes it.
   */
  enqueueMany<P>(inputs: EnqueueInput<P>[], q?: Knex): Promise<void>;
  /** Takes up to `limit` due jobs (or jobs whose worker's lease ran out) for `worker`. */
  claim(limit: number, worker?: string): Promise<Job[]>;
  /** Extends a running job's lease; false when another worker has taken it over. */
  heartbeat(job: Job): Promise<boolean>;
  /**
   * Stores how far a running job got; false when the job is no longer this worker's (cancelled or
   * taken over). Inside `q` when given: progress committed with the work it counts, or not at all.
   */
  progress(job: Job, progress: Record<string, unknown>, q?: Knex): Promise<boolean>;
  /**
   * Marks the job done; inside `q` when given, so a handler can commit its own last write (a
   * message marked sent) in the same transaction that finishes the job.
   */
  complete(job: Job, result?: unknown, q?: Knex): Promise<void>;
  /** Retries later with backoff (at the time a `RunLaterError` names, without counting the attempt), or marks the job dead after its last attempt or a permanent error. */
  fail(job: Job, error: unknown): Promise<"retry" | "dead">;
  get(id: number): Promise<Job | null>;
  /** The job enqueued with this idempotency key. */
  getByKey(key: string): Promise<Job | null>;
  list(filter?: { state?: JobState | JobState[]; type?: string; createdBy?: number | null; limit?: number }): Promise<Job[]>;
  /** A dead or cancelled job runs again now, with a fresh count of attempts. */
  retry(id: number): Promise<Job>;
  /**
   * A queued job never runs; a running one is told to stop: its worker's next heartbeat or
   * progress finds the job no longer its own and aborts the handler's signal, and whatever the
   * handler then answers is ignored.
   */
  cancel(id: number): Promise<Job>;
  /** Runs due jobs in this process, one at a time, until none is due: for the CLI and tests. */
  runUntilIdle(handlers: JobHandlers, options?: { max?: number }): Promise<number>;
  /** Tells this process's workers that a job may be waiting (enqueue does it by itself). */
  wake(): void;
  /** Subscribes to wake-ups; returns the unsubscribe function. */
  onWake(listener: () => void): () => void;
}

interface JobRow {
  id: number;
  type: string;
  payload: string;
  state: JobState;
  key: string | null;
  run_at: string;
  attempts: number;
  max_attempts: number;
  lease_until: string | null;
  locked_by: string | null;
  progress: string | null;
  result: string | null;
  last_error: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

const DEFAULT_LEASE_MS = 60_000;

/** A new job's row. */
function jobRow(input: EnqueueInput<unknown>, t: string): Record<(typeof JOB_COLUMNS)[number], unknown> {
  return {
    type: input.type,
    payload: JSON.stringify(input.payload ?? null),
    state: "queued",
    key: input.key ?? null,
    run_at: input.runAt ? dbNow(input.runAt) : t,
    attempts: 0,
    max_attempts: input.maxAttempts ?? 5,
    created_by: input.createdBy ?? null,
    created_at: t,
    updated_at: t,
  };
}
const JOB_COLUMNS = [
  "type",
  "payload",
  "state",
  "key",
  "run_at",
  "attempts",
  "max_attempts",
  "created_by",
  "created_at",
  "updated_at",
] as const;
const MAX_ERROR_LENGTH = 4_000;

function parseJson(text: string | null): unknown {
  if (text === null || text === undefined) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toJob(row: JobRow): Job {
  return {
    id: Number(row.id),
    type: row.type,
    payload: parseJson(row.payload),
    state: row.state,
    key: row.key,
    runAt: String(row.run_at),
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    leaseUntil: row.lease_until === null ? null : String(row.lease_until),
    lockedBy: row.locked_by,
    progress: parseJson(row.progress) as Record<string, unknown> | null,
    result: parseJson(row.result),
    lastError: row.last_error,
    createdBy: row.created_by === null ? null : Number(row.created_by),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    finishedAt: row.finished_at === null ? null : String(row.finished_at),
  };
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

export function createJobQueue(db: Knex, options: JobQueueOptions = {}): JobQueue {
  const dialect = dialectOf(db);
  const now = options.now ?? (() => new Date());
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const instanceId = options.instanceId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`.slice(0, 48);
  const listeners = new Set<() => void>();
  const wake = () => listeners.forEach((l) => l());
  const at = (offsetMs = 0) => dbNow(new Date(now().getTime() + offsetMs));

  async function claimMysql(limit: number, worker: string): Promise<Job[]> {
    return db.transaction(async (trx) => {
      const t = at();
      // Two index ranges instead of one OR, so neither scans the table's finished jobs, each read
      // in its index's order: SKIP LOCKED then locks only the rows it returns. (An ORDER BY the
      // index cannot serve would sort first and lock every due job, leaving the other instances
      // nothing to take.)
      const due = (await trx(JOBS_TABLE)
        .select("id")
        .where({ state: "queued" })
        .andWhere("run_at", "<=", t)
        .orderBy(["run_at", "id"])
        .limit(limit)
        .forUpdate()
        .skipLocked()) as { id: number }[];
      const abandoned =
        due.length < limit
          ? ((await trx(JOBS_TABLE)
              .select("id")
              .where({ state: "running" })
              .andWhere("lease_until", "<", t)
              .orderBy("lease_until")
              .limit(limit - due.length)
              .forUpdate()
              .skipLocked()) as { id: number }[])
          : [];
      const ids = [...due, ...abandoned].map((r) => Number(r.id));
      if (ids.length === 0) return [];
      await trx(JOBS_TABLE)
        .whereIn("id", ids)
        .update({ state: "running", lease_until: at(leaseMs), locked_by: worker, attempts: trx.raw("attempts + 1"), updated_at: t });
      const rows = (await trx(JOBS_TABLE).whereIn("id", ids)) as JobRow[];
      return rows.map(toJob).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
    });
  }

  async function claimSqlite(limit: number, worker: string): Promise<Job[]> {
    // One statement: SQLite has one writer, and a read-then-write transaction could deadlock
    // against another process upgrading its own read lock.
    const t = at();
    const rows = (await db.raw(
      `update ${JOBS_TABLE} set state = 'running', lease_until = ?, locked_by = ?, attempts = attempts + 1, updated_at = ?
       where id in (select id from ${JOBS_TABLE}
                    where (state = 'queued' and run_at <= ?) or (state = 'running' and lease_until < ?)
                    order by run_at, id limit ?)
       returning *`,
      [at(leaseMs), worker, t, t, t, limit],
    )) as JobRow[];
    return rows.map(toJob).sort((a, b) => a.runAt.localeCompare(b.runAt) || a.id - b.id);
  }

  /** Only while the job is still this worker's: a worker that lost its lease must not overwrite the new owner. */
  const mine = (job: Job, q: Knex = db) =>
    q(JOBS_TABLE).where({ id: job.id, state: "running", locked_by: job.lockedBy, attempts: job.attempts });

  const queue: JobQueue = {
    instanceId,
    leaseMs,
    now,

    async enqueue(input, q = db) {
      const row = jobRow(input, at());
      let id: number;
      try {
        const [inserted] = await q(JOBS_TABLE).insert(row);
        id = Number(inserted);
      } catch (error) {
        if (!input.key || !isUniqueViolation(error)) throw error;
        const existing = (await q(JOBS_TABLE).where({ key: input.key }).first("id")) as { id: number } | undefined;
        if (!existing) throw error;
        return Number(existing.id);
      }
      // Inside a transaction the job exists only once it commits: wake the workers then.
      if (q.isTransaction) (q as Knex.Transaction).executionPromise.then(wake, () => {});
      else wake();
      return id;
    },

    async enqueueMany(inputs, q = db) {
      const t = at();
      const rows: unknown[][] = [];
      const flush = async () => {
        await insertMany(q, JOBS_TABLE, JOB_COLUMNS, rows.splice(0));
      };
      for (const input of inputs) {
        if (input.key) {
          await flush();
          await queue.enqueue(input, q);
        } else {
          const row = jobRow(input, t);
          rows.push(JOB_COLUMNS.map((c) => row[c]));
        }
      }
      await flush();
      if (q.isTransaction) (q as Knex.Transaction).executionPromise.then(wake, () => {});
      else wake();
    },

    claim(limit, worker = instanceId) {
      if (limit < 1) return Promise.resolve([]);
      return dialect === "mysql" ? claimMysql(limit, worker) : claimSqlite(limit, worker);
    },

    async heartbeat(job) {
      const n = await mine(job).update({ lease_until: at(leaseMs), updated_at: at() });
      return n === 1;
    },

    async progress(job, progress, q) {
      return (await mine(job, q).update({ progress: JSON.stringify(progress), updated_at: at() })) === 1;
    },

    async complete(job, result, q = db) {
      const t = at();
      await mine(job, q).update({
        state: "done",
        result: result === undefined ? null : JSON.stringify(result),
        lease_until: null,
        finished_at: t,
        updated_at: t,
      });
    },

    async fail(job, error) {
      const t = at();
      if (error instanceof RunLaterError) {
        await mine(job).update({
          state: "queued",
          attempts: job.attempts - 1,
          lease_until: null,
          locked_by: null,
          run_at: dbNow(error.at),
          updated_at: t,
        });
        return "retry";
      }
      const dead = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
      await mine(job).update(
        dead
          ? { state: "dead", last_error: errorText(error), lease_until: null, finished_at: t, updated_at: t }
          : {
              state: "queued",
              last_error: errorText(error),
              lease_until: null,
              locked_by: null,
              run_at: at(retryDelayMs(job.attempts)),
              updated_at: t,
            },
      );
      return dead ? "dead" : "retry";
    },

    async get(id) {
      const row = (await db(JOBS_TABLE).where({ id }).first()) as JobRow | undefined;
      return row ? toJob(row) : null;
    },

    async getByKey(key) {
      const row = (await db(JOBS_TABLE).where({ key }).first()) as JobRow | undefined;
      return row ? toJob(row) : null;
    },

    async list(filter = {}) {
      const q = db(JOBS_TABLE)
        .orderBy("id", "desc")
        .limit(Math.min(filter.limit ?? 100, 500));
      if (filter.state) q.whereIn("state", Array.isArray(filter.state) ? filter.state : [filter.state]);
      if (filter.type) q.where({ type: filter.type });
      if (filter.createdBy === null) q.whereNull("created_by");
      else if (filter.createdBy !== undefined) q.where({ created_by: filter.createdBy });
      return ((await q) as JobRow[]).map(toJob);
    },

    async retry(id) {
      const t = at();
      const n = await db(JOBS_TABLE)
        .where({ id })
        .whereIn("state", ["dead", "cancelled"])
        .update({ state: "queued", attempts: 0, run_at: t, locked_by: null, lease_until: null, finished_at: null, updated_at: t });
      const job = await queue.get(id);
      if (!job) throw new Error(`there is no job #${id}`);
      if (n !== 1) throw new Error(`job #${id} is ${job.state}: only a dead or cancelled job can be retried`);
      wake();
      return job;
    },

    async cancel(id) {
      const t = at();
      const n = await db(JOBS_TABLE)
        .where({ id })
        .whereIn("state", ["queued", "running"])
        .update({ state: "cancelled", lease_until: null, finished_at: t, updated_at: t });
      const job = await queue.get(id);
      if (!job) throw new Error(`there is no job #${id}`);
      if (n !== 1) throw new Error(`job #${id} is ${job.state}: only a queued or running job can be cancelled`);
      return job;
    },

    async runUntilIdle(handlers, { max = 100_000 } = {}) {
      let ran = 0;
      while (ran < max) {
        const [job] = await queue.claim(1);
        if (!job) return ran;
        await runJob(queue, handlers, job, new AbortController().signal);
        ran++;
      }
      return ran;
    },

    wake,

    onWake(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return queue;
}

/**
 * Runs one claimed job to its end: the handler's answer completes it, a throw fails it (retried
 * later, or dead). The lease is renewed while the handler works, so a long import is not taken
 * over by another instance; losing the lease (or the job being cancelled) aborts the handler's signal.
 */
export async function runJob(queue: JobQueue, handlers: JobHandlers, job: Job, stop: AbortSignal): Promise<void> {
  const handler = handlers[job.type];
  if (!handler) {
    await queue.fail(job, new PermanentJobError(`no handler for jobs of type "${job.type}" in this version of Tessera`));
    return;
  }
  if (job.attempts > job.maxAttempts) {
    await queue.fail(job, new PermanentJobError(job.lastError ?? `the job was abandoned by its worker ${job.attempts - 1} times`));
    return;
  }
  const aborted = new AbortController();
  const lost = () => aborted.abort(new Error("the job was cancelled or another worker took it over"));
  const onStop = () => aborted.abort(stop.reason);
  stop.addEventListener("abort", onStop, { once: true });
  const renew = setInterval(
    () => {
      queue.heartbeat(job).then(
        (held) => held || lost(),
        () => {},
      );
    },
    Math.max(1_000, Math.floor(queue.leaseMs / 3)),
  );
  try {
    const result = await handler({
      job: job as Job<never>,
      payload: job.payload as never,
      progress: async (p) => {
        if (!(await queue.progress(job, p))) lost();
      },
      signal: aborted.signal,
    });
    await queue.complete(job, result);
  } catch (error) {
    await queue.fail(job, error).catch(() => {});
  } finally {
    clearInterval(renew);
    stop.removeEventListener("abort", onStop);
  }
}
