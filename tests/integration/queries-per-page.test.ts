import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { signIn } from "../helpers/auth";

/**
 * The queries one page costs, counted from knex's debug log of the real server. The shell's and the
 * route's loaders and the auth gate all ask who is signed in; they must share one answer.
 */
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
    // The log is written by the server process; give its pipe a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    return server
      .output()
      .slice(before)
      .split("\n")
      .filter((line) => line.includes("knex:query"));
  }

  it("looks the session, the user and the role up once for a card", async () => {
    const queries = await queriesOf("/t/clients/1");
    const count = (table: string) => queries.filter((q) => q.includes(`from \`${table}\``)).length;
    expect(count("crm_sessions")).toBe(1);
    expect(count("crm_roles")).toBe(1);
    expect(queries.filter((q) => /from `crm_users` where `id` = \?/.test(q))).toHaveLength(1);
  });

  it("does the same for a list", async () => {
    const queries = await queriesOf("/t/clients");
    expect(queries.filter((q) => q.includes("from `crm_sessions`"))).toHaveLength(1);
  });
});
