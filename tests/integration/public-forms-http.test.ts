import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HONEYPOT_FIELD } from "@runtime/forms/public-form";
import { SYSTEM_ACTOR } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { LEAD_ROUTES } from "../../seeds/rules";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { signIn, type SignedIn } from "../helpers/auth";
import { testDatabases, type TestDatabase } from "../helpers/databases";

/**
 * Public web forms through the built app (`npx remix build` first): a visitor's post becomes a
 * lead created by the system, so the routing rule assigns it. The server trusts the loopback proxy,
 * so each test posts from its own address (X-Forwarded-For) and the rate limit counts it alone.
 */
describe.each(testDatabases)("public web forms over HTTP on $name", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  let rt: Runtime;
  let url = "";
  let admin: SignedIn;
  const PARTNER = "https://partner.example";

  async function publish(fields: Record<string, string | string[]>): Promise<number> {
    const body = new URLSearchParams({ _csrf: admin.csrfToken, table: "leads", enabled: "on" });
    for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
    const answer = await fetch(`${url}/admin/public-forms`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: admin.cookie, Origin: url, "Content-Type": "application/x-www-form-urlencoded" },
      body,
    });
    expect(answer.status, await answer.clone().text()).toBe(302);
    return Number(/edit=(\d+)/.exec(answer.headers.get("location") ?? "")?.[1]);
  }

  /** A visitor's post, from `from` (its address), with the headers a browser on `origin` sends. */
  function post(slug: string, values: Record<string, string>, options: { from: string; origin?: string | null }) {
    const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": options.from };
    if (options.origin !== null) headers.Origin = options.origin ?? url;
    return fetch(`${url}/f/${slug}`, { method: "POST", redirect: "manual", headers, body: new URLSearchParams(values) });
  }

  async function leadNamed(name: string) {
    const { rows } = await rt.records.list(SYSTEM_ACTOR, "leads", { filter: { field: "name", op: "eq", value: name } });
    return rows;
  }

  async function ownerOf(id: number): Promise<number | null> {
    for (let i = 0; i < 100; i++) {
      const lead = await rt.records.get(SYSTEM_ACTOR, "leads", id);
      if (lead.owner !== null) return lead.owner as number;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return null;
  }

  beforeAll(async () => {
    database = await kind.create();
    server = await startAppServer({ database, env: { TRUST_PROXY: "loopback" } });
    url = server.url;
    admin = await signIn(url);
    rt = await createRuntime({ databaseUrl: database.url });
    await publish({
      title: "Talk to sales",
      slug: "talk-to-sales",
      thankYou: "Thanks, we will call you.",
      fields: ["name", "company", "email", "region", "company_size", "industry", "notes"],
    });
    await publish({ title: "Partner form", slug: "partner", allowedOrigins: PARTNER, fields: ["name", "email"] });
  }, 120_000);

  afterAll(async () => {
    await rt?.close();
    await server?.stop();
    await database?.drop();
  });

  it("creates the lead as the system, and the routing rule assigns it", async () => {
    const answer = await post(
      "talk-to-sales",
      { name: "Aoife Kelly", company: "Clare County Council", industry: "public" },
      { from: "10.0.1.1" },
    );
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe("/f/talk-to-sales?sent=1");
    const thanks = await (await fetch(`${url}/f/talk-to-sales?sent=1`)).text();
    expect(thanks).toContain("Thanks, we will call you.");
    const [lead] = await leadNamed("Aoife Kelly");
    expect(lead).toMatchObject({ company: "Clare County Council", industry: "public", status: "new" });
    const anna = await rt.db("crm_users").where({ email: LEAD_ROUTES.publicSector }).first("id");
    expect(await ownerOf(lead.id)).toBe(Number(anna.id));
  });

  it("gives a bot that fills the honeypot the same thank-you, and creates nothing", async () => {
    const answer = await post(
      "talk-to-sales",
      { name: "Spam Bot", email: "bot@spam.example", [HONEYPOT_FIELD]: "http://spam.example" },
      { from: "10.0.2.1" },
    );
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe("/f/talk-to-sales?sent=1");
    expect(await leadNamed("Spam Bot")).toEqual([]);
    // The trap is in the page, off-screen rather than display:none.
    const page = await (await fetch(`${url}/f/talk-to-sales`)).text();
    expect(page).toMatch(new RegExp(`<div class="public-form__trap" aria-hidden="true">[\\s\\S]*name="${HONEYPOT_FIELD}"`));
  });

  it("answers the 21st post in a minute from one address with 429, and other addresses still get through", async () => {
    for (let i = 0; i < 20; i++) {
      const answer = await post("talk-to-sales", { name: "Burst", [HONEYPOT_FIELD]: "x" }, { from: "10.0.3.1" });
      expect(answer.status, `post ${i + 1}`).toBe(303);
    }
    const refused = await post("talk-to-sales", { name: "Burst" }, { from: "10.0.3.1" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/Too many forms were sent from your network in the last minute\. Please wait \d+ seconds/);
    expect((await post("talk-to-sales", { name: "Neighbour", [HONEYPOT_FIELD]: "x" }, { from: "10.0.3.2" })).status).toBe(303);
  });

  it("refuses a post from a site the form does not allow, and may be framed only where allowed", async () => {
    const evil = await post("partner", { name: "From evil" }, { from: "10.0.4.1", origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(await evil.text()).toContain("This form cannot be sent from this website");
    expect((await post("partner", { name: "No origin" }, { from: "10.0.4.1", origin: null })).status).toBe(403);
    expect(await leadNamed("From evil")).toEqual([]);
    expect((await post("partner", { name: "From partner" }, { from: "10.0.4.1", origin: PARTNER })).status).toBe(303);
    expect((await post("partner", { name: "From itself" }, { from: "10.0.4.1" })).status).toBe(303);
    expect(await leadNamed("From partner")).toHaveLength(1);
    // A form without allowed origins takes posts from any site.
    expect((await post("talk-to-sales", { name: "From anywhere" }, { from: "10.0.4.1", origin: "https://anywhere.example" })).status).toBe(
      303,
    );
    expect(await leadNamed("From anywhere")).toHaveLength(1);

    const partnerPage = await fetch(`${url}/f/partner`);
    expect(partnerPage.headers.get("content-security-policy")).toContain(`frame-ancestors 'self' ${PARTNER};`);
    expect(partnerPage.headers.get("x-frame-options")).toBeNull();
    const open = await fetch(`${url}/f/talk-to-sales`);
    expect(open.headers.get("content-security-policy")).toContain("frame-ancestors *;");
    // The rest of the app still refuses to be framed.
    const login = await fetch(`${url}/login`);
    expect(login.headers.get("x-frame-options")).toBe("DENY");
    expect(login.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect((await fetch(`${url}/f/no-such-form`)).status).toBe(404);
  });

  it("records the page's UTM source and campaign, and links the campaign of that code", async () => {
    const page = await (await fetch(`${url}/f/talk-to-sales?utm_source=newsletter&utm_campaign=autumn-webinar`)).text();
    expect(page).toContain('name="utm_source" value="newsletter"');
    expect(page).toContain('name="utm_campaign" value="autumn-webinar"');
    const answer = await post(
      "talk-to-sales",
      { name: "Webinar guest", utm_source: "newsletter", utm_campaign: "autumn-webinar" },
      { from: "10.0.5.1" },
    );
    expect(answer.status).toBe(303);
    const [lead] = await leadNamed("Webinar guest");
    const { rows } = await rt.records.list(SYSTEM_ACTOR, "campaigns", { filter: { field: "code", op: "eq", value: "autumn-webinar" } });
    expect(lead).toMatchObject({ utm_source: "newsletter", utm_campaign: "autumn-webinar", campaign: rows[0].id });
    await post("talk-to-sales", { name: "Unknown campaign", utm_campaign: "no-such-thing" }, { from: "10.0.5.1" });
    expect((await leadNamed("Unknown campaign"))[0]).toMatchObject({ utm_campaign: "no-such-thing", campaign: null });
  });

  it("counts the form's leads in the shipped per-campaign report, beside the won amount", async () => {
    const shipped = await rt.reports.list(SYSTEM_ACTOR);
    const run = async (name: string) => {
      const report = shipped.find((r) => r.name === name)!;
      const { rows } = await rt.reports.run(SYSTEM_ACTOR, report.spec);
      return new Map(rows.map((row) => [JSON.stringify(row[0]), row[row.length - 1]]));
    };
    const row = (rows: Map<string, unknown>, title: string) => [...rows].find(([group]) => group.includes(title))?.[1];
    const before = Number(row(await run("Leads by campaign"), "Autumn webinar series"));
    await post("talk-to-sales", { name: "Second guest", utm_campaign: "Autumn webinar series" }, { from: "10.0.5.2" });
    expect(Number(row(await run("Leads by campaign"), "Autumn webinar series"))).toBe(before + 1);
    expect(JSON.stringify(row(await run("Won amount by campaign"), "Dublin trade fair"))).toContain("18500");
  });

  it("ignores fields the form does not publish: owner, status, activity", async () => {
    const ben = await rt.db("crm_users").where({ email: LEAD_ROUTES.northWestAccounts }).first("id");
    const answer = await post(
      "talk-to-sales",
      { name: "Sneaky", industry: "public", owner: String(ben.id), status: "won", activity: "99", utm_campaign_x: "y" },
      { from: "10.0.6.1" },
    );
    expect(answer.status).toBe(303);
    const [lead] = await leadNamed("Sneaky");
    expect(lead).toMatchObject({ status: "new", activity: 0 });
    const anna = await rt.db("crm_users").where({ email: LEAD_ROUTES.publicSector }).first("id");
    expect(await ownerOf(lead.id)).toBe(Number(anna.id));
  });

  it("shows validation errors by their field with the values kept", async () => {
    const answer = await post("talk-to-sales", { name: "", company: "Kept & Co", email: "not-an-email" }, { from: "10.0.7.1" });
    expect(answer.status).toBe(422);
    const page = await answer.text();
    expect(page).toContain("Please correct the marked fields");
    expect(page).toContain('value="Kept &amp; Co"');
    expect(page).toMatch(/id="field-name-error"[^>]*>[^<]+</);
    expect(page).toMatch(/id="field-email-error"[^>]*>[^<]+</);
  });

  it("tells a visitor, not the field, when the form leaves out a required field", async () => {
    const id = await publish({ title: "Newsletter", slug: "newsletter", fields: ["email"] });
    const editor = await (await fetch(`${url}/admin/public-forms?edit=${id}`, { headers: { Cookie: admin.cookie } })).text();
    expect(editor).toMatch(/Required but not on the form: (<!-- -->)?Name(<!-- -->)?\./);
    const answer = await post("newsletter", { email: "reader@example.com" }, { from: "10.0.10.1" });
    expect(answer.status).toBe(422);
    expect(await answer.text()).toContain("This form cannot be sent right now because it is set up incompletely");
  });

  it("takes only a plain form post of a sensible size", async () => {
    const multipart = new FormData();
    multipart.append("name", "Multipart");
    const asMultipart = await fetch(`${url}/f/talk-to-sales`, {
      method: "POST",
      headers: { Origin: url, "X-Forwarded-For": "10.0.9.1" },
      body: multipart,
    });
    expect(asMultipart.status).toBe(415);
    expect(await asMultipart.text()).toContain("plain web form post");
    const huge = await post("talk-to-sales", { name: "Huge", notes: "x".repeat(100_000) }, { from: "10.0.9.1" });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain("The form is too long to send");
    expect(await leadNamed("Huge")).toEqual([]);
  });

  it("says its refusals in the visitor's language (Accept-Language)", async () => {
    const multipart = new FormData();
    multipart.append("name", "Multipart");
    const asMultipart = await fetch(`${url}/f/talk-to-sales`, {
      method: "POST",
      headers: { Origin: url, "X-Forwarded-For": "10.0.12.1", "Accept-Language": "sv-SE,sv;q=0.9,en;q=0.5" },
      body: multipart,
    });
    expect(asMultipart.status).toBe(415);
    expect(await asMultipart.text()).toContain("Det här formuläret tar emot en vanlig webbformulärpost");
  });

  it("keeps markup in submitted values as text on the card and in the list", async () => {
    const name = `<script>alert("x")</script><b>Bold</b>`;
    expect((await post("talk-to-sales", { name, company: "<img src=x onerror=alert(1)>" }, { from: "10.0.8.1" })).status).toBe(303);
    const [lead] = await leadNamed(name);
    expect(lead.company).toBe("<img src=x onerror=alert(1)>");
    for (const path of [`/t/leads/${lead.id}`, `/t/leads?sort=-id`]) {
      const html = await (await fetch(`${url}${path}`, { headers: { Cookie: admin.cookie } })).text();
      expect(html, path).toContain("&lt;script&gt;alert(");
      expect(html, path).not.toContain('<script>alert("x")');
      expect(html, path).not.toContain("<b>Bold</b>");
      expect(html, path).not.toContain("<img src=x");
    }
  });
});
