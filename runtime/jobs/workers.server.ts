import { runJob, type JobQueue } from "./queue.server";
import type { JobHandlers } from "./types";

export interface WorkersOptions {
  handlers: JobHandlers;
  /** Jobs run at once in this process (default 2: the machines have two cores). */
  concurrency?: number;
  /** How often an idle worker looks for due jobs another instance enqueued (default 1 s). */
  pollMs?: number;
  /** Told when claiming fails (the database is away); the workers keep trying. */
  onError?: (error: unknown) => void;
}

export interface Workers {
  /**
   * Stops claiming, gives running jobs `graceMs` (default 10 s) to finish, then aborts their
   * signals; an aborted job goes back to the queue for the next start or another instance.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
  /** Jobs running now. */
  readonly running: number;
}

/**
 * The loop every app instance runs: claim as many due jobs as there are free slots, run them,
 * and sleep until a job is enqueued in this process or the poll interval passes. Jobs enqueued
 * by another instance are found by the poll; a job whose worker died is found when its lease ends.
 */
export function startWorkers(queue: JobQueue, options: WorkersOptions): Workers {
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const pollMs = options.pollMs ?? 1_000;
  const stopping = new AbortController();
  const abortRunning = new AbortController();
  const running = new Set<Promise<void>>();
  let wakeUp: (() => void) | null = null;
  const unsubscribe = queue.onWake(() => wakeUp?.());

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        // One listener per sleep, removed when it ends: a server polls every second for weeks.
        stopping.signal.removeEventListener("abort", done);
        wakeUp = null;
        // Each sleep's listener goes with it: a poll a second must not pile up 86,400 a day.
        stopping.signal.removeEventListener("abort", done);
        resolve();
      }
      wakeUp = done;
      stopping.signal.addEventListener("abort", done, { once: true });
    });

  async function loop() {
    let failures = 0;
    while (!stopping.signal.aborted) {
      const free = concurrency - running.size;
      let claimed = 0;
      if (free > 0) {
        try {
          const jobs = await queue.claim(free);
          failures = 0;
          claimed = jobs.length;
          for (const job of jobs) {
            const run = runJob(queue, options.handlers, job, abortRunning.signal).finally(() => {
              running.delete(run);
              wakeUp?.();
            });
            running.add(run);
          }
        } catch (error) {
          failures++;
          options.onError?.(error);
        }
      }
      // A full batch means more may be waiting; otherwise wait for a wake-up, a finished job or the poll.
      if (claimed > 0 && claimed === free) continue;
      await sleep(failures ? Math.min(30_000, pollMs * 2 ** failures) : pollMs);
    }
  }

  const looping = loop();
  return {
    get running() {
      return running.size;
    },
    async stop({ graceMs = 10_000 } = {}) {
      stopping.abort(new Error("the worker is stopping"));
      unsubscribe();
      await looping;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([Promise.allSettled([...running]), grace]);
      clearTimeout(timer);
      abortRunning.abort(new Error("the app is shutting down"));
      await Promise.allSettled([...running]);
    },
  };
}
