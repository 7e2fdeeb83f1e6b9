import type { ReportColumn, ReportResult } from "./run.server";

/**
 * How a report's cells read on screen and in charts: figures in the person's format, money in
 * its row's currency, empty groups named, date buckets as people say them. Pure, so the table,
 * the charts and their tests agree.
 */

const LOCALE = "en-US";
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function groupText(column: ReportColumn, value: unknown): string {
  if (value === null || value === undefined || value === "") return "(none)";
  const text = String(value);
  if (column.bucket === "month" && /^\d{4}-\d{2}$/.test(text)) return `${MONTHS[Number(text.slice(5)) - 1]} ${text.slice(0, 4)}`;
  if (column.bucket === "quarter") return text.replace("-", " ");
  if (column.bucket === "week") return `Week of ${text}`;
  return text;
}

/** The currency a row's figure in `column` is in, when it is money. */
export function currencyOf(result: ReportResult, column: ReportColumn, row: unknown[]): string | null {
  if (!column.money) return null;
  if (column.currency) return column.currency;
  const at = result.columns.findIndex((c) => c.key === column.currencyKey);
  return at >= 0 && typeof row[at] === "string" ? (row[at] as string) : null;
}

const formats = new Map<string, Intl.NumberFormat>();
function format(currency: string | null, money: boolean): Intl.NumberFormat {
  const key = `${currency ?? ""}|${money}`;
  let f = formats.get(key);
  if (!f) {
    let options: Intl.NumberFormatOptions = money ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : { maximumFractionDigits: 2 };
    if (currency && /^[A-Z]{3}$/.test(currency)) options = { style: "currency", currency };
    formats.set(key, (f = new Intl.NumberFormat(LOCALE, options)));
  }
  return f;
}

export function figureText(result: ReportResult, column: ReportColumn, row: unknown[], value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value !== "number") return String(value);
  return format(currencyOf(result, column, row), !!column.money).format(value);
}

/** A row's name in a chart: its groups' texts, and its currency where money is split by one. */
export function rowLabel(result: ReportResult, row: unknown[], groups: number[] = indexesOf(result, "group")): string {
  const parts = groups.map((i) => groupText(result.columns[i], row[i]));
  return parts.length ? parts.join(" · ") : "All";
}

export function indexesOf(result: ReportResult, role: ReportColumn["role"]): number[] {
  return result.columns.flatMap((c, i) => (c.role === role ? [i] : []));
}

/** The currencies a report's money is in: a chart that adds bars up must not mix them. */
export function currenciesIn(result: ReportResult): string[] {
  const at = indexesOf(result, "currency");
  return [...new Set(result.rows.flatMap((r) => at.map((i) => r[i])).filter((v): v is string => typeof v === "string"))];
}

/** What a report's money can be shown in: the currencies it holds, and the one it was converted into. */
export function currencyChoices(result: ReportResult): string[] {
  const converted = result.converted ? [result.converted.currency, ...result.converted.rates.map((r) => r.currency)] : [];
  return [...new Set([...currenciesIn(result), ...converted])].sort();
}

/** How a report's money was converted, in a sentence; null when it was not. */
export function conversionNote(result: ReportResult): string | null {
  const c = result.converted;
  if (!c) return null;
  const rates = c.rates.map((r) => `1 ${r.currency} = ${r.rate} ${c.base} (from ${r.day})`);
  return `Money in ${c.currency}, converted at the latest rates on or before ${c.day}${rates.length ? `: ${rates.join(", ")}` : ""}.`;
}
