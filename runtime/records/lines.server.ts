import type { Knex } from "knex";
import type { Dialect } from "../db/connection.server";
import { ApiError } from "../errors";
import { dbNow } from "../db/system-tables.server";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { computeFormulas } from "./compute";
import { queryRefusal } from "./query-words";
import { splitInput, type LinesInput } from "./input";
import { assignAutonumbers } from "./numbering.server";
import { inScope, refuseLineWrite } from "./access";
import { authorize, type Actor } from "./permissions";
import { lineOrder } from "./related-lists.server";
import { fieldValues, fromRow, toRow, type RecordJson } from "./rows";

/**
 * Writing a record's composition lines (an invoice's items) with the record, in its transaction:
 * each line sent is inserted or updated, and on `replace` the lines not sent are removed.
 */

/** Writes the lines of `parentId`; answers them as stored, by list name, for the parent's formulas. */
export async function writeLines(
  trx: Knex.Transaction,
  dialect: Dialect,
  compiled: CompiledSchema,
  table: CompiledTable,
  parentId: number,
  lists: LinesInput,
  actor: Actor,
  replace: boolean,
): Promise<Record<string, RecordJson[]>> {
  const out: Record<string, RecordJson[]> = {};
  const now = dbNow();
  for (const [name, items] of Object.entries(lists)) {
    const list = table.lists.find((l) => l.name === name)!;
    const child = compiled.tablesByKey.get(list.table)!;
    const existing = replace ? ((await trx(child.key).where(list.field, parentId).select("*")) as Record<string, unknown>[]) : [];
    const existingById = new Map(existing.map((r) => [Number(r.id), fromRow(child, r)]));
    const kept = new Set<number>();
    for (const [index, item] of items.entries()) {
      // Lines were checked by `validateLines` before the transaction began; rights are checked here.
      const { values } = splitInput(child, item, {});
      delete values[list.field];
      const id = typeof item.id === "number" && existingById.has(item.id) ? item.id : null;
      refuseLineWrite(actor, child, { list: name, index }, values, id ? existingById.get(id)! : null);
      const merged = { ...(id ? fieldValues(child, existingById.get(id)!) : {}), ...values, [list.field]: parentId };
      const computed = computeFormulas(child, merged, {});
      if (id) {
        kept.add(id);
        await trx(child.key)
          .where({ id })
          .update({ ...toRow(child, computed), version: trx.raw("version + 1"), updated_at: now, updated_by: actor.id });
      } else {
        await assignAutonumbers(trx, dialect, child, computed);
        await trx(child.key).insert({
          ...toRow(child, computed),
          version: 1,
          created_at: now,
          updated_at: now,
          created_by: actor.id,
          updated_by: actor.id,
        });
      }
    }
    // Lines outside the actor's scope are not theirs to see, so a list sent back leaves them be.
    const removed = [...existingById].filter(([id, line]) => !kept.has(id) && inScope(actor, child, line)).map(([id]) => id);
    if (removed.length) refuseLineRemoval(actor, child, name, removed.length);
    if (removed.length) await trx(child.key).whereIn("id", removed).delete();
    out[name] = ((await trx(child.key).where(list.field, parentId).orderBy(lineOrder(child))) as Record<string, unknown>[]).map((r) =>
      fromRow(child, r),
    );
  }
  return out;
}

/** Lines left out of a list sent whole are deleted, which needs the right to delete them. */
function refuseLineRemoval(actor: Actor, child: CompiledTable, list: string, count: number): void {
  try {
    authorize(actor, "delete", child);
  } catch (error) {
    if (error instanceof ApiError)
      throw queryRefusal(error.status, "query.lineRemoval", { refusal: error.phrase ?? error.message, list, count });
    throw error;
  }
}
