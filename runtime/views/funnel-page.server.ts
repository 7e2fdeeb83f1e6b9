import { viewRefusal } from "./view-words";
import { isDated } from "../fields/registry";
import { boardSumField } from "../records/board-fields";
import { localToday } from "../records/derived-state";
import type { Actor } from "../records/permissions";
import type { RecordsService } from "../records/service.server";
import type { CompiledSchema } from "../schema/compile";
import { toFilter } from "./conditions";
import { buildFunnel, funnelFields, wonLostByMonth, type FunnelMonth, type FunnelPageData } from "./funnel";
import { parseListParams } from "./list-params";

/** Months of won and lost records the page shows, this one included. */
export const FUNNEL_MONTHS = 12;

/** The first day of the month `back` months before `today` (`YYYY-MM-DD`). */
export function monthStart(today: string, back: number): string {
  const [y, m] = today.split("-").map(Number);
  const index = y * 12 + (m - 1) - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}-01`;
}

/**
 * The funnel of a table by a choice field with win probabilities (`?by=`, else the first), with
 * the list's search and conditions (`q`, `f`): counts and money per stage through the records
 * service's grouped counts (the actor's scope and hidden fields apply), and won / lost per month
 * of the table's first date field over the last year. Null when no field of the table can make one.
 */
export async function loadFunnelPage(
  records: RecordsService,
  compiled: CompiledSchema,
  actor: Actor,
  tableKey: string,
  url: URL,
  now: Date = new Date(),
): Promise<FunnelPageData | null> {
  const table = compiled.tablesByKey.get(tableKey);
  if (!table) throw viewRefusal(404, "noTable", { table: tableKey.slice(0, 64) });
  const candidates = funnelFields(table);
  const field = candidates.find((f) => f.key === url.searchParams.get("by")) ?? candidates[0];
  if (!field) return null;
  const { params } = parseListParams(url.searchParams);
  const filter = toFilter(params.conditions ?? [], params.mode ?? "and");
  const q = params.q || undefined;
  const sumField = boardSumField(table);
  const dateField = table.fields.find((f) => isDated(f.def) && f.key !== "created_at");

  const counts = await records.groupCounts(actor, table.key, { groupBy: field.key, sum: sumField?.key, filter, q });
  const since = monthStart(localToday(now), FUNNEL_MONTHS - 1);
  let months: FunnelMonth[] = [];
  if (dateField) {
    const recent = { field: dateField.key, op: "gte", value: since };
    const byMonth = await records.groupCounts(actor, table.key, {
      groupBy: field.key,
      sum: sumField?.key,
      month: dateField.key,
      filter: filter ? { and: [filter, recent] } : recent,
      q,
    });
    months = wonLostByMonth(field, byMonth);
  }
  return {
    table: { key: table.key, label: table.label, pluralLabel: table.pluralLabel },
    field: { key: field.key, label: field.label },
    fields: candidates.map((f) => ({ key: f.key, label: f.label })),
    money: sumField ?? null,
    dateField: dateField ? { key: dateField.key, label: dateField.label } : null,
    funnel: buildFunnel(field, counts),
    months,
    since: since.slice(0, 7),
    params,
  };
}
