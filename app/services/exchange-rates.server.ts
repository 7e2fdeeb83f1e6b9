/**
 * Exchange rates and their settings as the admin screen and its API twin use them: each function
 * checks that an administrator calls it and writes the audit entry.
 */
import { audit } from "@runtime/auth/audit.server";
import { SYSTEM_TABLES } from "@runtime/db/system-tables.server";
import {
  baseCurrency,
  deleteRate,
  importRates,
  listRates,
  overpaymentPolicy,
  putRate,
  saveExchangeSettings,
  updateRate,
  type OverpaymentPolicy,
  type RateImportResult,
  type StoredRate,
} from "@runtime/exchange/rates.server";
import { badRequest } from "@runtime/errors";
import { requireAdmin, type Actor } from "@runtime/records/permissions";
import { getRuntime } from "./runtime.server";

export interface ExchangeRatesView {
  base: string | null;
  overpayment: OverpaymentPolicy;
  rates: StoredRate[];
}

type RateInput = { day?: unknown; currency?: unknown; rate?: unknown };

async function db() {
  return (await getRuntime()).db;
}

const WHAT = "manageExchangeRates";

const record = async (actor: Actor, recordId: number | null, changes: Record<string, unknown>) =>
  audit(await db(), { userId: actor.id, action: "exchange_rates", table: SYSTEM_TABLES.exchangeRates, recordId, changes, ip: actor.ip });

export function rateIdOf(raw: unknown): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw badRequest(`"${String(raw)}" is not an exchange rate id`);
  return id;
}

export async function exchangeRatesAs(actor: Actor): Promise<ExchangeRatesView> {
  requireAdmin(actor, WHAT);
  const d = await db();
  return { base: await baseCurrency(d), overpayment: await overpaymentPolicy(d), rates: await listRates(d) };
}

export async function saveExchangeSettingsAs(actor: Actor, input: { base?: unknown; overpayment?: unknown }): Promise<ExchangeRatesView> {
  requireAdmin(actor, WHAT);
  await saveExchangeSettings(await db(), input);
  await record(actor, null, { base: input.base ?? null, overpayment: input.overpayment ?? null });
  return exchangeRatesAs(actor);
}

export async function putRateAs(actor: Actor, input: RateInput): Promise<StoredRate> {
  requireAdmin(actor, WHAT);
  const rate = await putRate(await db(), input, actor.id);
  await record(actor, rate.id, { day: rate.day, currency: rate.currency, rate: rate.rate });
  return rate;
}

export async function updateRateAs(actor: Actor, id: number, input: RateInput): Promise<StoredRate> {
  requireAdmin(actor, WHAT);
  const rate = await updateRate(await db(), id, input, actor.id);
  await record(actor, id, { day: rate.day, currency: rate.currency, rate: rate.rate });
  return rate;
}

export async function deleteRateAs(actor: Actor, id: number): Promise<void> {
  requireAdmin(actor, WHAT);
  await deleteRate(await db(), id);
  await record(actor, id, { deleted: true });
}

/** Rates from CSV text, all or nothing (`importRates`). */
export async function importRatesAs(actor: Actor, csv: string): Promise<RateImportResult> {
  requireAdmin(actor, WHAT);
  const result = await importRates(await db(), csv, actor.id);
  if (result.imported) await record(actor, null, { imported: result.imported });
  return result;
}
