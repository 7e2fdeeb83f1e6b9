import { describe, expect, it } from "vitest";
import { decimalSeparator, fromLocalNumberText, parseNumberText, toLocalNumberText } from "./numbers";

describe("numbers typed in the reader's locale", () => {
  it("knows each shipped locale's decimal separator", () => {
    expect(["en-US", "sv-SE", "zh-CN", "hy-AM"].map(decimalSeparator)).toEqual([".", ",", ".", ","]);
  });

  it("shows a decimal comma where the locale writes one", () => {
    expect(toLocalNumberText("1234.56", "sv-SE")).toBe("1234,56");
    expect(toLocalNumberText("1234.56", "en-US")).toBe("1234.56");
  });

  it("reads Swedish typing as the number meant, and a dot as typed", () => {
    const read = (text: string, locale: string) => parseNumberText(fromLocalNumberText(text, locale));
    expect(read("1234,56", "sv-SE")).toEqual({ ok: true, value: 1234.56 });
    expect(read("1 234,5", "sv-SE")).toEqual({ ok: true, value: 1234.5 });
    expect(read("1\u00a0234,5", "hy-AM")).toEqual({ ok: true, value: 1234.5 });
    expect(read("1234.56", "sv-SE")).toEqual({ ok: true, value: 1234.56 });
    expect(read("1234,56", "en-US").ok).toBe(false);
  });
});
