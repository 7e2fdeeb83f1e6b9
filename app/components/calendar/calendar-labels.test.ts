import { describe, expect, it } from "vitest";
import { languagePack } from "@runtime/i18n/catalogs.server";
import { createTranslator } from "@runtime/i18n/translator";
import { calendarLabels } from "./calendar-labels";

function labelsIn(language: string) {
  const pack = languagePack(language);
  const translator = createTranslator(pack);
  return calendarLabels(pack.locale, (key, values) => translator.t(key, values));
}

const WEEK = ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"];

describe("a calendar's words", () => {
  it("in English, name days as before, with the locale's months", () => {
    const en = labelsIn("en");
    expect(en.dayLong("2026-12-03")).toBe("Thursday 3 December 2026");
    expect(en.dayLong("2026-12-03", false)).toBe("Thursday 3 December");
    expect(en.spanTitle("month", "2026-12-10", [])).toBe("December 2026");
    expect(en.weekdayShort("2026-11-30")).toBe("Mon");
  });

  it("in Swedish, Chinese and Armenian, come from Intl in the reader's locale", () => {
    const [sv, zh, hy] = ["sv", "zh", "hy"].map(labelsIn);
    expect(sv.dayLong("2026-12-03")).toBe("torsdag 3 december 2026");
    expect(sv.spanTitle("month", "2026-12-10", [])).toBe("december 2026");
    expect(sv.weekdayShort("2026-11-30")).toMatch(/^mån/);
    expect(zh.dayLong("2026-12-03")).toBe("2026年12月3日星期四");
    expect(zh.dayLong("2026-12-03", false)).toBe("12月3日星期四");
    expect(zh.spanTitle("month", "2026-12-10", [])).toBe("2026年12月");
    expect(zh.spanTitle("week", "2026-12-01", WEEK)).toBe("11月30日 – 2026年12月6日");
    expect(zh.dayNumber("2026-12-01")).toBe("12月1日");
    expect(hy.dayLong("2026-12-03")).toBe("2026 թ. դեկտեմբերի 3, հինգշաբթի");
    expect(hy.dayNumber("2026-12-02")).toBe("2");
  });
});
