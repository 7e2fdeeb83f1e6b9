import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken, sessionHeaders, signIn, type SignedIn } from "../helpers/auth";
import { httpClient, type HttpAnswer } from "./records-http";

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The names an admin gives reports and templates in the reader's language (ADR 035), through the
 * built app (`npx remix build` first): the demo configuration names them in Swedish.
 */
describe("configuration items named in the reader's language", () => {
  let server: AppServer | undefined;
  let admin: SignedIn;
  let token: string | undefined;
  const call = httpClient(
    () => server!.url,
    () => token,
  );
  const ok = (answer: HttpAnswer, status = 200) => {
    expect(answer.status, `${answer.text.slice(0, 500)}\n${server!.output().slice(-2000)}`).toBe(status);
    return answer.json;
  };
  const pageIn = async (path: string, language: string) => {
    const response = await fetch(`${server!.url}${path}`, { headers: { Cookie: admin.cookie, "Accept-Language": language } });
    expect(response.status, path).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    server = await startAppServer();
    admin = await signIn(server.url);
    token = await createApiToken(server.url, admin);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("lists the reports and titles a report's page in Swedish for a Swedish reader", async () => {
    const revenue = (ok(await call("GET", "/api/reports")).reports as Row[]).find((r) => r.name === "Revenue by month")!;
    expect(revenue.translations.sv).toEqual({ name: "Intäkter per månad" });
    const list = await pageIn("/reports", "sv");
    expect(list).toContain("Intäkter per månad");
    expect(list).toContain("Säljtratt per steg");
    const page = await pageIn(`/reports/${revenue.id}`, "sv");
    expect(page).toContain("<title>Intäkter per månad · Tessera</title>");
    expect(page).toMatch(/<h1>Intäkter per månad<\/h1>/);
    // English readers keep the name as written.
    expect(await pageIn(`/reports/${revenue.id}`, "en")).toMatch(/<h1>Revenue by month<\/h1>/);
  });

  it("names the card's print templates in Swedish", async () => {
    const invoice = (ok(await call("GET", "/api/t/invoices?pageSize=1")).rows as Row[])[0];
    const card = await pageIn(`/t/invoices/${invoice.id}`, "sv");
    expect(card).toContain("Betalningskvitto");
    expect(card).not.toContain("Payment receipt");
  });

  it("saves a report's translations through the API and refuses ones that are not", async () => {
    const spec = { table: "invoices", groupBy: [], measures: [{ op: "count" }] };
    const made = ok(
      await call("POST", "/api/reports", {
        body: { name: "Invoices counted", translations: { sv: { name: " Fakturor räknade " } }, spec },
      }),
      201,
    );
    expect(made.translations).toEqual({ sv: { name: "Fakturor räknade" } });
    expect(ok(await call("GET", `/api/reports/${made.id}`)).translations).toEqual({ sv: { name: "Fakturor räknade" } });
    const refused = await call("POST", "/api/reports", { body: { name: "x", translations: { Swedish: { name: "x" } }, spec } });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("not a language code");
  });

  it("renames a dashboard in Swedish from its arranging form, keeping its widgets", async () => {
    const page = await pageIn("/dashboards", "en");
    const id = /href="\/dashboards\/(\d+)\/pdf"/.exec(page)![1];
    // The dashboard as the page's loader gave it (the arranging form sends it back whole).
    const context = /window\.__remixContext = (\{.*?\});<\/script>/s.exec(await pageIn(`/dashboards/${id}`, "en"))![1];
    const { name, roles, widgets } = JSON.parse(context).state.loaderData["routes/dashboards.$id"].dashboard as Row;
    const dashboard = { name, roles, widgets };
    expect(dashboard?.widgets.length).toBeGreaterThan(0);
    const form = new URLSearchParams({
      intent: "rename",
      dashboard: JSON.stringify(dashboard),
      name: "Overview",
      "translations.sv": "Översikten",
    });
    const answer = await fetch(`${server!.url}/dashboards/${id}`, {
      method: "POST",
      headers: { ...sessionHeaders(server!.url, admin), "Content-Type": "application/x-www-form-urlencoded" },
      body: form,
      redirect: "manual",
    });
    expect(answer.status, await answer.text()).toBe(302);
    const swedish = await pageIn(`/dashboards/${id}`, "sv");
    expect(swedish).toContain("<title>Översikten · Tessera</title>");
    expect(await pageIn(`/dashboards/${id}`, "en")).toContain("<title>Overview · Tessera</title>");
    expect(swedish).toContain(`"widgets":${JSON.stringify(dashboard.widgets)}`);
  });
});
