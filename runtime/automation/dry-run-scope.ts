import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Marks the work of a dry run, which really runs and is then rolled back: what would outlive the
 * rollback (an approval request made after a refused save) must not happen inside it.
 */
const dryRuns = new AsyncLocalStorage<true>();

export function asDryRun<T>(work: () => Promise<T>): Promise<T> {
  return dryRuns.run(true, work);
}

export function inDryRun(): boolean {
  return dryRuns.getStore() === true;
}
