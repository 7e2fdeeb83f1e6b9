import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken, sessionHeaders, signIn } from "../helpers/auth";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { httpClient } from "./records-http";

/** `/api/exchange-rates` through the built app (`npx remix build` first): admins only. */
describe.each(testDatabases)("exchange rates over HTTP on $name", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  let url = "";
  const tokens = { admin: "", staff: "" };
  const as = (who: keyof typeof tokens) =>
    httpClient(
      () => url,
      () => tokens[who],
    );

  beforeAll(async () => {
    database = await kind.create();
    server = await startAppServer({ database });
    url = server.url;
    const admin = await signIn(url);
    tokens.admin = await createApiToken(url, admin);
    const created = await as("admin")("POST", "/api/users", {
      body: { name: "Sam", email: "sam@tessera.test", role: "staff", password: "a-long-enough-password" },
      headers: sessionHeaders(url, admin),
    });
    expect(created.status, created.text).toBe(201);
    tokens.staff = await createApiToken(url, await signIn(url, "sam@tessera.test", "a-long-enough-password"));
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("lets an admin set the base, add, import, change and delete rates", async () => {
    const admin = as("admin");
    expect((await admin("PATCH", "/api/exchange-rates", { body: { base: "EUR", overpayment: "refuse" } })).json).toMatchObject({
      base: "EUR",
      overpayment: "refuse",
    });
    const added = await admin("POST", "/api/exchange-rates", { body: { day: "2031-01-02", currency: "usd", rate: "0.91" } });
    expect(added.status, added.text).toBe(200);
    expect(added.json.rate).toMatchObject({ day: "2031-01-02", currency: "USD", rate: "0.91" });

    const bad = await admin("POST", "/api/exchange-rates", { body: { day: "2031-01-02", currency: "USD", rate: "-1" } });
    expect(bad.status).toBe(422);
    expect(bad.json.error).toMatch(/the rate must be a positive number such as 1\.0834/);

    const csv = (text: string) => admin("POST", "/api/exchange-rates/import", { rawBody: text, headers: { "Content-Type": "text/csv" } });
    const wrong = await csv("day,currency,rate\n2031-01-03,GBP,1.17\n2031-01-03,GBP,abc\n");
    expect(wrong.status).toBe(422);
    expect(wrong.json.details).toEqual([{ row: 3, message: expect.stringMatching(/^the rate must be a positive number/) }]);
    expect((await csv("2031-01-03,GBP,1.17\n2031-01-04,USD,0.92\n")).json).toEqual({ imported: 2, errors: [] });

    const listed = await admin("GET", "/api/exchange-rates");
    const mine = listed.json.rates.filter((r: { day: string }) => r.day >= "2031-01-01");
    expect(mine.map((r: { day: string; currency: string }) => `${r.day} ${r.currency}`)).toEqual([
      "2031-01-04 USD",
      "2031-01-03 GBP",
      "2031-01-02 USD",
    ]);
    const changed = await admin("PATCH", `/api/exchange-rates/${added.json.rate.id}`, { body: { rate: 0.9 } });
    expect(changed.json.rate).toMatchObject({ rate: "0.9" });
    expect((await admin("DELETE", `/api/exchange-rates/${added.json.rate.id}`)).status).toBe(204);
    expect((await admin("DELETE", `/api/exchange-rates/${added.json.rate.id}`)).status).toBe(404);
  });

  it("refuses staff every way in", async () => {
    const staff = as("staff");
    for (const [method, path, options] of [
      ["GET", "/api/exchange-rates", {}],
      ["POST", "/api/exchange-rates", { body: { day: "2031-01-02", currency: "USD", rate: "2" } }],
      ["PATCH", "/api/exchange-rates", { body: { overpayment: "credit" } }],
      ["POST", "/api/exchange-rates/import", { rawBody: "2031-01-05,USD,2\n", headers: { "Content-Type": "text/csv" } }],
      ["DELETE", "/api/exchange-rates/1", {}],
    ] as const) {
      const answer = await staff(method, path, options);
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.json.error).toMatch(/Only administrators may/);
    }
    expect((await as("admin")("GET", "/api/exchange-rates")).json.overpayment).toBe("refuse");
  });
});
