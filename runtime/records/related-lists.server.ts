import type { Knex } from "knex";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { fromRow, type RecordJson } from "./rows";

/**
 * Records of a table's related lists (`items` and `payments` of an invoice), loaded for a set of
 * parents: for a card's composition lines, and for the formulas that aggregate over a list.
 */

/** Lines keep the order they were entered in: by `position` when the table has one. */
export function lineOrder(child: CompiledTable): string[] {
  return child.fieldsByKey.has("position") ? ["position", "id"] : ["id"];
}

/** Parent id → list name → its records; one query per list, never one per parent. */
export async function loadRelatedLists(
  q: Knex,
  compiled: CompiledSchema,
  table: CompiledTable,
  ids: number[],
  names: string[],
): Promise<Map<number, Record<string, RecordJson[]>>> {
  const out = new Map<number, Record<string, RecordJson[]>>();
  for (const id of ids) out.set(id, Object.fromEntries(names.map((n) => [n, [] as RecordJson[]])));
  for (const name of names) {
    const list = table.lists.find((l) => l.name === name);
    if (!list || ids.length === 0) continue;
    const child = compiled.tablesByKey.get(list.table)!;
    const rows = (await q(child.key).select("*").whereIn(list.field, ids).orderBy(lineOrder(child))) as Record<string, unknown>[];
    for (const r of rows) out.get(Number(r[list.field]))?.[name].push(fromRow(child, r));
  }
  return out;
}
