import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { signIn, type SignedIn } from "../helpers/auth";
import { testDatabases, type TestDatabase } from "../helpers/databases";

// The overview test drives a browser on SQLite; this one proves the same server boots, seeds and
// answers on every database the tests know about.
describe.each(testDatabases)("the server on a fresh $name database", ({ create }) => {
  let database: TestDatabase | undefined;
  let server: AppServer | undefined;
  let session: SignedIn;

  beforeAll(async () => {
    database = await create();
    server = await startAppServer({ database });
    session = await signIn(server.url);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("is healthy and serves the seeded schema", async () => {
    const health = await fetch(`${server!.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
    const { version, schema } = (await (await fetch(`${server!.url}/api/schema`, { headers: { Cookie: session.cookie } })).json()) as {
      version: number;
      schema: { $defs: Record<string, unknown> };
    };
    expect(version).toBeGreaterThan(0);
    expect(Object.keys(schema.$defs)).toEqual(expect.arrayContaining(["clients", "invoices", "contracts"]));
  });

  it("renders the schema overview with the dialect in the header", async () => {
    const response = await fetch(`${server!.url}/admin/overview`, { headers: { Cookie: session.cookie } });
    expect(response.status, server!.output()).toBe(200);
    const html = await response.text();
    expect(html).toContain(database!.name === "mysql" ? ">MySQL<" : ">SQLite<");
    expect(html).toMatch(/data-table="clients"[^]*?data-record-count="[1-9]\d*"/);
  });
});
