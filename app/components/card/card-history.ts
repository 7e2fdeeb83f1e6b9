import { fieldKinds } from "@runtime/fields/registry";
import type { FormatOptions } from "@runtime/fields/types";
import type { CompiledTable } from "@runtime/schema/compile";
import type { CardHistoryEntry } from "./card-types";
import { dateTimeFormat } from "@runtime/fields/intl-formats";

export interface HistoryLine {
  who: string;
  what: string;
  when: string;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

function formatValue(
  table: CompiledTable,
  key: string,
  value: unknown,
  format: FormatOptions,
  record: Record<string, unknown> | undefined,
  t: HistoryWords,
): string {
  const EMPTY = t("history.empty");
  if (isEmpty(value)) return EMPTY;
  const field = table.fieldsByKey.get(key);
  if (!field) return typeof value === "string" ? value : JSON.stringify(value);
  const text = fieldKinds[field.kind].formatDisplay(value, field.def, format, record);
  return text === "" ? EMPTY : text;
}

function labelOf(table: CompiledTable, key: string): string {
  return table.fieldsByKey.get(key)?.label ?? table.lists.find((l) => l.name === key)?.name ?? key;
}

/** The words of a history line: the catalog's `history.*` through i18next's `t`, or these English ones. */
export type HistoryWords = (key: string, values?: Record<string, unknown>) => string;

const ENGLISH: Record<string, string> = {
  "history.created": "created this {{noun}}",
  "history.deleted": "deleted this {{noun}}",
  "history.restored": "restored this {{noun}}",
  "history.changedThis": "changed this {{noun}}",
  "history.changed": "changed {{changes}}",
  "history.change": "{{field}} from {{from}} to {{to}}",
  "history.lines": "the {{list}}",
  "history.other": "{{action}} on this {{noun}}",
  "history.system": "The system",
  "history.empty": "(empty)",
};
const englishWords: HistoryWords = (key, values = {}) =>
  (ENGLISH[key] ?? key).replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? ""));

function describeChanges(
  table: CompiledTable,
  changes: unknown,
  format: FormatOptions,
  record: Record<string, unknown> | undefined,
  t: HistoryWords,
): string[] {
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) return [];
  const out: string[] = [];
  for (const [key, pair] of Object.entries(changes as Record<string, unknown>)) {
    // The records service notes which line lists a save touched, not their before and after.
    if (key === "_lines") {
      const lists = Array.isArray(pair) && Array.isArray(pair[1]) ? (pair[1] as unknown[]).map(String) : [];
      for (const name of lists) out.push(t("history.lines", { list: labelOf(table, name).toLowerCase() }));
      continue;
    }
    if (!Array.isArray(pair) || pair.length !== 2) continue;
    out.push(
      t("history.change", {
        field: labelOf(table, key),
        from: formatValue(table, key, pair[0], format, record, t),
        to: formatValue(table, key, pair[1], format, record, t),
      }),
    );
  }
  return out;
}

/**
 * Audit times are stored as UTC "YYYY-MM-DD HH:MM:SS(.mmm)"; shown as "24 Nov 2026, 10:15" in the
 * card's time zone.
 */
export function formatAuditTime(at: string, format: FormatOptions): string {
  const iso = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d/.test(at) && !/(Z|[+-]\d\d:?\d\d)$/.test(at) ? `${at.replace(" ", "T")}Z` : at;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return at;
  const parts = dateTimeFormat(format.locale, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: format.timeZone ?? "UTC",
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  // English reads "24 Nov 2026, 10:15" whatever its region; other languages as Intl writes them.
  if (!format.locale.startsWith("en"))
    return dateTimeFormat(format.locale, { dateStyle: "medium", timeStyle: "short", timeZone: format.timeZone ?? "UTC" }).format(date);
  return `${part("day")} ${part("month")} ${part("year")}, ${part("hour")}:${part("minute")}`;
}

/**
 * One entry in words: "Anna Keane" / "changed Status from Draft to Issued" / "24 Nov 2026, 10:15".
 * `record` (the card as it is now) gives money fields their currency.
 */
export function describeHistoryEntry(
  entry: CardHistoryEntry,
  table: CompiledTable,
  format: FormatOptions,
  record?: Record<string, unknown>,
  t: HistoryWords = englishWords,
): HistoryLine {
  const noun = table.label.toLowerCase();
  const who = entry.user ?? t("history.system");
  const when = formatAuditTime(entry.at, format);
  switch (entry.action) {
    case "create":
      return { who, what: t("history.created", { noun }), when };
    case "delete":
      return { who, what: t("history.deleted", { noun }), when };
    case "restore":
      return { who, what: t("history.restored", { noun }), when };
    case "update": {
      const changes = describeChanges(table, entry.changes, format, record, t);
      return {
        who,
        what: changes.length ? t("history.changed", { changes: changes.join(", ") }) : t("history.changedThis", { noun }),
        when,
      };
    }
    default:
      return { who, what: t("history.other", { action: entry.action, noun }), when };
  }
}
