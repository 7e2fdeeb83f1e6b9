/** A background job as the queue stores it; see docs/decisions/013-one-job-queue.md. */
export type JobState = "queued" | "running" | "done" | "dead" | "cancelled";

export interface Job<P = unknown> {
  id: number;
  type: string;
  payload: P;
  state: JobState;
  key: string | null;
  runAt: string;
  attempts: number;
  maxAttempts: number;
  leaseUntil: string | null;
  lockedBy: string | null;
  progress: Record<string, unknown> | null;
  result: unknown;
  lastError: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface EnqueueInput<P = unknown> {
  type: string;
  payload: P;
  /** Idempotency: a job with this key already queued, running or done is returned instead of a new one. */
  key?: string;
  /** Not before this moment (default now). */
  runAt?: Date;
  /** Attempts before the job is dead (default 5). */
  maxAttempts?: number;
  createdBy?: number | null;
}

export interface JobContext<P = unknown> {
  job: Job<P>;
  payload: P;
  /** Stores how far the job got (`{ processed, total }`), for a progress bar; cheap to call often. */
  progress(progress: Record<string, unknown>): Promise<void>;
  /** Aborted when the worker stops, the job is cancelled, or its lease was lost to another worker. */
  signal: AbortSignal;
}

export type JobHandler<P = unknown> = (ctx: JobContext<P>) => Promise<unknown>;
export type JobHandlers = Record<string, JobHandler<never>>;

/** A failure that retrying cannot mend (bad input): the job is dead at once, with this message. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}

/**
 * Not a failure: the job may not run before `at` (a rate limit's next free slot). It goes back to
 * the queue for then, and the attempt it was claimed with is given back.
 */
export class RunLaterError extends Error {
  constructor(readonly at: Date) {
    super(`waits until ${at.toISOString()}`);
    this.name = "RunLaterError";
  }
}
