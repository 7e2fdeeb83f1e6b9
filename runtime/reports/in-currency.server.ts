import type { Knex } from "knex";
import { moneyPhrase, moneyRefusal } from "../exchange/money-words";
import { reportRefusal } from "./report-refusals";
import { convertAmount, type ExchangeRate } from "../exchange/convert";
import { baseCurrency, latestRate } from "../exchange/rates.server";
import type { CompiledField } from "../schema/compile";
import type { ResolvedMeasure } from "./spec";

/**
 * A report's money in one currency: each currency group's measures converted at the latest rate
 * on or before today, then the groups that differed only by currency merged. Conversion is a
 * positive factor, so sums, minimums, maximums and averages (kept as sum and count) stay exact
 * to the cent of each group.
 */

/** A report row before it is shown: the group keys, currencies and measure values (an average as [sum, count]). */
export interface FoldedRow {
  groups: unknown[];
  /** Per group: the raw value the drill-down filters by (a bucket key, an id). */
  keys: unknown[];
  currencies: unknown[];
  /** Per measure: [value] or, for an average, [sum, count]. */
  values: (number | null)[][];
}

export interface ConvertedTo {
  currency: string;
  /** The currency the rates are in. */
  base: string;
  /** The rates used, each the latest on or before `day`. */
  rates: ExchangeRate[];
  /** The day the rates apply to: today in the firm's time zone. */
  day: string;
}

export async function inOneCurrency(
  db: Knex,
  rows: FoldedRow[],
  measures: ResolvedMeasure[],
  currencies: CompiledField[],
  to: string,
  day: string,
  merge: (m: ResolvedMeasure, a: (number | null)[], b: (number | null)[]) => (number | null)[],
): Promise<{ rows: FoldedRow[]; converted: ConvertedTo }> {
  const base = await baseCurrency(db);
  if (!base) throw reportRefusal(422, "noBase", { currency: to });
  const rates = new Map<string, ExchangeRate | null>();
  const found = currencies.flatMap((_, j) => rows.map((r) => r.currencies[j])).filter((c): c is string => typeof c === "string");
  for (const c of new Set([...found, to])) if (c !== base) rates.set(c, await latestRate(db, c, day));
  const used = new Set<ExchangeRate>();
  const convert = (amount: number | null, from: unknown): number | null => {
    if (amount === null || typeof from !== "string") return amount;
    const result = convertAmount(amount, from, to, base, (c) => rates.get(c) ?? null, 2);
    if (!result.ok) throw moneyRefusal(422, moneyPhrase("noRate", { currency: result.missing, day }));
    result.used.forEach((r) => used.add(r));
    return result.value;
  };
  const merged = new Map<string, FoldedRow>();
  for (const row of rows) {
    const values = measures.map((m, k) => {
      const j = m.currency ? currencies.findIndex((c) => c.key === m.currency!.key) : -1;
      if (j < 0) return row.values[k];
      const [first, ...rest] = row.values[k];
      return [convert(first, row.currencies[j]), ...rest];
    });
    const id = JSON.stringify(row.keys);
    const at = merged.get(id);
    if (!at) merged.set(id, { groups: row.groups, keys: row.keys, currencies: [], values });
    else at.values = at.values.map((old, k) => merge(measures[k], old, values[k]));
  }
  const rounded = [...merged.values()].map((r) => ({
    ...r,
    values: r.values.map((v, k) => (measures[k].currency ? v.map((x, i) => (x === null || i > 0 ? x : Math.round(x * 100) / 100)) : v)),
  }));
  return { rows: rounded, converted: { currency: to, base, rates: [...used].sort((a, b) => a.currency.localeCompare(b.currency)), day } };
}
