import type { JobQueue } from "../jobs/queue.server";
import type { JobHandlers } from "../jobs/types";
import type { FileStore } from "./files.server";

export const FILE_CLEANUP_JOB = "files.cleanup";
const HOUR_MS = 60 * 60 * 1000;

/**
 * Abandoned uploads (a card closed without saving, a script that uploads and never attaches) are
 * removed once an hour by one job, whichever instance runs it: the hour is the job's key.
 */
export function fileCleanup(files: FileStore, queue: Pick<JobQueue, "enqueue" | "now">) {
  const enqueue = () => {
    const hour = new Date(Math.floor(queue.now().getTime() / HOUR_MS) * HOUR_MS).toISOString();
    return queue.enqueue({ type: FILE_CLEANUP_JOB, payload: {}, key: `${FILE_CLEANUP_JOB}:${hour}` });
  };
  const handlers: JobHandlers = {
    [FILE_CLEANUP_JOB]: async () => ({ removed: await files.removeAbandoned(queue.now()) }),
  };
  return {
    handlers,
    enqueue,
    /** Enqueues now and every hour until stopped. */
    start(onError: (error: unknown) => void = () => {}): { stop(): void } {
      const tick = () => void enqueue().catch(onError);
      tick();
      const timer = setInterval(tick, HOUR_MS);
      timer.unref?.();
      return { stop: () => clearInterval(timer) };
    },
  };
}
