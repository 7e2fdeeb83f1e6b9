import type { Knex } from "knex";

/**
 * Which tables a transaction writes, as it writes them: a reader that keeps records it read
 * ahead (a batch of rule runs) drops those of a table the moment anything in the transaction
 * — a rule's action, a cascade of stored formulas, a hook — writes to it. Watching the
 * statements themselves catches every path to the table, not only those that announce it.
 */

const WRITE = /^\s*(?:insert(?:\s+ignore)?\s+into|replace\s+into|update(?:\s+ignore)?|delete\s+from)\s+[`"[]?([\w$]+)/i;
const READ = /^\s*(?:select|with|savepoint|release|rollback|begin|commit|pragma|show|explain|analyze|set\s)/i;

/** The table a statement writes; null for a read or the transaction's own bookkeeping; "*" when it cannot tell. */
export function writtenTable(sql: string): string | null {
  const write = WRITE.exec(sql);
  if (write) return write[1];
  return READ.test(sql) ? null : "*";
}

/** Calls `onWrite` with the table of every write in `trx` (and its savepoints), "*" for one it cannot place; returns the stop. */
export function watchWrites(trx: Knex.Transaction, onWrite: (table: string) => void): () => void {
  const listener = (query: { sql?: string }) => {
    const table = typeof query.sql === "string" ? writtenTable(query.sql) : "*";
    if (table !== null) onWrite(table);
  };
  trx.on("query", listener);
  return () => void trx.off("query", listener);
}
