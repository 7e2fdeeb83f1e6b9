import type { Knex } from "knex";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { refuseBrokenAsserts } from "./asserts";
import { computeFormulas, hasFormulas, listsUsedByFormulas } from "./compute";
import { aggregatingRecords, changedFormulas } from "./recompute";
import { loadRelatedLists } from "./related-lists.server";
import { fromRow, toRow, type RecordJson } from "./rows";
import { inTransaction } from "./transaction.server";

/**
 * Stored formulas kept true: the lists a record's formulas aggregate over, a record computed
 * again after its lines or payments changed, the cascade up to the records that aggregate over
 * it, and a whole table after a migration.
 */

/** How far a change climbs (line → invoice → contract …); a schema cannot make it loop for ever. */
const MAX_CASCADE = 4;

/** The lists a record's formulas aggregate over: `given` as they are, the rest loaded (empty for a new record). */
export async function listsForFormulas(
  trx: Knex,
  compiled: CompiledSchema,
  table: CompiledTable,
  id: number | null,
  given: Record<string, RecordJson[]>,
): Promise<Record<string, RecordJson[]>> {
  const names = listsUsedByFormulas(table).filter((n) => !(n in given));
  const loaded =
    id && names.length
      ? (await loadRelatedLists(trx, compiled, table, [id], names)).get(id)!
      : Object.fromEntries(names.map((n) => [n, [] as RecordJson[]]));
  return { ...loaded, ...given };
}

/** After a record changed, recompute the stored aggregates of the records it points at. */
export async function cascade(
  trx: Knex.Transaction,
  compiled: CompiledSchema,
  table: CompiledTable,
  records: Record<string, unknown>[],
  depth: number,
): Promise<void> {
  if (depth > MAX_CASCADE) return;
  for (const target of aggregatingRecords(compiled, table, records))
    for (const id of target.ids) await recomputeRecord(trx, compiled, target.table, id, depth + 1);
}

/** Computes a stored record's formulas again; true when a value changed (and was written). */
export async function recomputeRecord(
  trx: Knex.Transaction,
  compiled: CompiledSchema,
  table: CompiledTable,
  id: number,
  depth: number,
): Promise<boolean> {
  const row = (await trx(table.key).where({ id }).first()) as Record<string, unknown> | undefined;
  if (!row) return false;
  const record = fromRow(table, row);
  const names = listsUsedByFormulas(table);
  const lists = names.length ? (await loadRelatedLists(trx, compiled, table, [id], names)).get(id)! : {};
  const computed = computeFormulas(table, record, lists);
  const changed = changedFormulas(table, record, computed);
  if (Object.keys(changed).length === 0) return false;
  // A write's cascade may break what the table asserts (a payment beyond the balance); a
  // migration's recompute only brings stored values up to date.
  if (depth > 0) refuseBrokenAsserts(table, record, computed);
  // Derived values do not bump the version: an editor holding this record has not lost anything.
  await trx(table.key).where({ id }).update(toRow(table, changed));
  await cascade(trx, compiled, table, [computed], depth);
  return true;
}

/** Recomputes stored formulas of every record (a migration hook), 500 records per transaction. */
export async function recomputeTable(q: Knex, compiled: CompiledSchema, tableKey: string): Promise<number> {
  const table = compiled.tablesByKey.get(tableKey);
  if (!table || !hasFormulas(table)) return 0;
  let lastId = 0;
  let n = 0;
  for (;;) {
    const ids = ((await q(table.key).select("id").where("id", ">", lastId).orderBy("id").limit(500)) as { id: number }[]).map((r) =>
      Number(r.id),
    );
    if (ids.length === 0) return n;
    await inTransaction(q, async (trx) => {
      for (const id of ids) if (await recomputeRecord(trx, compiled, table, id, 0)) n++;
    });
    lastId = ids[ids.length - 1];
  }
}
