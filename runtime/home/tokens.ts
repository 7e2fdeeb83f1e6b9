/**
 * Tokens a home panel's filter may hold in place of a value, resolved for the person and the day
 * the page is shown, so one stored panel means "my tasks" to everyone and "this month" every month:
 *
 * | token | becomes |
 * | --- | --- |
 * | `$me` | the signed-in user's id |
 * | `$now` | this instant |
 * | `$today`, `$today+7`, `$today-30` | a local date, `YYYY-MM-DD` |
 * | `$midnight`, `$midnight+1` | the instant a local day begins (for date-time fields) |
 * | `$thisMonth`, `$lastMonth`, `$thisYear`, `$lastYear` | `[first, last]` day, for `between` |
 */
import { localDate, localToUtc } from "../automation/schedule";
import { DATE_SHORTCUTS, dateShortcutRange, type DateShortcut } from "../views/date-shortcuts";

export interface TokenContext {
  userId: number | null;
  now: Date;
  /** Where days begin: the firm's time zone. */
  timeZone: string;
}

const DAY_TOKEN = /^\$(today|midnight)(?:([+-])(\d{1,4}))?$/;
const UTC_DAY = 86_400_000;

/** The local date `days` from today: "2026-12-05" and -30 → "2026-11-05". */
export function shiftDate(date: string, days: number): string {
  const t = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * UTC_DAY);
  return t.toISOString().slice(0, 10);
}

/** One token's value; anything that is not a token comes back as it was. */
export function resolveToken(value: unknown, ctx: TokenContext): unknown {
  if (typeof value !== "string" || !value.startsWith("$")) return value;
  if (value === "$me") return ctx.userId;
  if (value === "$now") return ctx.now.toISOString();
  const shortcut = value.slice(1);
  if ((DATE_SHORTCUTS as readonly string[]).includes(shortcut))
    return dateShortcutRange(shortcut as DateShortcut, localDate(ctx.now, ctx.timeZone));
  const day = DAY_TOKEN.exec(value);
  if (!day) return value;
  const offset = day[3] ? Number(day[3]) * (day[2] === "-" ? -1 : 1) : 0;
  const date = shiftDate(localDate(ctx.now, ctx.timeZone), offset);
  if (day[1] === "today") return date;
  const [y, m, d] = date.split("-").map(Number);
  return localToUtc(y, m, d, 0, 0, ctx.timeZone).toISOString();
}

/** A filter (`{ field, op, value }` leaves under and/or/not) with every token in its values resolved. */
export function resolveFilterTokens(filter: unknown, ctx: TokenContext): unknown {
  if (Array.isArray(filter)) return filter.map((f) => resolveFilterTokens(f, ctx));
  if (typeof filter !== "object" || filter === null) return filter;
  const node = filter as Record<string, unknown>;
  if ("field" in node) {
    const value = Array.isArray(node.value) ? node.value.map((v) => resolveToken(v, ctx)) : resolveToken(node.value, ctx);
    return { ...node, value };
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolveFilterTokens(v, ctx)]));
}
