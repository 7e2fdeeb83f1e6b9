import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@runtime/errors";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { DEFAULT_CONFIGURATION } from "@seeds/default-configuration";
import { testDatabases, type TestDatabase } from "../helpers/databases";

const ACTOR: Actor = { ...SYSTEM_ACTOR, id: 1, name: "Admin", role: "admin" };

const pdfText = (pdf: Buffer) => execFileSync("pdftotext", ["-raw", "-", "-"], { input: pdf }).toString("utf8");

async function refused(p: Promise<unknown>, status = 422): Promise<ApiError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).status, (error as ApiError).message).toBe(status);
  return error as ApiError;
}

/**
 * The default configuration locks an issued invoice (`x-lock` on invoices): its number, client,
 * dates, currency and lines stay as issued for everyone, admins too; it is cancelled, never made
 * a draft again, and not deleted; its lines are not written directly either.
 */
describe.each(testDatabases)("an issued invoice on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  const schema = structuredClone(DEFAULT_CONFIGURATION.configuration.schema) as WorkspaceSchema;

  beforeAll(async () => {
    database = await kind.create();
    // The configuration's print templates come with it; its demo data does not.
    rt = await createRuntime({ databaseUrl: database.url, seed: DEFAULT_CONFIGURATION, seedOnStart: false });
    await rt.workspace.apply({ baseVersion: 0, schema });
  }, 60_000);
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  const issued = async () => {
    const client = await rt.records.create(ACTOR, "clients", { kind: "company", name: "Acme", status: "active" });
    const draft = await rt.records.create(ACTOR, "invoices", {
      client: client.id,
      date: "2026-12-01",
      status: "draft",
      currency: "EUR",
      items: [{ description: "Consulting", quantity: 2, price: 100, tax_rate: 0 }],
    });
    const invoice = await rt.records.update(ACTOR, "invoices", draft.id, { status: "issued" }, draft.version);
    return { client, invoice };
  };

  it("keeps its lines, client and number; notes still change, and lines sent back unchanged pass", async () => {
    const { invoice } = await issued();
    const emptied = await refused(rt.records.update(ACTOR, "invoices", invoice.id, { items: [] }, invoice.version));
    expect(emptied.message).toMatch(/is locked: Items cannot change\. An issued invoice is corrected by cancelling it/);
    const other = await rt.records.create(ACTOR, "clients", { kind: "company", name: "Other", status: "active" });
    expect((await refused(rt.records.update(ACTOR, "invoices", invoice.id, { client: other.id }, invoice.version))).message).toMatch(
      /Client cannot change/,
    );
    const items = invoice.items as Record<string, unknown>[];
    const lowered = items.map((l) => ({ ...l, price: 0.01 }));
    await refused(rt.records.update(ACTOR, "invoices", invoice.id, { items: lowered }, invoice.version));
    const noted = await rt.records.update(ACTOR, "invoices", invoice.id, { notes: "Paid by card", items }, invoice.version);
    expect(noted).toMatchObject({ notes: "Paid by card", total: 200 });
  });

  it("is cancelled, never made a draft again, and not deleted", async () => {
    const { invoice } = await issued();
    expect((await refused(rt.records.update(ACTOR, "invoices", invoice.id, { status: "draft" }, invoice.version))).message).toMatch(
      /cannot go back to that state/,
    );
    await refused(rt.records.remove(ACTOR, "invoices", invoice.id));
    const cancelled = await rt.records.update(ACTOR, "invoices", invoice.id, { status: "cancelled" }, invoice.version);
    expect(cancelled.status).toBe("cancelled");
    await refused(rt.records.update(ACTOR, "invoices", invoice.id, { status: "issued", due_date: "2030-01-01" }, cancelled.version));
  });

  it("refuses its lines written directly: a changed price, a new line, a removed line", async () => {
    const { invoice } = await issued();
    const [line] = invoice.items as { id: number; version: number }[];
    expect((await refused(rt.records.update(ACTOR, "invoice_items", line.id, { price: 0.01 }, line.version))).message).toMatch(
      /its items cannot change/,
    );
    await refused(rt.records.create(ACTOR, "invoice_items", { invoice: invoice.id, description: "Extra", quantity: 1, price: 5 }));
    await refused(rt.records.remove(ACTOR, "invoice_items", line.id));
    expect((await rt.records.get(ACTOR, "invoices", invoice.id)).total).toBe(200);
  });

  it("prints as it was issued: the snapshot made at issue serves every reprint", async () => {
    const { client, invoice } = await issued();
    expect(await rt.db("crm_print_snapshots").where({ record_id: invoice.id }).count({ n: "*" }).first()).toMatchObject({ n: 0 });
    await rt.queue.runUntilIdle(rt.jobHandlers);
    const templates = (await rt.print.offered(ACTOR, "invoices", invoice.id)).filter((t) => t.offered);
    expect(templates.length).toBeGreaterThan(0);
    const kept = await rt.db("crm_print_snapshots").where({ record_id: invoice.id }).select("template_id");
    expect(kept.map((r: { template_id: string }) => r.template_id).sort()).toEqual(templates.map((t) => t.id).sort());

    const first = await rt.print.printRecord(ACTOR, templates[0].id, invoice.id);
    expect(pdfText(first.pdf)).toContain("Acme");
    // The client is renamed and the template changed: the issued invoice reprints as it was.
    await rt.records.update(ACTOR, "clients", client.id, { name: "Renamed Holdings" }, client.version);
    const template = (await rt.templates.list("invoices")).find((t) => t.id === templates[0].id)!;
    await rt.templates.update(template.id, { html: `${template.html}<p>CHANGED TEMPLATE</p>` });
    const again = await rt.print.printRecord(ACTOR, templates[0].id, invoice.id);
    expect(again.pdf.equals(first.pdf)).toBe(true);
    expect(pdfText(again.pdf)).not.toContain("Renamed Holdings");
  }, 60_000);

  it("takes payments in the invoice's currency up to its balance; a credit note gives money back", async () => {
    const { client, invoice } = await issued();
    const pay = (amount: number, currency = "EUR") =>
      rt.records.create(ACTOR, "payments", { invoice: invoice.id, date: "2026-12-02", amount, currency, method: "bank_transfer" });
    const dollars = await refused(pay(50, "USD"));
    expect((dollars.details as { fields: Record<string, string> }).fields.currency).toBe(
      `Currency must be "EUR", the Currency of Invoice #${invoice.id} (its Invoice): make them the same`,
    );
    expect((await refused(pay(200.01))).details).toMatchObject({
      fields: { amount: expect.stringMatching(/^this payment of €200\.01 is more than the €200\.00 balance of Invoice #\d+/) },
    });
    await pay(150);
    await refused(pay(50.01));
    await pay(50);
    expect(await rt.records.get(ACTOR, "invoices", invoice.id)).toMatchObject({ paid: 200, balance: 0 });

    const credit = await rt.records.create(ACTOR, "invoices", {
      kind: "credit_note",
      credit_for: invoice.id,
      client: client.id,
      date: "2026-12-03",
      status: "draft",
      currency: "EUR",
      items: [{ description: "Consulting not delivered", quantity: 1, price: -100, tax_rate: 0 }],
    });
    const issuedCredit = await rt.records.update(ACTOR, "invoices", credit.id, { status: "issued" }, credit.version);
    expect(issuedCredit).toMatchObject({ kind: "credit_note", total: -100, balance: -100 });
  });

  it("refuses a lock that names what the table does not have", async () => {
    const { version } = await rt.workspace.current();
    const broken = structuredClone(schema);
    broken.$defs.invoices["x-lock"]!.fields.push("colour");
    const error = await refused(rt.workspace.apply({ baseVersion: version, schema: broken }));
    expect(JSON.stringify(error.details)).toContain('\\"colour\\" is neither a field of this table nor one of its line lists');
  });
});
