import { tableName } from "../i18n/schema-names";
import type { Knex } from "knex";
import { recordRefusal } from "./record-words";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { inScope, refuseHiddenUse, strip } from "./access";
import type { RecordsContext } from "./context.server";
import { expandRelations } from "./expand.server";
import { parseExpand, parseId } from "./params";
import { authorize, type Actor } from "./permissions";
import { loadRelatedLists } from "./related-lists.server";
import { fromRow, refuseMissingColumns, type RecordJson } from "./rows";

/** One record as a card shows it: its values, its composition lines and, if asked, relation titles. */

/** The record with its lines, as stored; null when there is none. Permissions are the caller's. */
export async function readOne(
  q: Knex,
  compiled: CompiledSchema,
  table: CompiledTable,
  id: number,
  expand: string[] = [],
  actor: Actor | null = null,
): Promise<RecordJson | null> {
  const row = (await q(table.key).where({ id }).first()) as Record<string, unknown> | undefined;
  if (!row) return null;
  refuseMissingColumns(table, row);
  const record = fromRow(table, row);
  const compositions = table.lists.filter((l) => l.composition).map((l) => l.name);
  if (compositions.length) Object.assign(record, (await loadRelatedLists(q, compiled, table, [id], compositions)).get(id));
  if (expand.length) await expandRelations(q, compiled, table, [record], expand, actor);
  return record;
}

/** Several records with their lines, as stored, by id; those that do not exist are missing from the map. */
export async function readMany(q: Knex, compiled: CompiledSchema, table: CompiledTable, ids: number[]): Promise<Map<number, RecordJson>> {
  const out = new Map<number, RecordJson>();
  if (ids.length === 0) return out;
  const rows = (await q(table.key).whereIn("id", ids)) as Record<string, unknown>[];
  if (rows[0]) refuseMissingColumns(table, rows[0]);
  for (const row of rows) out.set(Number(row.id), fromRow(table, row));
  const compositions = table.lists.filter((l) => l.composition).map((l) => l.name);
  if (compositions.length && out.size) {
    const lists = await loadRelatedLists(q, compiled, table, [...out.keys()], compositions);
    for (const [id, record] of out) Object.assign(record, lists.get(id));
  }
  return out;
}

/**
 * `getMany`: the records of `ids` the actor may see, as `get` shows each; the others (missing,
 * outside their scope) are left out rather than refused, for callers that read ahead in batches.
 */
export async function getRecords(ctx: RecordsContext, actor: Actor, tableKey: string, ids: number[]): Promise<Map<number, RecordJson>> {
  return ctx.reading(tableKey, async ({ compiled, table }) => {
    authorize(actor, "read", table);
    const out = new Map<number, RecordJson>();
    for (let i = 0; i < ids.length; i += 500)
      for (const [id, record] of await readMany(ctx.db, compiled, table, ids.slice(i, i + 500)))
        if (inScope(actor, table, record)) out.set(id, strip(actor, compiled, table, record));
    return out;
  });
}

/** `get`: the record as the actor may see it, or a 404 also when it is outside their scope. */
export async function getRecord(
  ctx: RecordsContext,
  actor: Actor,
  tableKey: string,
  rawId: unknown,
  options: { expand?: unknown } = {},
): Promise<RecordJson> {
  return ctx.reading(tableKey, async ({ compiled, table }) => {
    authorize(actor, "read", table);
    const id = parseId(rawId);
    const expand = parseExpand(options.expand);
    refuseHiddenUse(actor, compiled, table, null, [], expand);
    const record = await readOne(ctx.db, compiled, table, id, expand, actor);
    if (!record || !inScope(actor, table, record)) throw recordRefusal(404, "notFound", { label: tableName(table), id });
    return strip(actor, compiled, table, record);
  });
}
