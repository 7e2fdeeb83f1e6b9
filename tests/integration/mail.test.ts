import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoleDefinition } from "@runtime/auth/roles";
import { mailServerSettings, mailSetup, saveMailSettings } from "@runtime/mail/mail-config.server";
import { createMailService } from "@runtime/mail/mail.server";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import type { Runtime } from "@runtime/runtime.server";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { createSeededRuntime, defaultRole } from "../helpers/default-configuration";
import { withFieldRenamed } from "../helpers/schema-edits";
import { startTestSmtp, type TestSmtp } from "../helpers/smtp";

/**
 * Sending a card's message through the job queue to a real SMTP server in this process: what
 * arrives is parsed (subject, body, headers, the PDF), and a refusing or silent server leaves the
 * message retrying, sent later exactly once.
 */
const accountant = defaultRole("accountant");
const ACCOUNTANT: Actor = { id: null, name: "Accountant", role: "accountant", rights: accountant };
const noInvoices: RoleDefinition = {
  ...accountant,
  key: "outsider",
  name: "Outsider",
  builtin: false,
  tables: { ...accountant.tables, t_invoices: { ...accountant.tables.t_invoices, read: false, print: false } },
};
const OUTSIDER: Actor = { id: null, name: "Outsider", role: "outsider", rights: noInvoices };
const noPrint: RoleDefinition = {
  ...accountant,
  key: "reader",
  name: "Reader",
  builtin: false,
  tables: { ...accountant.tables, t_invoices: { ...accountant.tables.t_invoices, print: false } },
};
const READER: Actor = { id: null, name: "Reader", role: "reader", rights: noPrint };

const EVIL_NAME = "Evil Ltd\r\nBcc: victim@example.org <script>x</script>";
const MINUTE = 60_000;

const failure = (p: Promise<unknown>) =>
  p.then(
    () => "resolved",
    (e: { status?: number; message?: string }) => `${e.status} ${e.message}`,
  );

