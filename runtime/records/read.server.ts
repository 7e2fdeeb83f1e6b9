import type { Knex } from "knex";
import { notFound } from "../errors";
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
    if (!record || !inScope(actor, table, record))
      throw notFound(`${table.label} #${id} does not exist (it may have been deleted: see the trash)`);
    return strip(actor, compiled, table, record);
  });
}
