/**
 * The demo firm's exchange rates: what one unit of each currency was worth in euros, a few dates
 * of 2026. One payment of the demo is received in dollars on an invoice in euros.
 */
import { convertAmount, rateOn, type ExchangeRate } from "@runtime/exchange/convert";

export const DEMO_BASE_CURRENCY = "EUR";

export const DEMO_RATES: ExchangeRate[] = [
  { day: "2026-07-01", currency: "USD", rate: "0.9183" },
  { day: "2026-08-03", currency: "USD", rate: "0.9127" },
  { day: "2026-09-01", currency: "USD", rate: "0.9208" },
  { day: "2026-10-01", currency: "USD", rate: "0.9264" },
  { day: "2026-11-02", currency: "USD", rate: "0.9311" },
  { day: "2026-07-01", currency: "GBP", rate: "1.1698" },
  { day: "2026-10-01", currency: "GBP", rate: "1.1634" },
  { day: "2026-07-01", currency: "CHF", rate: "1.0642" },
  { day: "2026-07-01", currency: "NOK", rate: "0.0857" },
];

/**
 * A payment of about `amount` in `to` received in `from` on `day`: what the client sent (rounded
 * to cents) and what the engine will convert it into, which is what the invoice counts as paid.
 */
export function receivedIn(from: string, to: string, amount: number, day: string): { received: number; converted: number } {
  const rateOf = (c: string) => rateOn(DEMO_RATES, c, day);
  const back = convertAmount(amount, to, from, DEMO_BASE_CURRENCY, rateOf, 2);
  if (!back.ok) throw new Error(`the demo has no ${back.missing} rate on or before ${day}`);
  const there = convertAmount(back.value, from, to, DEMO_BASE_CURRENCY, rateOf, 2);
  if (!there.ok) throw new Error(`the demo has no ${there.missing} rate on or before ${day}`);
  return { received: back.value, converted: there.value };
}
