import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ADDRESS_DELAY_MS, MAX_PER_ACCOUNT } from "@runtime/auth/rate-limit.server";
import { startAppServer, TEST_ADMIN, type AppServer } from "../helpers/app-server";
import { createApiToken, postLogin, signIn } from "../helpers/auth";
import { testDatabases, type TestDatabase } from "../helpers/databases";

/**
 * Sign-in limits under attack, through the built app (`npx remix build` first). A server of its
 * own: the wrong guesses here slow every later sign-in from 127.0.0.1 down, by design.
 */
describe.each(testDatabases)("sign-in limits through the real server, on $name", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  let url: string;
  let adminToken: string;
  const PASSWORD = "the-right-password-1";

  const api = async (method: string, path: string, body?: unknown, token = adminToken) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> };
  };
  const addUser = async (email: string) => {
    const added = await api("POST", "/api/users", { name: email.split("@")[0], email, role: "staff", password: PASSWORD });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    return (added.body.user as { id: number }).id;
  };

  beforeAll(async () => {
    database = await kind.create();
    server = await startAppServer({ database });
    url = server.url;
    adminToken = await createApiToken(url);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("checks only the limit of a burst of wrong guesses, refuses the right password while locked, until an admin's reset", async () => {
    const id = await addUser("burst@tessera.test");
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => postLogin(url, "burst@tessera.test", `wrong-guess-${i}`)));
    const statuses = burst.map((b) => b.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_PER_ACCOUNT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - MAX_PER_ACCOUNT);
    const locked = await postLogin(url, "burst@tessera.test", PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.setCookie).toBeNull();
    expect(locked.text).toMatch(/Wait 15 minutes/);

    const reset = await api("POST", `/api/users/${id}/reset-password`);
    expect(reset.status).toBe(200);
    const withOneTime = await postLogin(url, "burst@tessera.test", String(reset.body.oneTimePassword));
    expect(withOneTime.status).toBe(302);
    expect(withOneTime.location).toBe("/account/password");
  });

  it("ends the user's sessions and revokes their API tokens at a password reset", async () => {
    const id = await addUser("reset@tessera.test");
    const session = await signIn(url, "reset@tessera.test", PASSWORD);
    const token = await createApiToken(url, session, "the user's script");
    expect((await fetch(`${url}/api/t/clients`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);

    expect((await api("POST", `/api/users/${id}/reset-password`)).status).toBe(200);
    expect((await fetch(`${url}/api/t/clients`, { headers: { Cookie: session.cookie } })).status).toBe(401);
    expect((await fetch(`${url}/api/t/clients`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
    const { tokens } = (await api("GET", "/api/tokens?all=1")).body as { tokens: { name: string; revokedAt: string | null }[] };
    expect(tokens.find((t) => t.name === "the user's script")?.revokedAt).toEqual(expect.any(String));
  });

  it("slows sign-ins from an address with many failures down instead of locking everyone behind it out", async () => {
    // 30 wrong passwords from this one address (behind a proxy, everyone's), over accounts that
    // exist and accounts that do not, never the admin's.
    await addUser("sprayed@tessera.test");
    const emails = ["sprayed@tessera.test", ...Array.from({ length: 5 }, (_, i) => `nobody-${i}@tessera.test`)];
    const guesses = emails.flatMap((email) =>
      Array.from({ length: MAX_PER_ACCOUNT }, (_, i) => postLogin(url, email, `spray-${i}-password`)),
    );
    expect((await Promise.all(guesses)).map((a) => a.status)).toEqual(guesses.map(() => 401));

    const started = Date.now();
    const admin = await postLogin(url, TEST_ADMIN.email, TEST_ADMIN.password);
    expect(admin.status, admin.text.slice(0, 200)).toBe(302);
    expect(Date.now() - started).toBeGreaterThanOrEqual(MAX_ADDRESS_DELAY_MS);
  });
});
