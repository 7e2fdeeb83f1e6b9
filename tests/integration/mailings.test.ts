import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "@runtime/auth/actors.server";
import { saveRole } from "@runtime/auth/roles.server";
import { addUser, setUserLanguage } from "@runtime/auth/users.server";
import { createMailings } from "@runtime/mail/mailings.server";
import { saveMailingRate } from "@runtime/mail/send-rate.server";
import { listSuppressions, unsuppress } from "@runtime/mail/suppressions.server";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import type { Runtime } from "@runtime/runtime.server";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { createSeededRuntime, defaultRole } from "../helpers/default-configuration";
import { startTestSmtp, type TestSmtp } from "../helpers/smtp";

/**
 * Mailings to a list view's records, sent through the queue to a real SMTP server in this process
 * with the queue's clock moved by hand: the rate limit spaces the messages, every message carries
 * its own unsubscribe link and the List-Unsubscribe headers, an unsubscribed address is skipped
 * by the next mailing, a refusing server leaves recipients retrying (sent later, once), and the
 * sender's role decides which records and fields the mailing reads.
 */
const ORIGIN = "https://crm.example.test";
const SECOND = 1_000;
const MINUTE = 60 * SECOND;

const failure = (p: Promise<unknown>) =>
  p.then(
    () => "resolved",
    (e: { status?: number; message?: string }) => `${e.status} ${e.message}`,
  );

