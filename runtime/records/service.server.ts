import type { Knex } from "knex";
import type { CompiledSchema } from "../schema/compile";
import type { WorkspaceService } from "../workspace/workspace.server";
import { boundContext, createRecordsContext, unattendedReads, type RecordsContext } from "./context.server";
import type { RecordHooks } from "./hooks";
import { groupCounts, type GroupCount, type GroupCountsQuery } from "./aggregate.server";
import { mayReadFile } from "./file-access.server";
import { listRecords, type ListQuery, type ListResult } from "./list.server";
import type { Actor } from "./permissions";
import { getRecord, getRecords } from "./read.server";
import { recomputeTable } from "./recompute.server";
import type { RecordJson } from "./rows";
import { scanRecords, type ScanPage, type ScanQuery } from "./scan.server";
import { removeRecord, restoreRecord } from "./trash.server";
import { inTransaction, withFollowUps } from "./transaction.server";
import { createRecords, prepareRecords, writePrepared, type PreparedRecords } from "./bulk-write.server";
import { createRecord, updateRecord, type CreateOptions } from "./write.server";

/**
 * The records service: the only code that reads or writes records. A façade over one module per
 * concern, which share one `RecordsContext` per database:
 *
 * | concern | module |
 * | --- | --- |
 * | a page of a list; its total | `list.server.ts`; `counting.server.ts` |
 * | every record of a list, as values (an export) | `scan.server.ts` |
 * | counts and sums per value (a board) | `aggregate.server.ts` (which fields: `board-fields.ts`) |
 * | one record; its lines; relation titles | `read.server.ts`; `related-lists.server.ts`; `expand.server.ts` |
 * | quick search | `search.server.ts` (terms: `search.ts`) |
 * | who sees and writes what | `access.ts`, `access.server.ts` (rules: `permissions.ts`) |
 * | create and update; their lines | `write.server.ts` (many at once: `bulk-write.server.ts`); `lines.server.ts` (input: `input.ts`, checks: `checks.server.ts`) |
 * | delete to and restore from the trash | `trash.server.ts` |
 * | autonumbers | `numbering.server.ts` (patterns: `autonumber.ts`) |
 * | stored formulas and the cascade | `recompute.server.ts` (`recompute.ts`, `compute.ts`) |
 */

export type { CreateOptions, GroupCount, GroupCountsQuery, ListQuery, ListResult, PreparedRecords };

export interface RecordsService {
  list(actor: Actor, table: string, query?: ListQuery): Promise<ListResult>;
  /** Every record of a list, a page at a time, as rows of the asked fields' values: an export's read (`scan.server.ts`). */
  scan(actor: Actor, table: string, query: ScanQuery): AsyncGenerator<ScanPage>;
  /** Records per value of a choice or user field, with a number field's sum: a board's columns (`aggregate.server.ts`). */
  groupCounts(actor: Actor, table: string, query: GroupCountsQuery): Promise<GroupCount[]>;
  get(actor: Actor, table: string, id: unknown, options?: { expand?: unknown }): Promise<RecordJson>;
  /** Several records by id as `get` shows them; those missing or out of the actor's scope are left out. */
  getMany(actor: Actor, table: string, ids: number[]): Promise<Map<number, RecordJson>>;
  create(actor: Actor, table: string, values: unknown, options?: CreateOptions): Promise<RecordJson>;
  /**
   * Many new records as `create` makes each, written per batch (a bulk import's): their ids in
   * order. All or none: any record `create` would refuse throws `BulkRefused` (`bulk-write.server.ts`).
   */
  createMany(actor: Actor, table: string, values: unknown[]): Promise<number[]>;
  /**
   * `createMany` in its two steps: `prepareMany` checks and computes the records without a
   * transaction (a bulk import prepares its next batch while the database writes this one);
   * `writeMany` numbers and writes them, refusing (`BulkRefused`) records prepared under another
   * schema version or for another actor.
   */
  prepareMany(actor: Actor, table: string, values: unknown[]): Promise<PreparedRecords>;
  writeMany(actor: Actor, prepared: PreparedRecords): Promise<number[]>;
  update(actor: Actor, table: string, id: unknown, changes: unknown, expectedVersion: unknown): Promise<RecordJson>;
  remove(actor: Actor, table: string, id: unknown): Promise<void>;
  restore(actor: Actor, table: string, id: unknown): Promise<RecordJson>;
  /** Whether the actor may read a stored file: the rights of the records holding it (`file-access.server.ts`). */
  mayReadFile(actor: Actor, fileId: unknown): Promise<boolean>;
  /** Recomputes stored formulas of every record (a migration hook). */
  recomputeTable(db: Knex, schema: CompiledSchema, table: string): Promise<number>;
  /**
   * Runs `work` with a records service whose every call shares one transaction: all of it is
   * saved, or none (a manual rule creating a client, a contact and a deal from a lead). Called on
   * the service `work` was given, it opens a savepoint inside that transaction; with `shared`, the
   * writes `work` makes open none of their own (the caller undoes the savepoint, or the whole
   * transaction, if any fails: a bulk import's batch saves two round trips a batch so).
   */
  transaction<T>(work: (records: RecordsService, trx: Knex.Transaction) => Promise<T>, options?: { shared?: boolean }): Promise<T>;
  /** Adds hooks every write runs in its transaction (automation's outbox and guards); returns their removal. */
  addHooks(hooks: RecordHooks): () => void;
  /** Until the reads left running after their answers (a count a short page did not need) have ended: before closing the database. */
  settle(): Promise<void>;
}

