import { describe, expect, it } from "vitest";
import { conversionNote, figureText, groupText, rowLabel } from "./figures";
import type { ReportColumn, ReportResult } from "./run.server";

const month: ReportColumn = { key: "issued_on:month", label: "Issued on (month)", role: "group", bucket: "month" };
const quarter: ReportColumn = { ...month, key: "issued_on:quarter", bucket: "quarter" };
const week: ReportColumn = { ...month, key: "issued_on:week", bucket: "week" };
const total: ReportColumn = { key: "sum:total", label: "Sum of Total", role: "measure", money: true, currency: "EUR" };
const result: ReportResult = { columns: [month, total], rows: [["2026-01", 1234.5]], links: [null], truncated: false };
const swedish = { locale: "sv-SE", t: (key: string, values?: Record<string, unknown>) => `${key} ${JSON.stringify(values ?? {})}` };

describe("a report's cells", () => {
  it("read in English by default, as before", () => {
    expect(groupText(month, "2026-01")).toBe("Jan 2026");
    expect(groupText(quarter, "2026-Q3")).toBe("2026 Q3");
    expect(groupText(week, "2026-03-02")).toBe("Week of 2026-03-02");
    expect(groupText(month, null)).toBe("(none)");
    expect(figureText(result, total, result.rows[0], 1234.5)).toBe("€1,234.50");
    expect(rowLabel(result, result.rows[0], [])).toBe("All");
  });

  it("read in the reader's locale and words", () => {
    expect(groupText(month, "2026-01", { ...swedish, locale: "zh-CN" })).toBe("2026年1月");
    expect(groupText(quarter, "2026-Q3", swedish)).toBe('reports.cell.quarter {"year":"2026","quarter":"3"}');
    expect(figureText(result, total, result.rows[0], 1234.5, "sv-SE")).toBe("1\u00a0234,50\u00a0€");
    expect(rowLabel(result, result.rows[0], [], swedish)).toBe("reports.cell.all {}");
    const converted = { ...result, converted: { currency: "SEK", base: "EUR", day: "2026-03-01", rates: [] } };
    expect(conversionNote(converted as ReportResult, swedish)).toBe('reports.conversion {"currency":"SEK","day":"2026-03-01"}');
  });
});
