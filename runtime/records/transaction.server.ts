import type { Knex } from "knex";
import { isUniqueViolation } from "../db/db-errors";
import { recordRefusal } from "./record-words";
import type { RecordsContext } from "./context.server";

/** The transaction every write runs in: retried on a deadlock or a busy database, a lost unique race answered as a 409. */

function isRetryable(error: unknown): boolean {
  const e = error as { errno?: number; code?: string };
  return e.errno === 1213 || e.errno === 1205 || e.code === "SQLITE_BUSY";
}

const uniqueRace = () => recordRefusal(409, "uniqueRace", {});

/** A lost unique race answered as a 409, as `inTransaction` does. */
async function uniqueAsConflict<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error)) throw uniqueRace();
    throw error;
  }
}

export async function inTransaction<T>(db: Knex, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (error) {
      // Another save took a unique value between our check and our write.
      if (isUniqueViolation(error)) throw uniqueRace();
      if (attempt < 6 && isRetryable(error)) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
        continue;
      }
      throw error;
    }
  }
}

/**
 * A write's transaction, with a place for work that must run once it has ended (committed or
 * not) outside it. Inside a caller's transaction (`records.transaction`) that work waits for the
 * caller's transaction instead. A retried attempt forgets what the failed one asked for.
 */
export async function writeTransaction<T>(
  ctx: RecordsContext,
  fn: (trx: Knex.Transaction, afterTransaction: (work: () => Promise<void>) => void) => Promise<T>,
): Promise<T> {
  if (ctx.afterOuterTransaction) {
    const later = ctx.afterOuterTransaction;
    if (ctx.sharedSavepoint) return uniqueAsConflict(() => fn(ctx.db as Knex.Transaction, later));
    return inTransaction(ctx.db, (trx) => fn(trx, later));
  }
  return withFollowUps((later, reset) =>
    inTransaction(ctx.db, (trx) => {
      reset();
      return fn(trx, later);
    }),
  );
}

/** Runs `body`, then the work it handed over, whether `body` succeeded or threw; `body`'s error wins. */
export async function withFollowUps<T>(body: (later: (work: () => Promise<void>) => void, reset: () => void) => Promise<T>): Promise<T> {
  let pending: Array<() => Promise<void>> = [];
  const later = (work: () => Promise<void>) => void pending.push(work);
  const reset = () => (pending = []);
  let result: T;
  try {
    result = await body(later, reset);
  } catch (error) {
    for (const work of pending) await work().catch(() => {});
    throw error;
  }
  for (const work of pending) await work();
  return result;
}
