import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveRole } from "@runtime/auth/roles.server";
import { saveMailingRate } from "@runtime/mail/send-rate.server";
import { SYSTEM_ACTOR } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken, sessionHeaders, signIn, type SignedIn } from "../helpers/auth";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { defaultRole } from "../helpers/default-configuration";
import { startTestSmtp, type TestSmtp } from "../helpers/smtp";
import { httpClient } from "./records-http";

/**
 * Mailings through the built app (`npx remix build` first): the API's 202 and status, whose
 * mailing is whose, and the public unsubscribe page and one-click address, which need no sign-in
 * and turn a forged link into a 400 page.
 */
describe.each(testDatabases)("mailings over HTTP on $name", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  let smtp: TestSmtp;
  let rt: Runtime;
  let url = "";
  let template = "";
  let view = 0;
  const PASSWORD = "a-long-enough-password";
  const tokens: Record<"dana" | "eli" | "nora", string> = { dana: "", eli: "", nora: "" };
  const as = (who: keyof typeof tokens) =>
    httpClient(
      () => url,
      () => tokens[who],
    );
  const anonymous = httpClient(() => url);

  beforeAll(async () => {
    smtp = await startTestSmtp();
    database = await kind.create();
    server = await startAppServer({ database, env: { SMTP_URL: smtp.url, MAIL_FROM: "news@tessera.test" } });
    url = server.url;
    rt = await createRuntime({ databaseUrl: database.url });
    const staff = defaultRole("staff");
    await saveRole(rt.db, {
      key: "no_clients",
      name: "No clients",
      tables: { ...staff.tables, t_clients: { ...staff.tables["*"], read: false } },
    });
    await saveMailingRate(rt.db, 6_000);
    await rt.db("clients").where({ country: "SE" }).update({ country: "NO" });
    for (const [name, email] of [
      ["Alfa AB", "alfa@se.test"],
      ["Beta AB", "beta@se.test"],
    ])
      await rt.records.create(SYSTEM_ACTOR, "clients", { kind: "company", name, email, country: "SE", status: "active" });
    template = (
      await rt.mail.templates.save(SYSTEM_ACTOR, {
        table: "clients",
        name: "News",
        subject: "News for {{ record.name }}",
        body: "Hello {{ record.name }}",
      })
    ).id;
    const admin: SignedIn = await signIn(url);
    for (const [name, role] of [
      ["dana", "staff"],
      ["eli", "staff"],
      ["nora", "no_clients"],
    ] as const) {
      const email = `${name}@tessera.test`;
      const created = await anonymous("POST", "/api/users", {
        body: { name, email, role, password: PASSWORD },
        headers: sessionHeaders(url, admin),
      });
      expect(created.status, created.text).toBe(201);
      tokens[name] = await createApiToken(url, await signIn(url, email, PASSWORD));
      if (name === "dana")
        view = (
          await rt.views.create({ ...SYSTEM_ACTOR, id: (created.json as { user: { id: number } }).user.id }, "t_clients", {
            name: "Active clients in Sweden",
            state: { filter: { and: [{ field: "f_clients_country", op: "eq", value: "SE" }] } },
          })
        ).id;
    }
  }, 180_000);

  afterAll(async () => {
    await rt?.close();
    await server?.stop();
    await database?.drop();
    await smtp?.close();
  });

  it("queues a mailing with 202, answers its status to its sender only, and unsubscribes with one click from anywhere", async () => {
    const preview = await as("dana")("GET", `/api/mailings/preview?template=${template}&view=${view}`);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.json).toMatchObject({ total: 2, message: { to: "alfa@se.test", subject: "News for Alfa AB" } });

    const created = await as("dana")("POST", "/api/mailings", { body: { template, view } });
    expect(created.status, created.text).toBe(202);
    const { id } = created.json as { id: number };
    expect(created.headers.get("location")).toBe(`/api/mailings/${id}`);
    await smtp.waitFor(2);
    let status: { status: string; counts: { sent: number }; recipients: { address: string; status: string }[] } | undefined;
    for (const until = Date.now() + 15_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
      status = (await as("dana")("GET", `/api/mailings/${id}`)).json as typeof status;
      if (status?.status === "done") break;
    }
    expect(status).toMatchObject({ status: "done", counts: { sent: 2 } });
    expect(status!.recipients.map((r) => [r.address, r.status])).toEqual([
      ["alfa@se.test", "sent"],
      ["beta@se.test", "sent"],
    ]);

    // Someone else's mailing is not there; a role that may not read clients may not mail them.
    expect((await as("eli")("GET", `/api/mailings/${id}`)).status).toBe(404);
    expect((await as("eli")("GET", "/api/mailings")).json).toEqual({ mailings: [] });
    const refused = await as("nora")("POST", "/api/mailings", { body: { template, view: "all" } });
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual({ error: expect.stringMatching(/may not see Clients/) });

    // Two workers send: Alfa's message is not necessarily the first to arrive.
    const toAlfa = smtp.received.find((m) => m.to && "text" in m.to && m.to.text === "alfa@se.test")!;
    const line = toAlfa.headerLines.find((h) => h.key === "list-unsubscribe")!.line.replace(/\r?\n\s+/g, " ");
    const oneClick = /<([^>]+)>/.exec(line)![1];
    expect(oneClick).toMatch(new RegExp(`^${url}/unsubscribe/[^/]+/one-click$`));
    const page = oneClick.replace(/\/one-click$/, "");
    // The page asks first: opening it (a mail scanner does) unsubscribes no one.
    const shown = await fetch(page);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain("alfa@se.test");
    expect(await rt.db("crm_mail_suppressions").count({ n: "*" }).first()).toMatchObject({ n: 0 });
    // A provider's one-click POST: no session, a foreign Origin.
    const clicked = await fetch(oneClick, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://mail.example.org" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(clicked.status, await clicked.text()).toBe(200);
    expect(await rt.db("crm_mail_suppressions").pluck("address")).toEqual(["alfa@se.test"]);

    // A tampered link: a clear 400 page, and the same for the one-click address.
    const tampered = page.replace(/.(?=\.)/, (c) => (c === "A" ? "B" : "A"));
    const bad = await fetch(tampered);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("This unsubscribe link is not valid");
    const badClick = await fetch(`${tampered}/one-click`, { method: "POST", body: "List-Unsubscribe=One-Click" });
    expect(badClick.status).toBe(400);
    // The confirming form of the page works without JavaScript.
    const confirmed = await fetch(page, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url },
      body: "",
    });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain("You are unsubscribed");
  });
});
