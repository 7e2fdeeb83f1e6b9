import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@runtime/errors";
import { importRates, putRate, saveExchangeSettings } from "@runtime/exchange/rates.server";
import { dialectOf } from "@runtime/db/ddl.server";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import { runReport } from "@runtime/reports/run.server";
import { parseReportSpec } from "@runtime/reports/spec";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { DEFAULT_CONFIGURATION } from "@seeds/default-configuration";
import { testDatabases, type TestDatabase } from "../helpers/databases";

const ACTOR: Actor = { ...SYSTEM_ACTOR, id: 1, name: "Admin", role: "admin" };

async function refusal(p: Promise<unknown>): Promise<Record<string, string>> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).status, (error as ApiError).message).toBe(422);
  return ((error as ApiError).details as { fields: Record<string, string> }).fields;
}

/**
 * Payments received in another currency than their invoice's (the default configuration's
 * `x-converted-from` and `x-at-most` on payments.amount), on each database.
 */
describe.each(testDatabases)("exchange rates on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;

  beforeAll(async () => {
    database = await kind.create();
    rt = await createRuntime({ databaseUrl: database.url, seed: DEFAULT_CONFIGURATION, seedOnStart: false });
    await rt.workspace.apply({ baseVersion: 0, schema: structuredClone(DEFAULT_CONFIGURATION.configuration.schema) as WorkspaceSchema });
    await saveExchangeSettings(rt.db, { base: "EUR", overpayment: "refuse" });
    await putRate(rt.db, { day: "2026-11-01", currency: "USD", rate: "0.9" }, null);
    await putRate(rt.db, { day: "2026-12-10", currency: "USD", rate: "0.8" }, null);
    await putRate(rt.db, { day: "2026-11-01", currency: "GBP", rate: "1.2" }, null);
  }, 60_000);
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  /** An issued invoice of 200.00 in `currency`. */
  const invoice = async (currency = "EUR", clientId?: number) => {
    const client = clientId
      ? { id: clientId }
      : await rt.records.create(ACTOR, "clients", { kind: "company", name: "Acme", status: "active" });
    const draft = await rt.records.create(ACTOR, "invoices", {
      client: client.id,
      date: "2026-12-01",
      status: "draft",
      currency,
      items: [{ description: "Consulting", quantity: 2, price: 100, tax_rate: 0 }],
    });
    return rt.records.update(ACTOR, "invoices", draft.id, { status: "issued" }, draft.version);
  };
  const pay = (invoiceId: number, date: string, received_amount: number, received_currency: string, currency = "EUR") =>
    rt.records.create(ACTOR, "payments", { invoice: invoiceId, date, received_amount, received_currency, currency, method: "card" });

  it("converts a payment at the rate of its date, not a later one, and the invoice counts the converted amount", async () => {
    const inv = await invoice();
    const payment = await pay(inv.id, "2026-12-05", 111.11, "USD");
    // 111.11 × 0.9 = 99.999 → 100.00; the rate of 2026-12-10 (0.8) is not yet in force.
    expect(payment).toMatchObject({ amount: 100, received_amount: 111.11, received_currency: "USD", currency: "EUR" });
    expect(await rt.records.get(ACTOR, "invoices", inv.id)).toMatchObject({ paid: 100, balance: 100 });

    const later = await rt.records.update(ACTOR, "payments", payment.id, { date: "2026-12-10" }, payment.version);
    expect(later.amount).toBe(88.89);
    expect(await rt.records.get(ACTOR, "invoices", inv.id)).toMatchObject({ paid: 88.89 });
    // The converted amount follows what was received, whatever is sent for it.
    expect((await rt.records.update(ACTOR, "payments", payment.id, { amount: 5 }, later.version)).amount).toBe(88.89);
  });

  it("converts between two currencies neither of which is the base, and takes same-currency amounts as they are", async () => {
    const inv = await invoice("USD");
    // 50 GBP = 60 EUR = 66.67 USD at 0.9
    expect((await pay(inv.id, "2026-11-20", 50, "GBP", "USD")).amount).toBe(66.67);
    expect((await pay(inv.id, "2026-11-20", 10, "USD", "USD")).amount).toBe(10);
  });

  it("refuses a payment in a currency without a rate on or before its date, saying what to add where", async () => {
    const inv = await invoice();
    expect(await refusal(pay(inv.id, "2026-10-31", 10, "USD"))).toEqual({
      amount: "Amount (invoice currency): no exchange rate for USD on or before 2026-10-31: add one under Admin → Exchange rates",
    });
    expect((await refusal(pay(inv.id, "2026-12-01", 10, "CHF"))).amount).toMatch(/no exchange rate for CHF on or before 2026-12-01/);
    expect(await rt.records.get(ACTOR, "invoices", inv.id)).toMatchObject({ paid: 0 });
  });

  it("refuses a payment over the balance, or records it as credit when the setting says so", async () => {
    const inv = await invoice();
    const first = await pay(inv.id, "2026-12-02", 150, "EUR");
    // $60 × 0.9 = €54 > the €50 still owed
    expect((await refusal(pay(inv.id, "2026-12-02", 60, "USD"))).amount).toMatch(
      new RegExp(`^this payment of €54\\.00 is more than the €50\\.00 balance of Invoice #${inv.id}`),
    );
    // An edit counts what the payment already gave: 150 → 200 is within the total.
    const raised = await rt.records.update(ACTOR, "payments", first.id, { received_amount: 200 }, first.version);
    expect(raised.amount).toBe(200);
    await refusal(rt.records.update(ACTOR, "payments", first.id, { received_amount: 200.01 }, raised.version));

    // Two payments at once that fit the balance apart but not together: one is refused.
    const other = await invoice();
    const both = await Promise.allSettled([pay(other.id, "2026-12-02", 150, "EUR"), pay(other.id, "2026-12-02", 150, "EUR")]);
    expect(both.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await rt.records.get(ACTOR, "invoices", other.id)).toMatchObject({ paid: 150, balance: 50 });

    await saveExchangeSettings(rt.db, { overpayment: "credit" });
    try {
      await pay(inv.id, "2026-12-02", 60, "USD");
      expect(await rt.records.get(ACTOR, "invoices", inv.id)).toMatchObject({ paid: 254, balance: -54, payment_state: "credit" });
    } finally {
      await saveExchangeSettings(rt.db, { overpayment: "refuse" });
    }
  });

  it("converts payments written in bulk (imports) and refuses the batch without a rate", async () => {
    const inv = await invoice();
    const ids = await rt.records.createMany(ACTOR, "payments", [
      { invoice: inv.id, date: "2026-11-15", received_amount: 100, received_currency: "USD", currency: "EUR" },
    ]);
    const inv2 = await invoice();
    const more = await rt.records.createMany(ACTOR, "payments", [
      { invoice: inv2.id, date: "2026-12-11", received_amount: 100, received_currency: "USD", currency: "EUR" },
    ]);
    const rows = await rt
      .db("payments")
      .whereIn("id", [...ids, ...more])
      .orderBy("id")
      .select("amount");
    expect(rows.map((r) => Number(r.amount))).toEqual([90, 80]);
    expect(await rt.records.get(ACTOR, "invoices", inv.id)).toMatchObject({ paid: 90 });
    await expect(
      rt.records.createMany(ACTOR, "payments", [
        { invoice: inv.id, date: "2026-01-01", received_amount: 5, received_currency: "USD", currency: "EUR" },
      ]),
    ).rejects.toThrow(/amount would be refused/);
  });

  it("imports rates from CSV all or nothing, naming each wrong row", async () => {
    const bad = await importRates(
      rt.db,
      "day,currency,rate\n2026-12-01,CHF,1.05\n2026-13-01,CHF,1\n2026-12-02,EUR,1\n2026-12-03,PLN,-2\n",
      null,
    );
    expect(bad.imported).toBe(0);
    expect(bad.errors.map((e) => e.row)).toEqual([3, 4, 5]);
    expect(bad.errors[1].message).toBe("EUR is the base currency: it is always worth 1 and needs no rate");
    expect(await rt.db("crm_exchange_rates").where({ currency: "CHF" }).first()).toBeUndefined();
    expect(await importRates(rt.db, "2026-12-01,CHF,1.05\n2026-12-02,chf,1.06\n", null)).toEqual({ imported: 2, errors: [] });
    const inv = await invoice();
    expect((await pay(inv.id, "2026-12-03", 10, "CHF")).amount).toBe(10.6);
  });

  it("reports money of several currencies in one, at the latest rates, saying which", async () => {
    const client = await rt.records.create(ACTOR, "clients", { kind: "company", name: "Globex", status: "active" });
    await invoice("EUR", client.id);
    await invoice("USD", client.id);
    await invoice("GBP", client.id);
    const { compiled } = await rt.workspace.current();
    const run = (spec: object, day: string) =>
      runReport(
        { db: rt.db, dialect: dialectOf(rt.db), timeZone: "UTC", now: new Date(`${day}T12:00:00Z`) },
        ACTOR,
        compiled,
        parseReportSpec(compiled, {
          table: "invoices",
          groupBy: [{ field: "status" }],
          filter: { field: "client", op: "eq", value: client.id },
          ...spec,
        }),
      );
    const measures = [{ op: "count" }, { op: "sum", field: "total" }, { op: "max", field: "total" }];
    const split = await run({ measures }, "2026-12-05");
    expect(split.rows).toHaveLength(3);

    // 200 EUR + 200 USD × 0.9 + 200 GBP × 1.2 = 620 EUR on 5 December; USD is 0.8 from 10 December.
    const one = await run({ measures, currency: "EUR" }, "2026-12-05");
    expect(one.columns.map((c) => c.key)).toEqual(["status", "count", "sum:total", "max:total"]);
    expect(one.columns[2]).toMatchObject({ money: true, currency: "EUR" });
    expect(one.rows).toEqual([["Issued", 3, 620, 240]]);
    expect(one.converted).toEqual({
      currency: "EUR",
      base: "EUR",
      day: "2026-12-05",
      rates: [
        { day: "2026-11-01", currency: "GBP", rate: "1.2" },
        { day: "2026-11-01", currency: "USD", rate: "0.9" },
      ],
    });
    expect((await run({ measures, currency: "EUR" }, "2026-12-10")).rows).toEqual([["Issued", 3, 600, 240]]);
    // In dollars: 200 / 0.9 + 200 + 200 × 1.2 / 0.9 = 222.22 + 200 + 266.67
    expect((await run({ measures, currency: "USD" }, "2026-12-05")).rows).toEqual([["Issued", 3, 688.89, 266.67]]);
    await expect(run({ measures, currency: "CHF" }, "2026-11-20")).rejects.toThrow(
      "no exchange rate for CHF on or before 2026-11-20: add one under Admin → Exchange rates",
    );
  });
});