describe.each(testDatabases)("mailings on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  let smtp: TestSmtp;
  let clock = Date.now();
  let sam: Actor;
  let eve: Actor;
  let template: string;
  let view: number;

  const tick = () => rt.queue.runUntilIdle(rt.jobHandlers);
  const later = async (ms: number) => {
    clock += ms;
    return tick();
  };
  const toOf = (i: number) => {
    const to = smtp.received[i].to;
    return to && "text" in to ? to.text : "";
  };
  /** The header line as it came (mailparser folds List-* headers into a structure of its own). */
  const rawHeader = (i: number, key: string) =>
    (smtp.received[i].headerLines.find((h) => h.key === key)?.line ?? "").replace(/\r?\n\s+/g, " ");
  const unsubscribeLink = (i: number) => {
    const text = rawHeader(i, "list-unsubscribe");
    return /^List-Unsubscribe: <(https:\/\/[^>\s]+)\/one-click>$/i.exec(text)?.[1] ?? "";
  };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    database = await kind.create();
    rt = await createSeededRuntime(database.url, {
      jobs: { now: () => new Date(clock) },
      mail: {
        timeoutMs: 1_000,
        env: { SMTP_URL: smtp.url, MAIL_FROM: "news@tessera.test", SESSION_SECRET: "a-test-secret-that-is-long-enough" },
      },
    });
    // Only this file's templates: the shipped ones would let a role without clients start a mailing of invoices.
    for (const t of await rt.mail.templates.list()) await rt.mail.templates.remove(SYSTEM_ACTOR, t.id);
    const staff = defaultRole("staff");
    await saveRole(rt.db, {
      key: "no_emails",
      name: "No emails",
      tables: { ...staff.tables, t_clients: { ...staff.tables["*"], fields: { f_clients_email: "hidden" } } },
    });
    await saveRole(rt.db, {
      key: "no_clients",
      name: "No clients",
      tables: { ...staff.tables, t_clients: { ...staff.tables["*"], read: false } },
    });
    const user = async (name: string, role: string) =>
      actorForUser(rt.db, await addUser(rt.db, { name, email: `${name.toLowerCase()}@staff.test`, role, password: "a-long-password-1" }));
    sam = await user("Sam", "staff");
    eve = await user("Eve", "staff");
    // Only the clients made here are active in Sweden.
    await rt.db("clients").where({ country: "SE" }).update({ country: "NO" });
    for (const [name, email] of [
      ["Alfa AB", "alfa@se.test"],
      ["Beta AB", "beta@se.test"],
      ["Gamma AB", ""],
      ["Alfa Twin AB", "ALFA@se.test"],
    ])
      await rt.records.create(SYSTEM_ACTOR, "clients", { kind: "company", name, email: email || null, country: "SE", status: "active" });
    template = (
      await rt.mail.templates.save(SYSTEM_ACTOR, {
        table: "clients",
        name: "Spring news",
        subject: "Spring news for {{ record.name }}",
        body: "Hello {{ record.name }},\nour spring prices are out.",
      })
    ).id;
    view = (
      await rt.views.create(sam, "t_clients", {
        name: "Active clients in Sweden",
        state: {
          filter: {
            and: [
              { field: "f_clients_country", op: "eq", value: "SE" },
              { field: "f_clients_status", op: "eq", value: "active" },
            ],
          },
        },
      })
    ).id;
    await saveMailingRate(rt.db, 2);
  }, 180_000);
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
    await smtp?.close();
  });

  it("previews any recipient of the list, then sends each one message at the rate limit, with List-Unsubscribe", async () => {
    const preview = await rt.mailings.preview(sam, { template, view }, ORIGIN);
    expect(preview.view).toBe("Active clients in Sweden");
    expect(preview.recipients.map((r) => r.label)).toEqual(["Alfa AB", "Beta AB", "Gamma AB", "Alfa Twin AB"]);
    expect(preview.message).toMatchObject({ to: "alfa@se.test", subject: "Spring news for Alfa AB" });
    expect(preview.message!.body).toContain(
      `our spring prices are out.\n\n--\nTo receive no more of these messages, open ${ORIGIN}/unsubscribe/`,
    );
    const gamma = preview.recipients.find((r) => r.label === "Gamma AB")!;
    expect((await rt.mailings.preview(sam, { template, view, record: gamma.id }, ORIGIN)).message).toMatchObject({
      skipped: "no email address",
    });

    const before = smtp.received.length;
    const { id } = await rt.mailings.create(sam, { template, view }, ORIGIN);
    expect((await rt.mailings.get(sam, id)).status).toBe("preparing");
    await tick();
    // Two a minute: the first goes now, the second 30 s later, not a moment before.
    expect(smtp.received.length - before).toBe(1);
    await later(29 * SECOND);
    expect(smtp.received.length - before).toBe(1);
    await later(1 * SECOND);
    expect(smtp.received.length - before).toBe(2);
    await later(10 * MINUTE);
    expect(smtp.received.length - before).toBe(2);

    const mailing = await rt.mailings.get(sam, id);
    expect(mailing).toMatchObject({ status: "done", counts: { total: 4, sent: 2, skipped: 2, queued: 0, failed: 0 } });
    expect(mailing.recipients.map((r) => [r.label, r.status, r.reason ?? null])).toEqual([
      ["Alfa AB", "sent", null],
      ["Beta AB", "sent", null],
      ["Gamma AB", "skipped", "no email address"],
      ["Alfa Twin AB", "skipped", "address already in this mailing"],
    ]);
    expect([toOf(before), toOf(before + 1)]).toEqual(["alfa@se.test", "beta@se.test"]);
    const mail = smtp.received[before];
    expect(mail.subject).toBe("Spring news for Alfa AB");
    expect(unsubscribeLink(before)).toMatch(new RegExp(`^${ORIGIN}/unsubscribe/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$`));
    expect(rawHeader(before, "list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    // The body's link is the header's page, and each recipient has their own.
    expect(mail.text).toContain(unsubscribeLink(before));
    expect(mail.html).toContain(`<a href="${unsubscribeLink(before)}">`);
    expect(unsubscribeLink(before + 1)).not.toBe(unsubscribeLink(before));
    // The summary list counts the same.
    expect((await rt.mailings.list(sam)).find((m) => m.id === id)?.counts.sent).toBe(2);
  });

  it("unsubscribes through the link, and the next mailing skips that address; a forged token is a 400", async () => {
    const before = smtp.received.length;
    const first = await rt.mailings.create(sam, { template, view }, ORIGIN);
    await tick();
    await later(MINUTE);
    const link = unsubscribeLink(before);
    const token = link.slice(link.lastIndexOf("/") + 1);
    expect(await rt.mailings.unsubscribeClaim(token)).toEqual({ mailingId: first.id, address: "alfa@se.test" });
    const [payload, mac] = token.split(".");
    const forged = `${Buffer.from(`${first.id}:beta@se.test`).toString("base64url")}.${mac}`;
    expect(await failure(rt.mailings.unsubscribe(forged))).toMatch(/^400 This unsubscribe link is not valid/);
    expect(await failure(rt.mailings.unsubscribe(`${payload}.${mac.slice(1)}`))).toMatch(/^400 /);
    await rt.mailings.unsubscribe(token);
    await rt.mailings.unsubscribe(token); // twice is no error
    expect((await listSuppressions(SYSTEM_ACTOR, rt.db)).map((s) => s.address)).toEqual(["alfa@se.test"]);

    const received = smtp.received.length;
    const next = await rt.mailings.create(sam, { template, view }, ORIGIN);
    await tick();
    await later(MINUTE);
    expect(smtp.received.slice(received).map((m) => (m.to && "text" in m.to ? m.to.text : ""))).toEqual(["beta@se.test"]);
    const detail = await rt.mailings.get(sam, next.id);
    expect(detail.recipients.find((r) => r.label === "Alfa AB")).toMatchObject({ status: "skipped", reason: "unsubscribed" });
    // The Twin's address is the same mailbox: skipped too, and written to by no one.
    expect(detail.recipients.find((r) => r.label === "Alfa Twin AB")).toMatchObject({ status: "skipped", reason: "unsubscribed" });
    // An admin may take the address off the list; others may not see it.
    expect(await failure(listSuppressions(sam, rt.db))).toMatch(/^403 /);
    await unsuppress(SYSTEM_ACTOR, rt.db, "ALFA@se.test");
    expect(await listSuppressions(SYSTEM_ACTOR, rt.db)).toEqual([]);
  });

  it("skips an address that unsubscribes while its message waits for its turn", async () => {
    const before = smtp.received.length;
    const { id } = await rt.mailings.create(sam, { template, view }, ORIGIN);
    await tick();
    expect(smtp.received.length - before).toBe(1);
    // Beta waits 30 s for its slot; meanwhile it unsubscribes (through a link of an earlier mailing).
    const { suppress } = await import("@runtime/mail/suppressions.server");
    await suppress(rt.db, "beta@se.test", null);
    await later(MINUTE);
    expect(smtp.received.length - before).toBe(1);
    const detail = await rt.mailings.get(sam, id);
    expect(detail.recipients.find((r) => r.label === "Beta AB")).toMatchObject({ status: "skipped", reason: "unsubscribed" });
    expect(detail.status).toBe("done");
    await unsuppress(SYSTEM_ACTOR, rt.db, "beta@se.test");
  });

  it("leaves recipients of a refusing server retrying, and sends each once when it takes them", async () => {
    smtp.mode = "refuse";
    const before = smtp.received.length;
    const { id } = await rt.mailings.create(sam, { template, view }, ORIGIN);
    await tick();
    await later(30 * SECOND);
    const refused = await rt.mailings.get(sam, id);
    expect(refused.status).toBe("sending");
    expect(refused.counts).toMatchObject({ retrying: 2, sent: 0 });
    expect(refused.recipients[0]).toMatchObject({ status: "retrying", error: expect.stringMatching(/550/) });
    smtp.mode = "accept";
    for (let i = 0; i < 6; i++) await later(10 * MINUTE);
    const done = await rt.mailings.get(sam, id);
    expect(done).toMatchObject({ status: "done", counts: { sent: 2, retrying: 0, failed: 0 } });
    expect(smtp.received.length - before).toBe(2);
    for (const messageId of await rt.db("crm_mail_messages").where({ mailing_id: id }).pluck("message_id"))
      expect(smtp.deliveries(String(messageId))).toBe(1);
  });

  it("leaves recipients of a silent server retrying, and sends each once later", async () => {
    smtp.mode = "stall";
    const before = smtp.received.length;
    const { id } = await rt.mailings.create(sam, { template, view }, ORIGIN);
    await tick();
    await later(30 * SECOND);
    const stalled = await rt.mailings.get(sam, id);
    expect(stalled.counts).toMatchObject({ retrying: 2, sent: 0 });
    expect(stalled.recipients[0].error).toMatch(/timeout|timed out/i);
    smtp.mode = "accept";
    for (let i = 0; i < 6; i++) await later(10 * MINUTE);
    expect(await rt.mailings.get(sam, id)).toMatchObject({ status: "done", counts: { sent: 2 } });
    expect(smtp.received.length - before).toBe(2);
  }, 30_000);

  it("goes on after a crash between batches of the list: no recipient lost, none queued twice", async () => {
    let reads = 0;
    // The second page of the list fails once, as if the process died after the first batch committed.
    const records = {
      ...rt.records,
      list: (...args: Parameters<Runtime["records"]["list"]>) => {
        if (args[1] === "clients" && args[2]?.cursor && reads++ === 0) return Promise.reject(new Error("the process died"));
        return rt.records.list(...args);
      },
    };
    const crashing = createMailings(
      { db: rt.db, records, workspace: rt.workspace, views: rt.views, queue: rt.queue, mail: rt.mail },
      { batchRows: 2, env: { SESSION_SECRET: "a-test-secret-that-is-long-enough" } },
    );
    const handlers = { ...rt.jobHandlers, ...crashing.handlers };
    const before = smtp.received.length;
    const { id } = await crashing.create(sam, { template, view }, ORIGIN);
    await rt.queue.runUntilIdle(handlers);
    expect((await crashing.get(sam, id)).counts.total).toBe(2);
    expect((await rt.queue.getByKey(`mailing:${id}`))?.state).toBe("queued");
    for (let i = 0; i < 4; i++) {
      clock += MINUTE;
      await rt.queue.runUntilIdle(handlers);
    }
    const done = await crashing.get(sam, id);
    expect(done).toMatchObject({ status: "done", counts: { total: 4, sent: 2, skipped: 2 } });
    expect(done.recipients.map((r) => r.label)).toEqual(["Alfa AB", "Beta AB", "Gamma AB", "Alfa Twin AB"]);
    expect(smtp.received.length - before).toBe(2);
  });

  it("stops a mailing whose template cannot be filled in, and says why", async () => {
    const broken = await rt.mail.templates.save(SYSTEM_ACTOR, {
      table: "clients",
      name: "Broken",
      subject: "Hi",
      body: "{% include 'nope' %}",
    });
    const { id } = await rt.mailings.create(sam, { template: broken.id, view }, ORIGIN);
    await tick();
    expect(await rt.mailings.get(sam, id)).toMatchObject({
      status: "failed",
      error: expect.stringContaining('the message template "Broken" could not be filled in'),
      counts: { total: 0 },
    });
    await rt.mail.templates.remove(SYSTEM_ACTOR, broken.id);
  });

  it("knows at once which tables have a template after a template is added or removed here", async () => {
    expect(await rt.mail.templates.tables()).not.toContain("products");
    const prices = await rt.mail.templates.save(SYSTEM_ACTOR, { table: "products", name: "Prices", subject: "Prices", body: "Hello" });
    expect(await rt.mail.templates.tables()).toContain("products");
    await rt.mail.templates.remove(SYSTEM_ACTOR, prices.id);
    expect(await rt.mail.templates.tables()).not.toContain("products");
  });

  it("reads the list as the sender: no read right, no mailing; a hidden address, no message; someone else's mailing is not there", async () => {
    const noClients = await actorForUser(
      rt.db,
      await addUser(rt.db, { name: "Nora", email: "nora@staff.test", role: "no_clients", password: "a-long-password-1" }),
    );
    expect(await failure(rt.mailings.create(noClients, { template, view: "all" }, ORIGIN))).toMatch(/^403 .*may not see Clients/);
    expect(await failure(rt.mailings.preview(noClients, { template, view: "all" }, ORIGIN))).toMatch(/^403 /);
    expect(await rt.mailings.mayStart(noClients)).toBe(false);
    expect(await rt.mailings.mayStart(sam)).toBe(true);
    // Sam's own view is not Eve's to use.
    expect(await failure(rt.mailings.create(eve, { template, view }, ORIGIN))).toMatch(/^404 there is no list view/);

    const hider = await actorForUser(
      rt.db,
      await addUser(rt.db, { name: "Hal", email: "hal@staff.test", role: "no_emails", password: "a-long-password-1" }),
    );
    const before = smtp.received.length;
    const shared = await rt.views.create(hider, "t_clients", {
      name: "Swedish",
      state: { filter: { field: "f_clients_country", op: "eq", value: "SE" } },
    });
    const { id } = await rt.mailings.create(hider, { template, view: shared.id }, ORIGIN);
    await tick();
    await later(5 * MINUTE);
    const detail = await rt.mailings.get(hider, id);
    expect(detail.counts).toMatchObject({ total: 4, skipped: 4, sent: 0 });
    expect(smtp.received.length).toBe(before);

    expect(await failure(rt.mailings.get(eve, id))).toMatch(/^404 /);
    expect((await rt.mailings.list(eve)).map((m) => m.id)).not.toContain(id);
    expect((await rt.mailings.get(SYSTEM_ACTOR, id)).id).toBe(id);
  });
  it("words the unsubscribe footer in its sender's language", async () => {
    await setUserLanguage(rt.db, sam.id!, "sv", ["en", "sv"]);
    try {
      const preview = await rt.mailings.preview(sam, { template, view }, ORIGIN);
      expect(preview.message!.body).toContain(`\n\n--\nÖppna ${ORIGIN}/unsubscribe/`);
      expect(preview.message!.body).not.toContain("To receive no more");
    } finally {
      await setUserLanguage(rt.db, sam.id!, null, ["en", "sv"]);
    }
  });
});
