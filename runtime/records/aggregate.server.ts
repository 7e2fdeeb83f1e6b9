import { badQuery } from "./query-words";
import { refuseHiddenUse } from "./access";
import { applyScope } from "./access.server";
import { isDated } from "../fields/registry";
import { isBoardGroupField, isSummableField, type CurrencySum } from "./board-fields";
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
  /** A date or datetime field: the counts are split by its calendar month as well (`YYYY-MM`, UTC). */
  month?: unknown;
  filter?: unknown;
  q?: unknown;
}

export type { CurrencySum };

export interface GroupCount {
  /** The field's value; null for records without one. */
  value: string | number | null;
  /** With `month`: the month of the group (`YYYY-MM`), null for records without a date. */
  month?: string | null;
  count: number;
  /** The sum of the `sum` field over the group, when it holds one currency; null when no field was asked for, none has a value, or the amounts are in several currencies (see `sums`). */
  sum: number | null;
  /** The sum per currency (one entry, currency null, for a plain number field). */
  sums: CurrencySum[];
}

/** The month of a date or datetime column as `YYYY-MM`, in either dialect. */
function monthOf(ctx: RecordsContext, column: string): string {
  return ctx.dialect === "mysql" ? `date_format(${column}, '%Y-%m')` : `substr(${column}, 1, 7)`;
}

export async function groupCounts(ctx: RecordsContext, actor: Actor, tableKey: string, query: GroupCountsQuery): Promise<GroupCount[]> {
  const { db } = ctx;
  return ctx.reading(tableKey, async ({ compiled, table }) => {
    authorize(actor, "read", table);
    const groupField = typeof query.groupBy === "string" ? table.fieldsByKey.get(query.groupBy) : undefined;
    if (!groupField || !isBoardGroupField(groupField)) throw badQuery("query.groupBy", { table: table.key });
    const sumKey = query.sum === undefined || query.sum === null || query.sum === "" ? null : query.sum;
    const sumField = typeof sumKey === "string" ? table.fieldsByKey.get(sumKey) : undefined;
    if (sumKey !== null && (!sumField || !isSummableField(sumField))) throw badQuery("query.sum", { table: table.key });
    const monthKey = query.month === undefined || query.month === null || query.month === "" ? null : query.month;
    const monthField = typeof monthKey === "string" ? table.fieldsByKey.get(monthKey) : undefined;
    if (monthKey !== null && (!monthField || !isDated(monthField.def))) throw badQuery("query.month", { table: table.key });
    const currencyKey = sumField?.def["x-currency-field"];
    const currencyField = typeof currencyKey === "string" ? table.fieldsByKey.get(currencyKey) : undefined;
    const filter = parseFilter(table, typeof query.filter === "string" ? parseJsonParam(query.filter, "filter") : query.filter);
    if (query.q !== undefined && typeof query.q !== "string") throw badQuery("query.qText");
    const q = typeof query.q === "string" ? query.q.trim().slice(0, 200) : "";
    const used = [groupField, sumField, monthField, currencyField].filter((f) => f !== undefined).map((f) => ({ column: f.key }));
    refuseHiddenUse(actor, compiled, table, filter, used, []);

    const base = db(table.key);
    applyScope(base, actor, table);
    if (filter) applyFilter(base, filter, table.key);
    if (q) applySearch(base, ctx.dialect, actor, table, q);
    const column = `${table.key}.${groupField.key}`;
    base.select({ value: column }).count({ n: "*" }).groupBy(column);
    if (sumField) base.sum({ total: `${table.key}.${sumField.key}` });
    if (monthField) {
      const month = monthOf(ctx, db.ref(`${table.key}.${monthField.key}`).toQuery());
      base.select(db.raw(`${month} as month`)).groupByRaw(month);
    }
    if (sumField && currencyField) {
      const currency = `${table.key}.${currencyField.key}`;
      base.select({ currency }).groupBy(currency);
    }
    const rows = (await base) as {
      value: string | number | null;
      month?: string | null;
      currency?: string | null;
      n: number | string;
      total?: number | string | null;
    }[];
    // One entry per value (and month), its sums per currency gathered from the rows.
    const groups = new Map<string, GroupCount>();
    for (const r of rows) {
      const value = r.value === undefined ? null : r.value;
      const month = monthField ? (r.month ?? null) : undefined;
      const key = JSON.stringify([value, month ?? null]);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { value, ...(monthField ? { month } : {}), count: 0, sum: null, sums: [] }));
      group.count += Number(r.n);
      if (r.total === null || r.total === undefined) continue;
      const currency = r.currency ?? null;
      const entry = group.sums.find((c) => c.currency === currency);
      if (entry) entry.sum += Number(r.total);
      else group.sums.push({ currency, sum: Number(r.total) });
    }
    for (const group of groups.values()) group.sum = group.sums.length === 1 ? group.sums[0].sum : null;
    return [...groups.values()];
  });
}
