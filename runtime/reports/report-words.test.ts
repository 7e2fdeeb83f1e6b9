import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { agingLabel, ENGLISH_REPORT_WORDS, englishReportWords, groupedLabel, measureLabel } from "./report-words";

const english = JSON.parse(fs.readFileSync(path.join(process.cwd(), "locales", "en.json"), "utf8")) as Record<string, unknown>;
const message = (key: string) =>
  key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], english);

describe("a report's own words", () => {
  it("say in English what the English catalog says", () => {
    for (const [key, text] of Object.entries(ENGLISH_REPORT_WORDS)) expect([key, message(key)]).toEqual([key, text]);
  });

  it("name measures, dated groupings and aging buckets", () => {
    expect(measureLabel("count", null, englishReportWords)).toBe("Count");
    expect(measureLabel("avg", "Total", englishReportWords)).toBe("Average of Total");
    expect(groupedLabel("Issued on", "aging", englishReportWords)).toBe("Issued on (days overdue)");
    expect(agingLabel("31-60")).toBe("31–60 days");
    expect(agingLabel("later")).toBe("later");
  });

  it("take a reader's words instead", () => {
    const t = (key: string, values?: Record<string, unknown>) => `${key}|${JSON.stringify(values ?? {})}`;
    expect(measureLabel("sum", "Summa", t)).toBe('reports.measure.sum|{"field":"Summa"}');
    expect(agingLabel("90+", t)).toBe("reports.aging.days90plus|{}");
  });
});
