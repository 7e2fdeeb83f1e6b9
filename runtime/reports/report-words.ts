/**
 * The words a report says of itself (measure and grouping names, empty groups, date buckets,
 * aging buckets, the conversion note): the catalog's `reports.*` through i18next's `t`, or these
 * English ones. The runtime knows no language; a screen hands it its reader's words.
 */
export type ReportWords = (key: string, values?: Record<string, unknown>) => string;

/** Words and the Intl locale of figures and dates: how a reader sees a report. */
export interface ReportFormat {
  locale: string;
  t: ReportWords;
}

/** A reader of a report: also the language its table, field and option labels are read in. */
export interface ReportReader extends ReportFormat {
  language: string;
}

/** Exported for the test that keeps them equal to locales/en.json. */
export const ENGLISH_REPORT_WORDS: Record<string, string> = {
  "reports.measure.count": "Count",
  "reports.measure.sum": "Sum of {{field}}",
  "reports.measure.avg": "Average of {{field}}",
  "reports.measure.min": "Minimum of {{field}}",
  "reports.measure.max": "Maximum of {{field}}",
  "reports.grouped.day": "{{field}} (day)",
  "reports.grouped.week": "{{field}} (week)",
  "reports.grouped.month": "{{field}} (month)",
  "reports.grouped.quarter": "{{field}} (quarter)",
  "reports.grouped.year": "{{field}} (year)",
  "reports.grouped.aging": "{{field}} (days overdue)",
  "reports.aging.current": "Current",
  "reports.aging.days1to30": "1–30 days",
  "reports.aging.days31to60": "31–60 days",
  "reports.aging.days61to90": "61–90 days",
  "reports.aging.days90plus": "90+ days",
  "reports.cell.none": "(none)",
  "reports.cell.all": "All",
  "reports.cell.weekOf": "Week of {{day}}",
  "reports.cell.quarter": "{{year}} Q{{quarter}}",
  "reports.conversion": "Money in {{currency}}, converted at the latest rates on or before {{day}}.",
  "reports.conversionAt": "Money in {{currency}}, converted at the latest rates on or before {{day}}: {{rates}}.",
  "reports.rate": "1 {{currency}} = {{rate}} {{base}} (from {{day}})",
  "reports.perGroup": "{{label}}: one figure per group, see the table",
  "reports.untitled": "Report",
  "reports.noRecords": "No records match this report.",
  "dashboards.reportGone": "This report was deleted or is not shared with you.",
  "dashboards.noFigures": "No figures.",
  "dashboards.asOf": "As of {{at}}",
};

export const englishReportWords: ReportWords = (key, values = {}) =>
  (ENGLISH_REPORT_WORDS[key] ?? key).replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? ""));

export const ENGLISH_REPORTS: ReportFormat = { locale: "en-US", t: englishReportWords };

/** A measure's column name: "Count", "Sum of Total". */
export function measureLabel(op: string, field: string | null, t: ReportWords): string {
  return t(`reports.measure.${op}`, { field: field ?? "" });
}

/** A dated grouping's column name: "Issued on (month)". */
export function groupedLabel(field: string, bucket: string, t: ReportWords): string {
  return t(`reports.grouped.${bucket}`, { field });
}

/** The catalog key of an aging bucket (`1-30` is no key a catalog can hold). */
const AGING_KEYS: Record<string, string> = {
  current: "current",
  "1-30": "days1to30",
  "31-60": "days31to60",
  "61-90": "days61to90",
  "90+": "days90plus",
};

/** An aging bucket's name: "Current", "1–30 days"; an unknown key as it is. */
export function agingLabel(key: string, t: ReportWords = englishReportWords): string {
  return AGING_KEYS[key] ? t(`reports.aging.${AGING_KEYS[key]}`) : key;
}
