import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { signIn } from "../helpers/auth";

/**
 * The queries one page costs, counted from knex's debug log of the real server. The shell's and the
 * route's loaders and the auth gate all ask who is signed in; they must share one answer.
 */
/** How knex's debug log writes the ping of `GET /healthz`. */
const HEALTH_PING = /knex:query select 1 undefined$/;

describe("queries per page", () => {
  let server: AppServer;
  let cookie: string;

  beforeAll(async () => {
    server = await startAppServer({ env: { DEBUG: "knex:query" } });
    ({ cookie } = await signIn(server.url));
  }, 90_000);
  afterAll(() => server?.stop());

  async function queriesOf(path: string): Promise<string[]> {
    const before = server.output().length;
    const response = await fetch(`${server.url}${path}`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    await response.text();
    // The server logs through a pipe that may lag behind its answer. /healthz's ping comes after
    // the page's queries in that log, so once it arrives every query of the page has too.
    await (await fetch(`${server.url}/healthz`)).text();
    const lines = await vi.waitFor(
      () => {
        const logged = server.output().slice(before).split("\n");
        const ping = logged.findIndex((line) => HEALTH_PING.test(line));
        if (ping < 0) throw new Error("the health check's query is not in the server log yet");
        return logged.slice(0, ping);
      },
      { timeout: 10_000, interval: 20 },
    );
    return lines.filter((line) => line.includes("knex:query"));
  }

  it("looks the session, the user and the role up once for a card", async () => {
    const queries = await queriesOf("/t/clients/1");
    const count = (table: string) => queries.filter((q) => q.includes(`from \`${table}\``)).length;
    // Once, or not at all while the session is remembered (runtime/auth/identity-cache.ts).
    expect(count("crm_sessions")).toBeLessThanOrEqual(1);
    // Once, or not at all while the role's rights are remembered (runtime/auth/identity-cache.ts).
    expect(count("crm_roles")).toBeLessThanOrEqual(1);
    expect(queries.filter((q) => /from `crm_users` where `id` = \?/.test(q)).length).toBeLessThanOrEqual(1);
  });

  it("does the same for a list", async () => {
    const queries = await queriesOf("/t/clients");
    expect(queries.filter((q) => q.includes("from `crm_sessions`")).length).toBeLessThanOrEqual(1);
  });
});
