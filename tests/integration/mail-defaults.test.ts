import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import type { Runtime } from "@runtime/runtime.server";
import { DEFAULT_MAIL_TEMPLATES } from "@seeds/mail-templates";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { createSeededRuntime } from "../helpers/default-configuration";

/**
 * The shipped message templates: stored when the demo is seeded, and filled in for real records
 * without a Liquid problem, so *Send by email* on a fresh install starts from a finished message.
 */
const ACTOR: Actor = { ...SYSTEM_ACTOR, id: null, name: "Accountant", role: "admin" };
const MAIL_ENV = { SMTP_URL: "smtp://127.0.0.1:2525", MAIL_FROM: "office@example.com" };

describe("shipped message templates on a seeded SQLite database", () => {
  let database: TestDatabase;
  let rt: Runtime;

  beforeAll(async () => {
    database = await testDatabases[0].create();
    rt = await createSeededRuntime(database.url, { mail: { env: MAIL_ENV } });
  }, 120_000);
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  it("stores each once and fills them in for an issued invoice and a contract", async () => {
    const stored = await rt.mail.templates.list();
    expect(stored.map((t) => t.id).sort()).toEqual(DEFAULT_MAIL_TEMPLATES.map((t) => t.id).sort());
    await rt.mail.templates.addDefaults(DEFAULT_MAIL_TEMPLATES);
    expect(await rt.mail.templates.list()).toHaveLength(stored.length);

    const { rows } = await rt.records.list(ACTOR, "invoices", { filter: { field: "status", op: "eq", value: "issued" }, pageSize: 1 });
    const invoice = await rt.records.get(ACTOR, "invoices", rows[0].id);
    const client = await rt.records.get(ACTOR, "clients", invoice.client as number);
    const offer = await rt.mail.offer(ACTOR, "invoices", invoice.id);
    expect(offer.templates.map((t) => t.name)).toEqual(["Invoice", "Payment reminder"]);
    const [first] = offer.templates;
    expect(first.problem).toBeUndefined();
    expect(first.subject).toMatch(new RegExp(`^Invoice ${String(invoice.number)} from \\S`));
    expect(first.body).toContain(`Dear ${String(client.name)},`);
    expect(first.body).toMatch(/for [€$£]?[A-Z]{0,3}\s?[\d,]+\.\d\d/);
    expect(first.body).not.toMatch(/\{\{|\{%/);

    const { rows: contracts } = await rt.records.list(ACTOR, "contracts", { pageSize: 1 });
    const contractOffer = await rt.mail.offer(ACTOR, "contracts", contracts[0].id);
    expect(contractOffer.templates[0].problem).toBeUndefined();
    expect(contractOffer.templates[0].body).not.toMatch(/\{\{|\{%/);
  });
});
