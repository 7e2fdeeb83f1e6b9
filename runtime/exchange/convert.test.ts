import { describe, expect, it } from "vitest";
import { convertAmount, parseRate, rateOn, type ExchangeRate } from "./convert";

const rates: ExchangeRate[] = [
  { day: "2026-11-01", currency: "USD", rate: "0.9" },
  { day: "2026-12-01", currency: "USD", rate: "0.95" },
  { day: "2026-11-15", currency: "GBP", rate: "1.2" },
];
const on = (day: string) => (c: string) => rateOn(rates, c, day);

describe("convertAmount", () => {
  it("converts into the base at the rate that applies, exactly, rounded to the scale", () => {
    expect(convertAmount(108, "USD", "EUR", "EUR", on("2026-11-20"), 2)).toMatchObject({ ok: true, value: 97.2 });
    expect(convertAmount(0.1, "USD", "EUR", "EUR", on("2026-11-20"), 2)).toMatchObject({ ok: true, value: 0.09 });
    expect(convertAmount("33.33", "USD", "EUR", "EUR", on("2026-12-05"), 2)).toMatchObject({ ok: true, value: 31.66 });
  });

  it("converts out of the base and between two other currencies through it", () => {
    expect(convertAmount(90, "EUR", "USD", "EUR", on("2026-11-20"), 2)).toMatchObject({ ok: true, value: 100 });
    // 100 GBP = 120 EUR = 133.333… USD at 0.9
    const cross = convertAmount(100, "GBP", "USD", "EUR", on("2026-11-20"), 2);
    expect(cross).toMatchObject({ ok: true, value: 133.33 });
    expect(cross.ok && cross.used.map((r) => `${r.currency} ${r.day}`)).toEqual(["GBP 2026-11-15", "USD 2026-11-01"]);
  });

  it("keeps a negative amount (a refund) negative and rounds half away from zero", () => {
    expect(convertAmount(-10.01, "USD", "EUR", "EUR", on("2026-11-20"), 1)).toMatchObject({ ok: true, value: -9 });
    expect(convertAmount(0.05, "USD", "EUR", "EUR", on("2026-11-20"), 1)).toMatchObject({ ok: true, value: 0 });
    expect(convertAmount(-0.5, "USD", "EUR", "EUR", () => ({ day: "2026-01-01", currency: "USD", rate: "1" }), 0)).toMatchObject({
      ok: true,
      value: -1,
    });
  });

  it("says which currency has no rate on or before the day", () => {
    expect(convertAmount(10, "USD", "EUR", "EUR", on("2026-10-31"), 2)).toEqual({ ok: false, missing: "USD" });
    expect(convertAmount(10, "USD", "GBP", "EUR", on("2026-11-10"), 2)).toEqual({ ok: false, missing: "GBP" });
  });

  it("needs no rate for one currency to itself", () => {
    expect(convertAmount(12.345, "CHF", "CHF", "EUR", () => null, 2)).toEqual({ ok: true, value: 12.35, used: [] });
  });
});

describe("rateOn", () => {
  it("takes the latest rate on or before the day, never a later one", () => {
    expect(rateOn(rates, "USD", "2026-11-30")?.rate).toBe("0.9");
    expect(rateOn(rates, "USD", "2026-12-01")?.rate).toBe("0.95");
    expect(rateOn(rates, "USD", "2026-10-01")).toBeNull();
  });
});

describe("parseRate", () => {
  it("takes positive decimals and refuses the rest", () => {
    expect(parseRate("1.0834")).toBe("1.0834");
    expect(parseRate(" 0.5 ")).toBe("0.5");
    expect(parseRate(2)).toBe("2");
    for (const bad of ["0", "-1", "1,08", "abc", "", null, "1e5"]) expect(parseRate(bad), String(bad)).toBeNull();
  });
});
