import type { Knex } from "knex";
import { parse } from "csv-parse/sync";
import { getSetting, putSetting } from "../auth/settings.server";
import { dbNow, SYSTEM_TABLES } from "../db/system-tables.server";
import { isPhrase, say, type Phrase } from "../i18n/words";
import { moneyPhrase, moneyRefusal, moneyWords } from "./money-words";
import { parseRate, type ExchangeRate } from "./convert";

/**
 * Exchange rates (`crm_exchange_rates`: day, currency, rate in the base currency) and the two
 * settings that go with them: the base currency and what an amount over its limit (`x-at-most`,
 * a payment over the balance) does. See docs/decisions/032-exchange-rates.md.
 */

export const BASE_CURRENCY_SETTING = "exchange.base_currency";
export const OVERPAYMENT_SETTING = "exchange.overpayment";
export type OverpaymentPolicy = "refuse" | "credit";

export interface StoredRate extends ExchangeRate {
  id: number;
}

const CURRENCY = /^[A-Z]{3}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export async function baseCurrency(q: Knex): Promise<string | null> {
  return getSetting(q, BASE_CURRENCY_SETTING);
}

export async function overpaymentPolicy(q: Knex): Promise<OverpaymentPolicy> {
  return (await getSetting(q, OVERPAYMENT_SETTING)) === "credit" ? "credit" : "refuse";
}

export async function saveExchangeSettings(q: Knex, input: { base?: unknown; overpayment?: unknown }): Promise<void> {
  if (input.base !== undefined) {
    if (typeof input.base !== "string" || !CURRENCY.test(input.base))
      throw moneyRefusal(422, moneyPhrase("baseCode", { value: JSON.stringify(input.base) }));
    await putSetting(q, BASE_CURRENCY_SETTING, input.base);
  }
  if (input.overpayment !== undefined) {
    if (input.overpayment !== "refuse" && input.overpayment !== "credit")
      throw moneyRefusal(422, moneyPhrase("overpayment", { value: JSON.stringify(input.overpayment) }));
    await putSetting(q, OVERPAYMENT_SETTING, input.overpayment);
  }
}

const fromRow = (r: { id: number; day: string; currency: string; rate: string }): StoredRate => ({
  id: Number(r.id),
  day: String(r.day),
  currency: String(r.currency),
  rate: String(r.rate),
});

/** Newest first. */
export async function listRates(q: Knex): Promise<StoredRate[]> {
  const rows = await q(SYSTEM_TABLES.exchangeRates)
    .orderBy([{ column: "day", order: "desc" }, "currency"])
    .select("id", "day", "currency", "rate");
  return rows.map(fromRow);
}

/** The rate that applies to `currency` on `day`: the latest on or before it. */
export async function latestRate(q: Knex, currency: string, day: string): Promise<ExchangeRate | null> {
  const row = await q(SYSTEM_TABLES.exchangeRates)
    .where({ currency })
    .where("day", "<=", day)
    .orderBy("day", "desc")
    .first("day", "currency", "rate");
  return row ? { day: String(row.day), currency: String(row.currency), rate: String(row.rate) } : null;
}

/** A rate as sent, checked; the messages say which part is wrong and what is expected. */
export function checkRate(input: { day?: unknown; currency?: unknown; rate?: unknown }, base: string | null): ExchangeRate | Phrase {
  const day = typeof input.day === "string" ? input.day.trim() : "";
  const currency = typeof input.currency === "string" ? input.currency.trim().toUpperCase() : "";
  if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) return moneyPhrase("day", { value: JSON.stringify(input.day ?? "") });
  if (!CURRENCY.test(currency)) return moneyPhrase("currency", { value: JSON.stringify(input.currency ?? "") });
  if (currency === base) return moneyPhrase("isBase", { currency });
  const rate = parseRate(input.rate);
  if (rate === null)
    return moneyPhrase("rate", { currency, base: base ?? moneyPhrase("theBase"), value: JSON.stringify(input.rate ?? "") });
  return { day, currency, rate };
}

