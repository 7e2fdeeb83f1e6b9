import Decimal from "decimal.js";

/** One row of the VAT analysis: all lines taxed at `rate`. */
export interface TaxSummaryRow {
  /** Percent, e.g. 23. */
  rate: number;
  net: number;
  tax: number;
  gross: number;
}

export interface TaxSummary {
  rows: TaxSummaryRow[];
  net: number;
  tax: number;
  gross: number;
}

const num = (v: unknown): Decimal | null => {
  if (typeof v === "number" && Number.isFinite(v)) return new Decimal(v);
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return new Decimal(v);
  return null;
};

const round2 = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/**
 * Net, tax and gross per tax rate. Each line is rounded to cents first (net, then the tax on that
 * net) and the rounded amounts are summed, so the analysis adds up to the line columns and the
 * invoice totals exactly — the way accountants and tax authorities expect. A line's stored
 * net/tax win over a recomputation, so the summary never disagrees with what the lines show.
 */
export function taxSummary(lines: readonly Record<string, unknown>[]): TaxSummary {
  const byRate = new Map<string, { rate: Decimal; net: Decimal; tax: Decimal }>();
  for (const line of lines) {
    const rate = num(line.tax_rate) ?? new Decimal(0);
    let net = num(line.net);
    if (net === null) {
      const quantity = num(line.quantity) ?? new Decimal(0);
      const price = num(line.price) ?? new Decimal(0);
      const discount = num(line.discount) ?? new Decimal(0);
      net = quantity.times(price).times(new Decimal(1).minus(discount.div(100)));
    }
    net = round2(net);
    const tax = round2(num(line.tax) ?? net.times(rate).div(100));
    const key = rate.toString();
    const row = byRate.get(key) ?? { rate, net: new Decimal(0), tax: new Decimal(0) };
    row.net = row.net.plus(net);
    row.tax = row.tax.plus(tax);
    byRate.set(key, row);
  }
  const rows = [...byRate.values()]
    .sort((a, b) => b.rate.comparedTo(a.rate))
    .map((r) => ({ rate: r.rate.toNumber(), net: r.net.toNumber(), tax: r.tax.toNumber(), gross: r.net.plus(r.tax).toNumber() }));
  const sum = (k: "net" | "tax" | "gross") => rows.reduce((s, r) => s.plus(r[k]), new Decimal(0)).toNumber();
  return { rows, net: sum("net"), tax: sum("tax"), gross: sum("gross") };
}