export function createRecordsService(db: Knex, workspace: Pick<WorkspaceService, "current">): RecordsService {
  const ctx = createRecordsContext(db, workspace);
  return serviceOver(ctx, workspace);
}

function serviceOver(ctx: RecordsContext, workspace: Pick<WorkspaceService, "current">): RecordsService {
  return {
    list: (actor, table, query) => listRecords(ctx, actor, table, query),
    scan: (actor, table, query) => scanRecords(ctx, actor, table, query),
    groupCounts: (actor, table, query) => groupCounts(ctx, actor, table, query),
    get: (actor, table, id, options) => getRecord(ctx, actor, table, id, options),
    getMany: (actor, table, ids) => getRecords(ctx, actor, table, ids),
    create: (actor, table, values, options) => createRecord(ctx, actor, table, values, options),
    createMany: (actor, table, values) => createRecords(ctx, actor, table, values),
    prepareMany: (actor, table, values) => prepareRecords(ctx, actor, table, values),
    writeMany: (actor, prepared) => writePrepared(ctx, actor, prepared),
    update: (actor, table, id, changes, expectedVersion) => updateRecord(ctx, actor, table, id, changes, expectedVersion),
    remove: (actor, table, id) => removeRecord(ctx, actor, table, id),
    restore: (actor, table, id) => restoreRecord(ctx, actor, table, id),
    recomputeTable: (q, compiled, table) => recomputeTable(q, compiled, table),
    mayReadFile: async (actor, fileId) => mayReadFile(ctx.db, (await workspace.current()).compiled, actor, fileId),
    async transaction(work, options) {
      // Inside another transaction: a savepoint, so a part that fails is undone alone while the
      // caller goes on (a batch of rule runs, each in its own savepoint).
      if (ctx.afterOuterTransaction)
        return (ctx.db as Knex.Transaction).transaction((sp) =>
          work(serviceOver({ ...ctx, db: sp, sharedSavepoint: options?.shared === true }, workspace), sp),
        );
      const { compiled } = await workspace.current({ fresh: true });
      return withFollowUps((later, reset) =>
        inTransaction(ctx.db, (trx) => {
          reset();
          const bound = boundContext(ctx, trx, compiled, later);
          return work(serviceOver(options?.shared ? { ...bound, sharedSavepoint: true } : bound, workspace), trx);
        }),
      );
    },
    addHooks: (hooks) => ctx.hooks.add(hooks),
    settle: () => unattendedReads(ctx),
  };
}
