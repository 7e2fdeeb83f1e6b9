import type { Knex } from "knex";
import { isUniqueViolation } from "../db/db-errors";
import { conflict } from "../errors";

/** The transaction every write runs in: retried on a deadlock or a busy database, a lost unique race answered as a 409. */

function isRetryable(error: unknown): boolean {
  const e = error as { errno?: number; code?: string };
  return e.errno === 1213 || e.errno === 1205 || e.code === "SQLITE_BUSY";
}

export async function inTransaction<T>(db: Knex, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (error) {
      // Another save took a unique value between our check and our write.
      if (isUniqueViolation(error))
        throw conflict("a value that must be unique was saved by someone else at the same moment: reload and try again");
      if (attempt < 6 && isRetryable(error)) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
        continue;
      }
      throw error;
    }
  }
}
