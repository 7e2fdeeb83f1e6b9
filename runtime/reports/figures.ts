import { ENGLISH_REPORTS, type ReportFormat } from "./report-words";
import type { ReportColumn, ReportResult } from "./run.server";

/**
 * How a report's cells read on screen and in charts: figures in the person's format, money in
 * its row's currency, empty groups named, date buckets as people say them, all in the reader's
 * words and locale (English by default). Pure, so the table, the charts and their tests agree.
 */

const months = new Map<string, Intl.DateTimeFormat>();

/** `Jan 2026`, `jan. 2026`, `2026年1月`: a month as the locale names it, read in UTC so server and browser agree. */
function monthText(key: string, locale: string): string {
  let f = months.get(locale);
  if (!f) months.set(locale, (f = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" })));
  return f.format(new Date(`${key}-01T00:00:00Z`));
}

export function groupText(column: ReportColumn, value: unknown, format: ReportFormat = ENGLISH_REPORTS): string {
  const { t } = format;
  if (value === null || value === undefined || value === "") return t("reports.cell.none");
  const text = String(value);
  if (column.bucket === "month" && /^\d{4}-\d{2}$/.test(text)) return monthText(text, format.locale);
  const quarter = column.bucket === "quarter" ? /^(\d{4})-Q(\d)$/.exec(text) : null;
  if (quarter) return t("reports.cell.quarter", { year: quarter[1], quarter: quarter[2] });
  if (column.bucket === "week") return t("reports.cell.weekOf", { day: text });
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
function numberFormat(locale: string, currency: string | null, money: boolean): Intl.NumberFormat {
  const key = `${locale}|${currency ?? ""}|${money}`;
  let f = formats.get(key);
  if (!f) {
    let options: Intl.NumberFormatOptions = money ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : { maximumFractionDigits: 2 };
    if (currency && /^[A-Z]{3}$/.test(currency)) options = { style: "currency", currency };
    formats.set(key, (f = new Intl.NumberFormat(locale, options)));
  }
  return f;
}

export function figureText(result: ReportResult, column: ReportColumn, row: unknown[], value: unknown, locale = "en-US"): string {
  if (value === null || value === undefined) return "—";
  if (typeof value !== "number") return String(value);
  return numberFormat(locale, currencyOf(result, column, row), !!column.money).format(value);
}

/** A row's name in a chart: its groups' texts, and its currency where money is split by one. */
export function rowLabel(
  result: ReportResult,
  row: unknown[],
  groups: number[] = indexesOf(result, "group"),
  format: ReportFormat = ENGLISH_REPORTS,
): string {
  const parts = groups.map((i) => groupText(result.columns[i], row[i], format));
  return parts.length ? parts.join(" · ") : format.t("reports.cell.all");
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
export function conversionNote(result: ReportResult, { t }: ReportFormat = ENGLISH_REPORTS): string | null {
  const c = result.converted;
  if (!c) return null;
  const rates = c.rates.map((r) => t("reports.rate", { currency: r.currency, rate: r.rate, base: c.base, day: r.day }));
  return rates.length
    ? t("reports.conversionAt", { currency: c.currency, day: c.day, rates: rates.join(", ") })
    : t("reports.conversion", { currency: c.currency, day: c.day });
}