/** Adds a rate, or replaces the one of that day and currency. */
export async function putRate(
  q: Knex,
  input: { day?: unknown; currency?: unknown; rate?: unknown },
  actorId: number | null,
): Promise<StoredRate> {
  const checked = checkRate(input, await baseCurrency(q));
  if (isPhrase(checked)) throw moneyRefusal(422, checked);
  await q(SYSTEM_TABLES.exchangeRates)
    .insert({ ...checked, updated_at: dbNow(), updated_by: actorId })
    .onConflict(["day", "currency"])
    .merge(["rate", "updated_at", "updated_by"]);
  const row = await q(SYSTEM_TABLES.exchangeRates)
    .where({ day: checked.day, currency: checked.currency })
    .first("id", "day", "currency", "rate");
  return fromRow(row);
}

/** Changes one rate by id. */
export async function updateRate(
  q: Knex,
  id: number,
  input: { day?: unknown; currency?: unknown; rate?: unknown },
  actorId: number | null,
): Promise<StoredRate> {
  const current = await q(SYSTEM_TABLES.exchangeRates).where({ id }).first("id", "day", "currency", "rate");
  if (!current) throw moneyRefusal(404, moneyPhrase("rateGone", { id }));
  const checked = checkRate({ ...fromRow(current), ...input }, await baseCurrency(q));
  if (isPhrase(checked)) throw moneyRefusal(422, checked);
  const clash = await q(SYSTEM_TABLES.exchangeRates).where({ day: checked.day, currency: checked.currency }).whereNot({ id }).first("id");
  if (clash) throw moneyRefusal(422, moneyPhrase("clash", { currency: checked.currency, day: checked.day }));
  await q(SYSTEM_TABLES.exchangeRates)
    .where({ id })
    .update({ ...checked, updated_at: dbNow(), updated_by: actorId });
  return { id, ...checked };
}

export async function deleteRate(q: Knex, id: number): Promise<void> {
  const n = await q(SYSTEM_TABLES.exchangeRates).where({ id }).delete();
  if (!n) throw moneyRefusal(404, moneyPhrase("rateGone", { id }));
}

/** Sets the base currency and stores rates known to be right (a seed's). */
export async function storeRates(q: Knex, base: string, rates: readonly ExchangeRate[]): Promise<void> {
  await saveExchangeSettings(q, { base });
  for (const rate of rates) await putRate(q, rate, null);
}

export interface RateImportResult {
  imported: number;
  /** Row numbers as a spreadsheet shows them (the header is row 1). */
  errors: { row: number; message: string }[];
}

/**
 * Rates from CSV text `day,currency,rate` (a header row is optional). All or nothing: when a row is
 * wrong nothing is written and every wrong row is named, so the admin fixes the file and sends it again.
 */
export async function importRates(q: Knex, csv: string, actorId: number | null): Promise<RateImportResult> {
  let rows: string[][];
  try {
    rows = parse(csv, { skip_empty_lines: true, trim: true, relax_column_count: true, bom: true }) as string[][];
  } catch (error) {
    throw moneyRefusal(422, moneyPhrase("notCsv", { reason: (error as Error).message }));
  }
  const header = rows[0]?.map((c) => c.toLowerCase());
  const hasHeader = header?.[0] === "day" || header?.[0] === "date";
  const base = await baseCurrency(q);
  const errors: RateImportResult["errors"] = [];
  const rates: ExchangeRate[] = [];
  const seen = new Set<string>();
  rows.forEach((cells, i) => {
    if (hasHeader && i === 0) return;
    const row = i + 1;
    if (cells.length !== 3) return void errors.push({ row, message: `expected 3 columns (day,currency,rate), found ${cells.length}` });
    const checked = checkRate({ day: cells[0], currency: cells[1], rate: cells[2] }, base);
    if (isPhrase(checked)) return void errors.push({ row, message: say(checked, moneyWords) });
    const key = `${checked.day} ${checked.currency}`;
    if (seen.has(key)) return void errors.push({ row, message: `${checked.currency} on ${checked.day} is already in an earlier row` });
    seen.add(key);
    rates.push(checked);
  });
  if (rates.length === 0 && errors.length === 0) throw moneyRefusal(422, moneyPhrase("noRates"));
  if (errors.length) return { imported: 0, errors };
  const now = dbNow();
  await q.transaction(async (trx) => {
    for (let i = 0; i < rates.length; i += 500)
      await trx(SYSTEM_TABLES.exchangeRates)
        .insert(rates.slice(i, i + 500).map((r) => ({ ...r, updated_at: now, updated_by: actorId })))
        .onConflict(["day", "currency"])
        .merge(["rate", "updated_at", "updated_by"]);
  });
  return { imported: rates.length, errors: [] };
}
