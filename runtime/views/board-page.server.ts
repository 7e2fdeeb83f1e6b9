import { optionLabel, optionProbability, optionValues } from "../fields/options";
import { isRelation } from "../fields/structure";
import { boardGroupFields, boardSumField, isBoardGroupField } from "../records/board-fields";
import type { Actor } from "../records/permissions";
import type { RecordsService } from "../records/service.server";
import type { CompiledTable } from "../schema/compile";
import { USERS_TABLE } from "../schema/types";
import type { BoardColumn, BoardPageData } from "./list-page-data";

/** Cards a column shows at first; "Show more" pages on with the column's cursor. */
export const BOARD_PAGE_SIZE = 50;
const CARD_FIELDS = 3;

/** The column's own condition on top of the list's filter: its value, or no value at all. */
export function columnFilter(listFilter: unknown, field: string, value: string | number | null): unknown {
  const own = value === null ? { field, op: "isEmpty" } : { field, op: "eq", value };
  return listFilter ? { and: [listFilter, own] } : own;
}

async function userNames(records: RecordsService, actor: Actor, ids: number[]): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  if (ids.length === 0) return names;
  try {
    const filter = { or: ids.slice(0, 100).map((id) => ({ field: "id", op: "eq", value: id })) };
    const found = await records.list(actor, USERS_TABLE, { filter, pageSize: 100 });
    for (const r of found.rows) names.set(r.id, String(r.name ?? r.email ?? `User #${r.id}`));
  } catch {
    // A role that may not read users still gets its columns, titled by number.
  }
  return names;
}

/**
 * The list as a board: one column per value of a choice field in the order of its options (or
 * per user of a user field), plus one for records without a value; each with its count, the sum
 * of the table's money field and its first cards. Null when the table has no field to group by.
 */
export async function loadBoard(
  records: RecordsService,
  actor: Actor,
  table: CompiledTable,
  wanted: string | undefined,
  query: { filter: unknown; q: string | undefined; columns: string[] },
): Promise<BoardPageData | null> {
  const groupFields = boardGroupFields(table);
  const asked = table.fields.find((f) => f.key === wanted && isBoardGroupField(f));
  const field = asked ?? groupFields[0];
  if (!field) return null;
  const sumField = boardSumField(table);
  const cardFields = query.columns
    .filter((k) => k !== field.key && k !== table.titleField && table.fieldsByKey.has(k))
    .slice(0, CARD_FIELDS);
  if (sumField && !cardFields.includes(sumField.key)) cardFields.splice(CARD_FIELDS - 1, 1, sumField.key);
  const expand = cardFields.filter((k) => isRelation(table.fieldsByKey.get(k)!)).join(",") || undefined;
  // A column's cards, uncounted: its count comes from the grouped counts.
  const cardsOf = (value: string | number | null) =>
    records.list(actor, table.key, {
      filter: columnFilter(query.filter, field.key, value),
      q: query.q,
      pageSize: BOARD_PAGE_SIZE,
      sort: "-id",
      expand,
      count: false,
    });
  const options = optionValues(field.def);
  const users = isRelation(field);
  // A choice's columns are known before counting: their cards are read while the counts run.
  const early = users ? null : new Map(options.map((o) => [o, cardsOf(o)] as const));
  for (const p of early?.values() ?? []) p.catch(() => {});
  const counts = await records.groupCounts(actor, table.key, { groupBy: field.key, sum: sumField?.key, filter: query.filter, q: query.q });
  const byValue = new Map(counts.map((c) => [c.value === null ? "" : String(c.value), c]));
  const names = users
    ? await userNames(
        records,
        actor,
        counts.map((c) => Number(c.value)).filter((n) => Number.isInteger(n) && n > 0),
      )
    : null;
  const values: (string | number | null)[] = names
    ? [
        ...[...names.keys()].sort((a, b) => names.get(a)!.localeCompare(names.get(b)!)),
        ...counts.map((c) => c.value).filter((v) => v !== null && !names.has(Number(v))),
      ]
    : [...options];
  values.push(null);

  const columns: BoardColumn[] = await Promise.all(
    values.map(async (value) => {
      const stat = byValue.get(value === null ? "" : String(value));
      const label =
        value === null
          ? `No ${field.label.toLowerCase()}`
          : names
            ? (names.get(Number(value)) ?? `User #${value}`)
            : optionLabel(String(value), field.def);
      const probability = typeof value === "string" ? optionProbability(value, field.def) : undefined;
      const filter = columnFilter(query.filter, field.key, value);
      const pending = typeof value === "string" ? early?.get(value) : undefined;
      const page = pending ? await pending : stat ? await cardsOf(value) : { rows: [], nextCursor: null };
      return {
        value,
        label,
        probability: probability ?? null,
        count: stat?.count ?? 0,
        sums: stat?.sums ?? [],
        cards: page.rows,
        nextCursor: page.nextCursor,
        filter: JSON.stringify(filter),
      };
    }),
  );
  // "No value" shows only when it holds records: an empty extra column is noise.
  const shown = columns.filter((c) => c.value !== null || c.count > 0);
  return {
    groupBy: field.key,
    groupFields: groupFields.map((f) => ({ key: f.key, label: f.label })),
    sumField: sumField?.key ?? null,
    cardFields,
    expand: expand ?? null,
    columns: shown,
    funnelHref: null,
  };
}
