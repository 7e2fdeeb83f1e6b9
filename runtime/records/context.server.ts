import type { Knex } from "knex";
import type { Dialect } from "../db/connection.server";
import { dialectOf } from "../db/ddl.server";
import { isStaleSchemaError, StaleSchemaError } from "../db/db-errors";
import { ApiError } from "../errors";
import { recordRefusal } from "./record-words";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import type { WorkspaceService } from "../workspace/workspace.server";
import { createHookRegistry, type HookRegistry } from "./hooks";

/**
 * What the parts of one records service share: the database and its dialect, the way a table is
 * looked up in the current schema, and the index-statistics cache. One per `createRecordsService`,
 * never module state: several runtimes (tests, a second database) live in one process.
 */
export interface RecordsContext {
  db: Knex;
  dialect: Dialect;
  /** Writes check the schema version afresh (`fresh`): a stale one could skip a new rule. */
  tableOf(key: unknown, fresh?: boolean): Promise<TableInSchema>;
  /** Runs a read with the schema version seen a moment ago, again with the current one if that one was stale. */
  reading<T>(key: unknown, read: (t: TableInSchema) => Promise<T>): Promise<T>;
  /** Per table key: InnoDB's row estimate and rows per value of each index's leading column. */
  statistics: Map<string, TableStatistics>;
  /** What runs inside every write's transaction (automation's outbox, guards). */
  hooks: HookRegistry;
  /**
   * Set when this context works inside a caller's transaction (`records.transaction`): work that
   * must wait until that transaction has ended is handed to it.
   */
  afterOuterTransaction: ((fn: () => Promise<void>) => void) | null;
  /**
   * Inside a savepoint whose caller undoes all of it when any write fails (a rule's run): each
   * write then skips a savepoint of its own, two round trips fewer.
   */
  sharedSavepoint?: boolean;
  /**
   * Reads started beside an answer that it may end up not needing (a count a short page is its own
   * total of): nobody awaits them, so closing waits for them here rather than pull the connections
   * from under them.
   */
  unattended: Set<Promise<unknown>>;
}

/** Lets `read` run on unawaited: its failure is nobody's to handle, and closing waits for it. */
export function leaveRunning<T>(ctx: Pick<RecordsContext, "unattended">, read: Promise<T>): Promise<T> {
  const settled = read.then(
    () => {},
    () => {},
  );
  ctx.unattended.add(settled);
  void settled.then(() => ctx.unattended.delete(settled));
  return read;
}

/** Until every read left running has ended. */
export async function unattendedReads(ctx: Pick<RecordsContext, "unattended">): Promise<void> {
  while (ctx.unattended.size > 0) await Promise.all(ctx.unattended);
}

export interface TableInSchema {
  compiled: CompiledSchema;
  table: CompiledTable;
}

export interface TableStatistics {
  /** `performance.now()` when they were read. */
  at: number;
  rows: number;
  rowsPerValue: Map<string, number>;
}

export function createRecordsContext(db: Knex, workspace: Pick<WorkspaceService, "current">): RecordsContext {
  async function tableOf(key: unknown, fresh = true): Promise<TableInSchema> {
    const { compiled } = await workspace.current({ fresh });
    const table = typeof key === "string" ? compiled.tablesByKey.get(key) : undefined;
    if (!table) throw recordRefusal(404, "noTable", { table: String(key).slice(0, 64) });
    return { compiled, table };
  }

  /**
   * Reads trust the schema version seen a moment ago, which saves a round trip per request. When
   * the database answers that a column or table is gone, or the request names a table or field
   * that version does not know, another instance may have changed the schema: read again once
   * with the current one. Only failing reads pay for the second look.
   */
  async function reading<T>(key: unknown, read: (t: TableInSchema) => Promise<T>): Promise<T> {
    let seen: TableInSchema;
    try {
      seen = await tableOf(key, false);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
      return read(await tableOf(key, true));
    }
    try {
      return await read(seen);
    } catch (error) {
      if (!isStaleSchemaError(error) && !namesUnknownField(error)) throw error;
      const now = await tableOf(key, true);
      if (now.compiled.version === seen.compiled.version) {
        // Columns moved while the version stayed: a change is being applied right now.
        if (error instanceof StaleSchemaError) throw recordRefusal(503, "busy", {});
        throw error;
      }
      return read(now);
    }
  }

  return {
    db,
    dialect: dialectOf(db),
    tableOf,
    reading,
    statistics: new Map(),
    hooks: createHookRegistry(),
    afterOuterTransaction: null,
    unattended: new Set(),
  };
}

/**
 * The same service inside one transaction `trx`: every read and write goes through it, and tables
 * resolve against `compiled`, read before the transaction began. (Asking the workspace inside it
 * would need a second connection, and SQLite has one: it would wait for itself.)
 */
export function boundContext(
  ctx: RecordsContext,
  trx: Knex.Transaction,
  compiled: CompiledSchema,
  afterOuterTransaction: (fn: () => Promise<void>) => void,
): RecordsContext {
  const tableOf = async (key: unknown): Promise<TableInSchema> => {
    const table = typeof key === "string" ? compiled.tablesByKey.get(key) : undefined;
    if (!table) throw recordRefusal(404, "noTable", { table: String(key).slice(0, 64) });
    return { compiled, table };
  };
  return { ...ctx, db: trx, tableOf, reading: async (key, read) => read(await tableOf(key)), afterOuterTransaction };
}

/** A 400 about a field key the schema does not know (filter, sort, expand): see `lookupField`. */
function namesUnknownField(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 400 &&
    typeof error.details === "object" &&
    error.details !== null &&
    "field" in error.details
  );
}
