import { badRequest } from "../errors";
import { refuseHiddenUse } from "./access";
import { applyScope } from "./access.server";
import { isBoardGroupField, isSummableField } from "./board-fields";
import type { RecordsContext } from "./context.server";
import { parseFilter } from "./filter";
import { parseJsonParam } from "./params";
import { authorize, type Actor } from "./permissions";
import { applyFilter } from "./query.server";
import { applySearch } from "./search.server";

/**
 * `groupCounts`: how many records a list holds per value of one field, and the sum of a number
 * field per value — a board's column headers. The same scope, filter, search and hidden-field
 * rules as `list` apply, so a column never counts what the actor could not page through.
 */

export interface GroupCountsQuery {
  groupBy: unknown;
  sum?: unknown;
  filter?: unknown;
  q?: unknown;
}

export interface GroupCount {
  /** The field's value; null for records without one. */
  value: string | number | null;
  count: number;
  /** The sum of the `sum` field over the group; null when no field was asked for or none has a value. */
  sum: number | null;
}

export async function groupCounts(ctx: RecordsContext, actor: Actor, tableKey: string, query: GroupCountsQuery): Promise<GroupCount[]> {
  const { db } = ctx;
  return ctx.reading(tableKey, async ({ compiled, table }) => {
    authorize(actor, "read", table);
    const groupField = typeof query.groupBy === "string" ? table.fieldsByKey.get(query.groupBy) : undefined;
    if (!groupField || !isBoardGroupField(groupField))
      throw badRequest(`groupBy must name a choice field or a relation to users of ${table.key}`);
    const sumKey = query.sum === undefined || query.sum === null || query.sum === "" ? null : query.sum;
    const sumField = typeof sumKey === "string" ? table.fieldsByKey.get(sumKey) : undefined;
    if (sumKey !== null && (!sumField || !isSummableField(sumField))) throw badRequest(`sum must name a number field of ${table.key}`);
    const filter = parseFilter(table, typeof query.filter === "string" ? parseJsonParam(query.filter, "filter") : query.filter);
    if (query.q !== undefined && typeof query.q !== "string") throw badRequest("q must be text");
    const q = typeof query.q === "string" ? query.q.trim().slice(0, 200) : "";
    const used = [{ column: groupField.key }, ...(sumField ? [{ column: sumField.key }] : [])];
    refuseHiddenUse(actor, compiled, table, filter, used, []);

    const base = db(table.key);
    applyScope(base, actor, table);
    if (filter) applyFilter(base, filter, table.key);
    if (q) applySearch(base, ctx.dialect, actor, table, q);
    const column = `${table.key}.${groupField.key}`;
    base.select({ value: column }).count({ n: "*" }).groupBy(column);
    if (sumField) base.sum({ total: `${table.key}.${sumField.key}` });
    const rows = (await base) as { value: string | number | null; n: number | string; total?: number | string | null }[];
    return rows.map((r) => ({
      value: r.value === undefined ? null : r.value,
      count: Number(r.n),
      sum: r.total === null || r.total === undefined ? null : Number(r.total),
    }));
  });
}
