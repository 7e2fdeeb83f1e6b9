import type { Knex } from "knex";
import { watchWrites } from "../db/write-watch";
import { isRelation, relationTarget } from "../fields/structure";
import type { ContextRecord } from "../print/record-context.server";
import type { Actor } from "../records/permissions";
import type { RecordsService } from "../records/service.server";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { USERS_TABLE } from "../schema/types";

/**
 * A batch of due runs reads its records, their lines, and the records they point at in a few
 * queries before the first run, instead of three or four round trips per run. A run then sees
 * what it would have read itself: entries of a table are dropped the moment anything in the
 * batch's transaction writes to it (a run's action, a cascade, a hook), and read afresh.
 */
export interface ReadAhead {
  /** The record as read ahead (null: not readable by the actor), or undefined: read it yourself. */
  get(table: string, id: number): ContextRecord | null | undefined;
  stop(): void;
}

export async function readAhead(
  records: Pick<RecordsService, "getMany">,
  trx: Knex.Transaction,
  compiled: CompiledSchema,
  actor: Actor,
  table: CompiledTable,
  ids: number[],
): Promise<ReadAhead> {
  const known = new Map<string, Map<number, ContextRecord | null>>();
  const stale = new Set<string>();
  let everything = false;
  const stop = watchWrites(trx, (written) => {
    if (written === "*") everything = true;
    else stale.add(written);
  });

  const read = async (target: string, wanted: Set<number>) => {
    const have = known.get(target) ?? new Map<number, ContextRecord | null>();
    known.set(target, have);
    const missing = [...wanted].filter((id) => !have.has(id));
    if (missing.length === 0) return;
    let found: Map<number, ContextRecord>;
    if (target === USERS_TABLE) {
      const rows = (await trx(USERS_TABLE).whereIn("id", missing).select("id", "name", "email")) as ContextRecord[];
      found = new Map(rows.map((r) => [Number(r.id), r]));
    } else {
      // A table the actor may not read at all: its records are null, as one by one.
      found = await records.getMany(actor, target, missing).catch(() => new Map<number, ContextRecord>());
    }
    for (const id of missing) have.set(id, found.get(id) ?? null);
  };

  /** The ids the relations of `rows` point at, by target table. */
  const pointedAt = (of: CompiledTable, rows: ContextRecord[], skip?: string) => {
    const out = new Map<string, Set<number>>();
    for (const f of of.fields) {
      if (!isRelation(f) || f.key === skip) continue;
      const target = relationTarget(f)!;
      for (const row of rows) {
        const id = row[f.key];
        if (typeof id !== "number") continue;
        if (!out.has(target)) out.set(target, new Set());
        out.get(target)!.add(id);
      }
    }
    return out;
  };

  await read(table.key, new Set(ids));
  const main = [...known.get(table.key)!.values()].filter((r): r is ContextRecord => r !== null);
  const targets = pointedAt(table, main);
  for (const list of table.lists) {
    const child = compiled.tablesByKey.get(list.table);
    if (!list.composition || !child) continue;
    const lines = main.flatMap((r) => (r[list.name] as ContextRecord[] | undefined) ?? []);
    for (const [target, wanted] of pointedAt(child, lines, list.field))
      targets.set(target, new Set([...(targets.get(target) ?? []), ...wanted]));
  }
  for (const [target, wanted] of targets) await read(target, wanted);

  return {
    get(target, id) {
      if (everything || stale.has(target)) return undefined;
      return known.get(target)?.get(id);
    },
    stop,
  };
}
