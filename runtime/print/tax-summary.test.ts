import { describe, expect, it } from "vitest";
import { taxSummary } from "./tax-summary";

describe("taxSummary", () => {
  it("rounds each line before summing, so the analysis matches the line columns", () => {
    // 3 × 0.335 = 1.005 → 1.01 net per line (half up), 23 % of 1.01 = 0.2323 → 0.23 tax per line.
    const lines = [1, 2, 3].map(() => ({ quantity: 3, price: 0.335, tax_rate: 23 }));
    const s = taxSummary(lines);
    expect(s.rows).toEqual([{ rate: 23, net: 3.03, tax: 0.69, gross: 3.72 }]);
    // Taxing the summed net instead would give 0.70: the per-line rule is what accountants expect.
    expect(s.tax).toBe(0.69);
  });
  it("groups by rate, highest first, applying discounts and preferring stored line amounts", () => {
    const s = taxSummary([
      { quantity: 2, price: 100, discount: 10, tax_rate: 23 },
      { quantity: 1, price: 50, tax_rate: 13.5 },
      { quantity: 1, price: 10, tax_rate: 0 },
      { net: 40, tax: 9.2, tax_rate: 23 },
    ]);
    expect(s.rows).toEqual([
      { rate: 23, net: 220, tax: 50.6, gross: 270.6 },
      { rate: 13.5, net: 50, tax: 6.75, gross: 56.75 },
      { rate: 0, net: 10, tax: 0, gross: 10 },
    ]);
    expect([s.net, s.tax, s.gross]).toEqual([280, 57.35, 337.35]);
  });
  it("is empty for no lines", () => {
    expect(taxSummary([])).toEqual({ rows: [], net: 0, tax: 0, gross: 0 });
  });
});
