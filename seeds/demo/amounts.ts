/**
 * Line and document amounts as the schema's formulas compute them (rounded per line, half away
 * from zero), so demo payments can pay an invoice exactly. Decimal arithmetic: never binary floats.
 */
import Decimal from "decimal.js";

export interface LineFigures {
  quantity: number;
  price: number;
  discount?: number | null;
  tax_rate?: number | null;
}

export interface LineAmounts {
  net: number;
  tax: number;
  gross: number;
}

const cents = (value: Decimal) => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

export function lineAmounts(line: LineFigures): LineAmounts {
  const discount = new Decimal(line.discount ?? 0);
  const net = cents(new Decimal(line.quantity).times(line.price).times(new Decimal(1).minus(discount.div(100))));
  const tax = cents(net.times(line.tax_rate ?? 0).div(100));
  return { net: net.toNumber(), tax: tax.toNumber(), gross: net.plus(tax).toNumber() };
}

/** What `sum(items.gross)` gives. */
export function documentTotal(lines: readonly LineFigures[]): number {
  return lines.reduce((sum, line) => sum.plus(lineAmounts(line).gross), new Decimal(0)).toNumber();
}

/** `share` of `total`, rounded to cents; used for partial payments. */
export function shareOf(total: number, share: number): number {
  return cents(new Decimal(total).times(share)).toNumber();
}

export function minus(a: number, b: number): number {
  return new Decimal(a).minus(b).toNumber();
}