describe.each(testDatabases)("sending email on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  let smtp: TestSmtp;
  let clock = Date.now();
  let invoice: { id: number; number: string };

  const tick = () => rt.queue.runUntilIdle(rt.jobHandlers);
  const later = async (ms: number) => {
    clock += ms;
    return tick();
  };
  const messageIdOf = async (id: number) => String((await rt.db("crm_mail_messages").where({ id }).first("message_id")).message_id);

  beforeAll(async () => {
    smtp = await startTestSmtp();
    database = await kind.create();
    rt = await createSeededRuntime(database.url, {
      jobs: { now: () => new Date(clock) },
      mail: { timeoutMs: 1_000, env: { SMTP_URL: smtp.url, MAIL_FROM: "office@tessera.test" } },
    });
    const row = (await rt.records.list(SYSTEM_ACTOR, "invoices", { pageSize: 1, sort: "id" })).rows[0];
    invoice = { id: row.id, number: String(row.number) };
    const client = await rt.records.get(SYSTEM_ACTOR, "clients", row.client);
    await rt.records.update(SYSTEM_ACTOR, "clients", client.id, { name: EVIL_NAME.slice(0, 60) }, client.version);
    // This file's template is the invoices' first, the one a card starts from: the shipped ones go.
    for (const t of await rt.mail.templates.list()) await rt.mail.templates.remove(SYSTEM_ACTOR, t.id);
    await rt.mail.templates.save(SYSTEM_ACTOR, {
      table: "invoices",
      name: "Invoice",
      subject: "Invoice {{ record.number }} for {{ record.client.name }}",
      body: "Dear {{ record.client.name }},\nplease find invoice {{ record.number }} attached.\n{{ company.name }}",
    });
  }, 180_000);
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
    await smtp?.close();
  });

  it("sends the invoice's PDF with the template's subject and body, once, and shows it on the timeline", async () => {
    const offer = await rt.mail.offer(ACCOUNTANT, "invoices", invoice.id);
    expect(offer.enabled).toBe(true);
    expect(offer.to).toMatch(/@/);
    expect(offer.attachments[0]?.id).toBe("invoice");
    const queued = await rt.mail.send(ACCOUNTANT, "invoices", invoice.id, {});
    expect(queued.status).toBe("queued");
    const before = smtp.received.length;
    await tick();
    expect(await rt.mail.status(ACCOUNTANT, queued.id)).toEqual({ status: "sent" });
    const mail = smtp.received[before];
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe(offer.to);
    // The line break in the client's name is a space: no Bcc header, and the subject stays one line.
    expect(mail.subject).toBe(
      `Invoice ${invoice.number} for Evil Ltd Bcc: victim@example.org <script>x</script>`.slice(0, mail.subject!.length),
    );
    expect(mail.subject).toContain(`Invoice ${invoice.number} for Evil Ltd Bcc:`);
    expect(mail.headers.has("bcc")).toBe(false);
    expect(mail.bcc).toBeUndefined();
    // Markup in a value is text in the HTML part, never markup.
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&#60;script&#62;");
    expect(mail.text).toContain(`please find invoice ${invoice.number} attached.`);
    const [pdf] = mail.attachments;
    expect(pdf.contentType).toBe("application/pdf");
    expect(pdf.content.subarray(0, 5).toString()).toBe("%PDF-");
    expect(execFileSync("pdftotext", ["-", "-"], { input: pdf.content }).toString()).toContain(invoice.number);
    // Running the queue again sends nothing more.
    await later(10 * MINUTE);
    expect(smtp.deliveries(await messageIdOf(queued.id))).toBe(1);
    const timeline = await rt.records
      .get(ACCOUNTANT, "invoices", invoice.id)
      .then(() => import("@runtime/records/timeline.server").then((m) => m.readTimeline(rt, ACCOUNTANT, "invoices", invoice.id)));
    const item = timeline.items.find((i) => i.type === "message" && i.id === queued.id);
    expect(item).toMatchObject({ type: "message", to: offer.to, status: "sent", subject: expect.stringContaining(invoice.number) });
  });

  it("keeps a line break in a typed subject out of the headers, and refuses one in the recipient", async () => {
    const before = smtp.received.length;
    const { id } = await rt.mail.send(ACCOUNTANT, "invoices", invoice.id, {
      to: "a@example.com",
      subject: "Hello\r\nBcc: x@example.org",
      body: "Hi",
      attach: null,
    });
    await tick();
    const mail = smtp.received[before];
    expect(mail.subject).toBe("Hello Bcc: x@example.org");
    expect(mail.headers.has("bcc")).toBe(false);
    expect(mail.attachments).toHaveLength(0);
    expect(smtp.deliveries(await messageIdOf(id))).toBe(1);
    expect(await failure(rt.mail.send(ACCOUNTANT, "invoices", invoice.id, { to: "a@example.com\r\nBcc: x@example.org" }))).toMatch(
      /^400 to: the recipient must be on one line/,
    );
  });

  it("leaves a refused message retrying, then sends it once when the server takes it", async () => {
    smtp.mode = "refuse";
    const { id } = await rt.mail.send(ACCOUNTANT, "invoices", invoice.id, { to: "b@example.com", attach: null });
    await tick();
    const refused = await rt.mail.status(ACCOUNTANT, id);
    expect(refused.status).toBe("retrying");
    expect(refused.error).toMatch(/550/);
    smtp.mode = "accept";
    await later(10 * MINUTE);
    expect(await rt.mail.status(ACCOUNTANT, id)).toEqual({ status: "sent" });
    await later(60 * MINUTE);
    expect(smtp.deliveries(await messageIdOf(id))).toBe(1);
  });

  it("leaves a message to a silent server retrying, and fails it for good after its last attempt", async () => {
    smtp.mode = "stall";
    const { id } = await rt.mail.send(ACCOUNTANT, "invoices", invoice.id, { to: "c@example.com", attach: null });
    await tick();
    const stalled = await rt.mail.status(ACCOUNTANT, id);
    expect(stalled.status).toBe("retrying");
    expect(stalled.error).toMatch(/timeout|timed out/i);
    for (let i = 0; i < 4; i++) await later(2 * 60 * MINUTE);
    expect((await rt.mail.status(ACCOUNTANT, id)).status).toBe("failed");
    smtp.mode = "accept";
    expect(smtp.deliveries(await messageIdOf(id))).toBe(0);
    // An operator retries the dead job: now it goes, once.
    const job = await rt.queue.getByKey(`mail:${id}`);
    await rt.queue.retry(job!.id);
    await tick();
    expect(await rt.mail.status(ACCOUNTANT, id)).toEqual({ status: "sent" });
    expect(smtp.deliveries(await messageIdOf(id))).toBe(1);
  }, 30_000);

  it("refuses a role that may not read the record, or print the attachment", async () => {
    expect(await failure(rt.mail.send(OUTSIDER, "invoices", invoice.id, {}))).toMatch(/^403 /);
    const { id } = await rt.mail.send(ACCOUNTANT, "invoices", invoice.id, { to: "d@example.com", attach: null });
    expect(await failure(rt.mail.status(OUTSIDER, id))).toMatch(/^404 /);
    expect(await failure(rt.mail.send(READER, "invoices", invoice.id, { attach: "invoice" }))).toMatch(/^403 .*may not print/);
    // Without the print right the default is no attachment, not a refusal.
    expect((await rt.mail.offer(READER, "invoices", invoice.id)).attachments).toEqual([]);
    await tick();
  });

  it("refuses a template that cannot be filled in, and still opens the card", async () => {
    const broken = await rt.mail.templates.save(SYSTEM_ACTOR, {
      table: "invoices",
      name: "Broken",
      subject: "Hi",
      body: "{% include 'nope' %}",
    });
    const offer = await rt.mail.offer(ACCOUNTANT, "invoices", invoice.id);
    expect(offer.templates.find((t) => t.id === broken.id)).toMatchObject({
      body: "",
      problem: expect.stringContaining('"Broken" could not be filled in'),
    });
    expect(await failure(rt.mail.send(ACCOUNTANT, "invoices", invoice.id, { template: broken.id }))).toMatch(
      /^422 the message template "Broken"/,
    );
    await rt.mail.templates.remove(SYSTEM_ACTOR, broken.id);
  });

  it("is off without a mail server, and says so", async () => {
    const off = createMailService(
      { db: rt.db, records: rt.records, workspace: rt.workspace, print: rt.print, queue: rt.queue },
      { env: {} },
    );
    const offer = await off.offer(ACCOUNTANT, "invoices", invoice.id);
    expect(offer).toMatchObject({ enabled: false, reason: expect.stringMatching(/^Sending email is off: no mail server is set/) });
    expect(await failure(off.send(ACCOUNTANT, "invoices", invoice.id, { to: "e@example.com" }))).toMatch(/^503 Sending email is off/);
  });

  it("takes the mail server from an admin's settings when the environment sets none, and the environment wins", async () => {
    const none = {};
    expect(await mailSetup(rt.db, none)).toMatchObject({ enabled: false, source: null });
    expect(await failure(saveMailSettings(rt.db, { smtpUrl: "http://x", from: "a@b.co" }, none))).toMatch(
      /^400 the mail server must be an smtp/,
    );
    await saveMailSettings(rt.db, { smtpUrl: "smtp://bob:s3cret@mail.example.com:587", from: "office@example.com" }, none);
    expect(await mailSetup(rt.db, none)).toMatchObject({
      enabled: true,
      source: "settings",
      config: { smtpUrl: "smtp://bob:s3cret@mail.example.com:587" },
    });
    // The screen never shows the password, and saving its redacted URL back keeps the stored one.
    const shown = await mailServerSettings(rt.db, none);
    expect(shown).toEqual({ fromEnv: false, smtpUrl: "smtp://bob:•••@mail.example.com:587", from: "office@example.com" });
    await saveMailSettings(rt.db, { smtpUrl: shown.smtpUrl, from: "billing@example.com" }, none);
    expect(await mailSetup(rt.db, none)).toMatchObject({
      config: { smtpUrl: "smtp://bob:s3cret@mail.example.com:587", from: "billing@example.com" },
    });
    const env = { SMTP_URL: smtp.url, MAIL_FROM: "office@tessera.test" };
    expect(await mailSetup(rt.db, env)).toMatchObject({ source: "environment", config: { smtpUrl: smtp.url } });
    expect(await failure(saveMailSettings(rt.db, { smtpUrl: "", from: "" }, env))).toMatch(
      /^400 the mail server is set by the server's environment/,
    );
    expect(await mailSetup(rt.db, { SMTP_URL: smtp.url })).toMatchObject({ enabled: false, reason: expect.stringContaining("MAIL_FROM") });
  });

  // Last: it changes the schema the tests above use.
  it("follows a renamed field in its message templates, as print templates do", async () => {
    const saved = await rt.mail.templates.save(SYSTEM_ACTOR, {
      table: "invoices",
      name: "Notes",
      subject: "About {{ record.number }}",
      body: "Note: {{ record.notes }}",
    });
    const { version, schema } = await rt.workspace.current();
    await rt.workspace.apply({ baseVersion: version, schema: withFieldRenamed(schema, "invoices", "notes", "remarks") });
    expect((await rt.mail.templates.get(saved.id)).body).toBe("Note: {{ record.remarks }}");
  });
});
