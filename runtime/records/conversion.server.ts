import type { Knex } from "knex";
import { convertAmount, type ExchangeRate } from "../exchange/convert";
import { baseCurrency, latestRate, overpaymentPolicy } from "../exchange/rates.server";
import { valueKindOf } from "../fields/registry";
import { relationTarget } from "../fields/structure";
import type { CompiledField, CompiledSchema, CompiledTable } from "../schema/compile";
import type { Phrase } from "../i18n/words";
import { moneyPhrase, moneyWords } from "../exchange/money-words";
import { addFieldPhrase } from "./field-phrases";
import type { FieldErrors } from "./validation";

/**
 * Two field keywords of money received in other currencies (docs/decisions/032-exchange-rates.md):
 *
 * - `x-converted-from: { amount, currency, date }`: the field holds the amount of those fields
 *   converted into the record's own currency (its `x-currency-field`) at the rate of that date. A
 *   payment of $108 on an invoice in euros holds €100 in `amount`, which the invoice sums.
 * - `x-at-most: "relation.field"`: the value is at most that field of the linked record (a payment
 *   at most its invoice's balance), unless the admin lets overpayments stand as credit.
 */

interface ConvertedFrom {
  amount: string;
  currency: string;
  date: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const converted = new WeakMap<CompiledTable, CompiledField[]>();
/** The table's converted fields (a compiled table never changes: asked once). */
export function convertedFields(table: CompiledTable): CompiledField[] {
  let fields = converted.get(table);
  if (!fields) converted.set(table, (fields = table.fields.filter((f) => f.def["x-converted-from"] !== undefined)));
  return fields;
}

/**
 * Fills each converted field of `record` (the whole record as it will be stored) from its source
 * fields when any of them is in `changed` (every key on create). Conversion runs on input the
 * validator has not seen yet: a source that is not a number, code or YYYY-MM-DD date is left for
 * the validator to name. A missing rate is an error on the field, saying what to add where.
 */
export async function applyConversions(
  q: Knex,
  table: CompiledTable,
  record: Record<string, unknown>,
  changed: Record<string, unknown> | null,
  lookups: RateLookups = rateLookups(q),
): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  for (const f of convertedFields(table)) {
    const from = f.def["x-converted-from"] as ConvertedFrom;
    const ownCurrency = f.def["x-currency-field"];
    // The field itself too: it follows what was received, whatever is sent for it.
    const sources = [f.key, from.amount, from.currency, from.date, ownCurrency];
    if (changed && !sources.some((k) => k !== undefined && k in changed)) continue;
    const amount = record[from.amount];
    if (amount === null || amount === undefined) continue;
    const received = record[from.currency];
    const to = ownCurrency ? record[ownCurrency] : undefined;
    const day = record[from.date];
    if (typeof amount !== "number" || typeof day !== "string" || !DAY.test(day)) continue;
    if (typeof received !== "string" || typeof to !== "string" || received === to) {
      record[f.key] = amount;
      continue;
    }
    const conversion = await convertOn(lookups, amount, received, to, day, f.def["x-scale"] ?? 2);
    if (typeof conversion !== "number")
      addFieldPhrase(errors, f.key, moneyWords, moneyPhrase("onField", { label: f.label, problem: conversion }));
    else record[f.key] = conversion;
  }
  return errors;
}

/** The base currency and rates a write looks up, each asked once: a batch of thousands asks a few times. */
export interface RateLookups {
  base(): Promise<string | null>;
  rate(currency: string, day: string): Promise<ExchangeRate | null>;
}

export function rateLookups(q: Knex): RateLookups {
  let base: Promise<string | null> | undefined;
  const rates = new Map<string, Promise<ExchangeRate | null>>();
  return {
    base: () => (base ??= baseCurrency(q)),
    rate(currency, day) {
      const key = `${currency} ${day}`;
      let found = rates.get(key);
      if (!found) rates.set(key, (found = latestRate(q, currency, day)));
      return found;
    },
  };
}

/** `amount` in `from` as `to` on `day`, or what is missing and how to add it. */
async function convertOn(
  lookups: RateLookups,
  amount: number,
  from: string,
  to: string,
  day: string,
  scale: number,
): Promise<number | Phrase> {
  const base = await lookups.base();
  if (!base) return moneyPhrase("noBase", { from, to });
  const rates = new Map<string, ExchangeRate | null>();
  for (const c of [from, to]) if (c !== base) rates.set(c, await lookups.rate(c, day));
  const result = convertAmount(amount, from, to, base, (c) => rates.get(c) ?? null, scale);
  if (!result.ok) return moneyPhrase("noRate", { currency: result.missing, day });
  return result.value;
}

/**
 * `x-at-most`: refuses a value above the linked record's field, counting what this record already
 * gave it (an edited payment frees its old amount). Only a value that grows is checked, so older
 * data stays editable; under the "credit" setting nothing is refused and the linked balance goes
 * below zero, which reads as credit. `lock` (MariaDB, in the write's transaction) holds the linked
 * row until the write commits, so concurrent writes check against each other's results.
 */
export async function checkAtMost(
  q: Knex,
  compiled: CompiledSchema,
  table: CompiledTable,
  before: Record<string, unknown> | null,
  record: Record<string, unknown>,
  errors: FieldErrors,
  lock = false,
): Promise<void> {
  const limited = table.fields.filter((f) => typeof f.def["x-at-most"] === "string" && !errors[f.key]);
  if (limited.length === 0 || (await overpaymentPolicy(q)) === "credit") return;
  for (const f of limited) {
    const [via, field] = (f.def["x-at-most"] as string).split(".");
    const link = table.fieldsByKey.get(via);
    const target = link && compiled.tablesByKey.get(relationTarget(link) ?? "");
    const value = record[f.key];
    const id = record[via];
    if (!link || !target || typeof value !== "number" || typeof id !== "number") continue;
    const old = before && before[via] === id && typeof before[f.key] === "number" ? (before[f.key] as number) : 0;
    if (value <= old) continue;
    // Inside the write's transaction the linked row is locked: two payments at once cannot both fit one balance.
    const read = q(target.key).where({ id });
    if (lock) read.forUpdate();
    const row = (await read.first()) as Record<string, unknown> | undefined;
    const limitField = target.fieldsByKey.get(field);
    if (!row || !limitField || row[field] === null || row[field] === undefined) continue;
    const limit = Number(row[field]) + old;
    if (value <= limit + 1e-9) continue;
    addFieldPhrase(
      errors,
      f.key,
      moneyWords,
      moneyPhrase("overpaid", {
        what: table.label.toLowerCase(),
        amount: shown(f, value, record),
        limit: shown(limitField, limit, row),
        limitField: limitField.label.toLowerCase(),
        target: target.label,
        id,
      }),
    );
  }
}

const shown = (f: CompiledField, value: number, record: Record<string, unknown>) =>
  valueKindOf(f.def).formatDisplay(value, f.def, { locale: "en-US" }, record);
