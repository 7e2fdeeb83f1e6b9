import type { Knex } from "knex";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import type { Actor } from "./permissions";
import type { RecordJson } from "./rows";

/**
 * What the rest of the engine may attach to every write without the records service knowing it:
 * automation enqueues its events in the write's own transaction (an outbox: an event commits
 * with the change that caused it, or not at all), and a guard may refuse the write by throwing.
 */

export type WriteAction = "created" | "updated" | "deleted" | "restored";

export interface WriteEvent {
  action: WriteAction;
  compiled: CompiledSchema;
  table: CompiledTable;
  id: number;
  /** The stored values before the write (null for a create or a restore). */
  before: RecordJson | null;
  /** The stored values after it (null for a delete). */
  after: RecordJson | null;
  actor: Actor;
  /** How deep in rules triggering rules this write is: 0 when a person or an integration made it. */
  depth: number;
  /**
   * Runs `fn` once the outermost transaction has ended, committed or not, outside it: e.g. a guard
   * that refuses a save still records the approval request the refusal asks for.
   */
  afterTransaction(fn: () => Promise<void>): void;
}

export interface RecordHooks {
  /** Inside the write's transaction, after the row, its lines and the audit entry are written. Throwing refuses the write. */
  onWrite?(trx: Knex.Transaction, event: WriteEvent): Promise<void>;
  /**
   * The writes of one batch (a bulk import's thousands of new records), in their order: what
   * `onWrite` does for each, with what does not depend on the record done once, and nothing
   * awaited for a record it has nothing to do for. A hook without it gets `onWrite` for each.
   */
  onWriteMany?(trx: Knex.Transaction, events: WriteEvent[]): Promise<void>;
}

/** The hooks of one records service; the runtime adds automation's after creating both. */
export interface HookRegistry {
  list: RecordHooks[];
  add(hooks: RecordHooks): () => void;
}

export function createHookRegistry(): HookRegistry {
  const list: RecordHooks[] = [];
  return {
    list,
    add(hooks) {
      list.push(hooks);
      return () => {
        const i = list.indexOf(hooks);
        if (i >= 0) list.splice(i, 1);
      };
    },
  };
}

/** Tells every hook of a write, in the order they were added; the first that throws refuses it. */
export async function emitWrite(registry: HookRegistry, trx: Knex.Transaction, event: WriteEvent): Promise<void> {
  for (const hooks of registry.list) await hooks.onWrite?.(trx, event);
}

/** Tells every hook of a batch's writes, hook by hook in the order they were added; the first that throws refuses the batch. */
export async function emitWrites(registry: HookRegistry, trx: Knex.Transaction, events: WriteEvent[]): Promise<void> {
  for (const hooks of registry.list) {
    if (hooks.onWriteMany) await hooks.onWriteMany(trx, events);
    else if (hooks.onWrite) for (const event of events) await hooks.onWrite(trx, event);
  }
}

/** How deep a write made by this actor is in rules triggering rules. */
export function depthOf(actor: Actor): number {
  return actor.automation?.depth ?? 0;
}
