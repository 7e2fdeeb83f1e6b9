import { getFieldKind, hasTimeOfDay, isDated } from "../fields/registry";
import { hiddenFields, lockedFields, mayDo, type Actor } from "../records/permissions";
import type { RecordsService } from "../records/service.server";
import type { CompiledField, CompiledTable } from "../schema/compile";
import { calendarRange, dayOfValue, instantRange, timeOfValue, todayIn, type CalendarRange, type CalendarSpan } from "./calendar-range";
import type { CalendarItem, CalendarPageData } from "./list-page-data";

/**
 * Records a calendar loads for its range: one page of the records service's largest. A month of
 * more than that is a list to filter, not a calendar to read; the page says so.
 */
export const CALENDAR_MAX_ITEMS = 500;

/** The fields a list can be shown on a calendar by, the first being its default: its dated fields the viewer may see. */
export function calendarFields(actor: Actor, table: CompiledTable): CompiledField[] {
  const hidden = hiddenFields(actor, table);
  return table.fields.filter((f) => isDated(f.def) && !hidden.has(f.key));
}

/** The range's own condition on top of the list's filter: the field's value lies on one of its days. */
export function rangeFilter(listFilter: unknown, field: CompiledField, range: CalendarRange, timeZone: string): unknown {
  let own: unknown;
  if (hasTimeOfDay(field.def)) {
    const { from, to } = instantRange(range, timeZone);
    own = {
      and: [
        { field: field.key, op: "gte", value: from },
        { field: field.key, op: "lt", value: to },
      ],
    };
  } else own = { field: field.key, op: "between", value: [range.first, range.last] };
  return listFilter ? { and: [listFilter, own] } : own;
}

/** Whether the viewer may drag records to other days: change the table, and this field of it. */
export function mayMove(actor: Actor, table: CompiledTable, field: CompiledField): boolean {
  return mayDo(actor, "update", table) && !getFieldKind(field.kind).readOnly && !lockedFields(actor, table).has(field.key);
}

/**
 * The list as a calendar: the records whose date field falls on the days of a month, a week or
 * an agenda around `at`, read through the records service with the list's filter and search, so
 * scopes, hidden fields and saved views apply as in the list. Null when the table has no date.
 */
export async function loadCalendar(
  records: RecordsService,
  actor: Actor,
  table: CompiledTable,
  wanted: { date: string | undefined; span: CalendarSpan | undefined; at: string | undefined },
  query: { filter: unknown; q: string | undefined },
  timeZone: string,
  now: Date = new Date(),
): Promise<CalendarPageData | null> {
  const fields = calendarFields(actor, table);
  const field = fields.find((f) => f.key === wanted.date) ?? fields[0];
  if (!field) return null;
  const withTime = hasTimeOfDay(field.def);
  const span = wanted.span ?? "month";
  const today = todayIn(timeZone, now);
  const at = wanted.at ?? today;
  const range = calendarRange(span, at);
  const page = await records.list(actor, table.key, {
    filter: rangeFilter(query.filter, field, range, timeZone),
    q: query.q,
    sort: field.key,
    pageSize: CALENDAR_MAX_ITEMS,
  });
  const items: CalendarItem[] = [];
  for (const row of page.rows) {
    const value = row[field.key];
    const day = dayOfValue(value, withTime, timeZone);
    if (typeof value !== "string" || !day) continue;
    const title = table.titleField ? row[table.titleField] : null;
    items.push({
      id: row.id,
      version: row.version,
      title: title === null || title === undefined || title === "" ? `${table.label} #${row.id}` : String(title),
      value,
      day,
      time: withTime ? timeOfValue(value, timeZone) : null,
    });
  }
  return {
    field: { key: field.key, label: field.label },
    fields: fields.map((f) => ({ key: f.key, label: f.label })),
    withTime,
    span,
    at,
    today,
    timeZone,
    days: range.days,
    items,
    more: page.nextCursor !== null,
    movable: mayMove(actor, table, field),
  };
}
