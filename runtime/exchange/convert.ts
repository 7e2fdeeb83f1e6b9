import DecimalBase from "decimal.js";

// Significant digits to spare: a rate has up to 24, an amount up to 15.
const Decimal = DecimalBase.clone({ precision: 40 });
type Decimal = DecimalBase;

/** One exchange rate: what one unit of `currency` was worth in the base currency from `day` on. */
export interface ExchangeRate {
  day: string;
  currency: string;
  /** A decimal string, kept exact: "1.0834". */
  rate: string;
}

export type Conversion =
  | { ok: true; value: number; used: ExchangeRate[] }
  /** No rate for `missing` on or before the day asked. */
  | { ok: false; missing: string };

/**
 * `amount` in `from` expressed in `to`, through the base currency: amount × rate(from) ÷ rate(to),
 * in exact decimals, rounded half away from zero to `scale` places (the money field's). `rateOf`
 * answers the rate that applies (the latest on or before the day that matters) or null; the base
 * currency is worth 1 and needs no rate.
 */
export function convertAmount(
  amount: number | string,
  from: string,
  to: string,
  base: string,
  rateOf: (currency: string) => ExchangeRate | null,
  scale: number,
): Conversion {
  const round = (d: Decimal) => d.toDecimalPlaces(scale, Decimal.ROUND_HALF_UP).toNumber();
  if (from === to) return { ok: true, value: round(new Decimal(amount)), used: [] };
  const used: ExchangeRate[] = [];
  const worth = (currency: string): Decimal | null => {
    if (currency === base) return new Decimal(1);
    const rate = rateOf(currency);
    if (!rate) return null;
    used.push(rate);
    return new Decimal(rate.rate);
  };
  const fromRate = worth(from);
  if (!fromRate) return { ok: false, missing: from };
  const toRate = worth(to);
  if (!toRate) return { ok: false, missing: to };
  return { ok: true, value: round(new Decimal(amount).times(fromRate).dividedBy(toRate)), used };
}

/** A rate as admins type it: a positive decimal, at most 12 places, or null. */
export function parseRate(raw: unknown): string | null {
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  if (!/^\d{1,12}(\.\d{1,12})?$/.test(text)) return null;
  const d = new Decimal(text);
  return d.isZero() ? null : d.toString();
}

/** The latest rate of `currency` on or before `day`, from rates in any order. */
export function rateOn(rates: readonly ExchangeRate[], currency: string, day: string): ExchangeRate | null {
  let best: ExchangeRate | null = null;
  for (const r of rates) if (r.currency === currency && r.day <= day && (!best || r.day > best.day)) best = r;
  return best;
}
