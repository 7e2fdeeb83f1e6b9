import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, TEST_ADMIN, type AppServer } from "../helpers/app-server";
import { createApiToken, postLogin, sessionHeaders, signIn, type SignedIn } from "../helpers/auth";
import { testDatabases, type TestDatabase } from "../helpers/databases";

/** Sign-in, sessions, CSRF, tokens and roles through the built app (`npx remix build` first). */
describe.each(testDatabases)("signing in and staying safe, through the real server, on $name", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  let admin: SignedIn;
  let url: string;
  const PASSWORD = "a-long-enough-password";

  const json = (session: SignedIn, method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method,
      redirect: "manual",
      headers: { ...sessionHeaders(url, session), ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...extra },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const addUser = async (email: string, role: string) => {
    const response = await json(admin, "POST", "/api/users", { name: email.split("@")[0], email, role, password: PASSWORD });
    expect(response.status, await response.clone().text()).toBe(201);
    return ((await response.json()) as { user: { id: number } }).user;
  };

  beforeAll(async () => {
    database = await kind.create();
    server = await startAppServer({ database });
    url = server.url;
    admin = await signIn(url);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("sends a signed-out browser to the login page and an API client a 401", async () => {
    const page = await fetch(`${url}/t/clients?q=a`, { redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/login?next=%2Ft%2Fclients%3Fq%3Da");
    const api = await fetch(`${url}/api/t/clients`);
    expect(api.status).toBe(401);
    expect(((await api.json()) as { error: string }).error).toMatch(/Bearer/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/login`)).status).toBe(200);
  });

  it("answers a wrong password and an unknown email with the same message", async () => {
    const wrong = await postLogin(url, TEST_ADMIN.email, "not-the-password");
    const unknown = await postLogin(url, "nobody-here@tessera.test", "not-the-password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const message = (html: string) => /data-testid="login-error">([^<]*)</.exec(html)?.[1];
    expect(message(wrong.text)).toBe("Wrong email or password.");
    expect(message(unknown.text)).toBe(message(wrong.text));
    expect(wrong.setCookie).toBeNull();
  });

  it("refuses the sixth wrong password in a row with 429 and the wait", async () => {
    await addUser("locked@tessera.test", "staff");
    for (let i = 0; i < 5; i++) expect((await postLogin(url, "locked@tessera.test", `wrong-${i}-password`)).status).toBe(401);
    const sixth = await postLogin(url, "locked@tessera.test", PASSWORD);
    expect(sixth.status).toBe(429);
    expect(sixth.text).toMatch(/Wait \d+ minutes/);
  });

  it("sets an HttpOnly, SameSite=Lax cookie with a new session at every sign-in", async () => {
    const first = await postLogin(url, TEST_ADMIN.email, TEST_ADMIN.password);
    const second = await postLogin(url, TEST_ADMIN.email, TEST_ADMIN.password, { Cookie: first.setCookie!.split(";")[0] });
    for (const answer of [first, second]) {
      expect(answer.status).toBe(302);
      expect(answer.setCookie).toMatch(/^tessera_session=/);
      expect(answer.setCookie).toMatch(/; HttpOnly/);
      expect(answer.setCookie).toMatch(/; SameSite=Lax/);
      expect(answer.setCookie).toMatch(/; Path=\//);
      expect(answer.setCookie).not.toMatch(/; Secure/);
    }
    expect(second.setCookie!.split(";")[0]).not.toBe(first.setCookie!.split(";")[0]);
    // Signing in again from the same browser ended the earlier session.
    expect((await fetch(`${url}/`, { redirect: "manual", headers: { Cookie: first.setCookie!.split(";")[0] } })).status).toBe(302);
    expect((await fetch(`${url}/`, { redirect: "manual", headers: { Cookie: second.setCookie!.split(";")[0] } })).status).toBe(200);
    // Without TRUST_PROXY nobody's word that the request came over HTTPS is taken (see
    // http-server.test.ts for a trusted proxy), nor that it came for another host.
    const claimsHttps = await postLogin(url, TEST_ADMIN.email, TEST_ADMIN.password, { "X-Forwarded-Proto": "https" });
    expect(claimsHttps.setCookie).not.toMatch(/; Secure/);
    const forgedHost = await postLogin(url, TEST_ADMIN.email, TEST_ADMIN.password, {
      Origin: "https://evil.example",
      "X-Forwarded-Host": "evil.example",
      "X-Forwarded-Proto": "https",
    });
    expect(forgedHost.status).toBe(403);
  });

  it("refuses a cookie POST without the CSRF token, and takes it from the header or the form", async () => {
    const client = { kind: "company", name: "Csrf Check Ltd", status: "lead" };
    const without = await json(admin, "POST", "/api/t/clients", client, { "X-CSRF-Token": "" });
    expect(without.status).toBe(403);
    expect(((await without.json()) as { error: string }).error).toMatch(/CSRF/);
    const wrong = await json(admin, "POST", "/api/t/clients", client, { "X-CSRF-Token": "x".repeat(32) });
    expect(wrong.status).toBe(403);
    expect((await json(admin, "POST", "/api/t/clients", client)).status).toBe(201);

    const form = (fields: Record<string, string>) =>
      fetch(`${url}/account/tokens`, {
        method: "POST",
        headers: { Cookie: admin.cookie, Origin: url, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
      });
    expect((await form({ name: "no token" })).status).toBe(403);
    const withField = await form({ name: "form token", _csrf: admin.csrfToken });
    expect(withField.status).toBe(200);
    expect(await withField.text()).toMatch(/data-testid="new-token"[^]*tsr_/);
  });

  it("refuses a POST from another origin, even with the right token", async () => {
    const foreign = await json(
      admin,
      "POST",
      "/api/t/clients",
      { kind: "company", name: "Evil", status: "lead" },
      { Origin: "http://evil.example" },
    );
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: string }).error).toMatch(/Origin/);
    const noOrigin = await fetch(`${url}/api/t/clients`, {
      method: "POST",
      headers: { Cookie: admin.cookie, "X-CSRF-Token": admin.csrfToken, "Content-Type": "application/json" },
      body: JSON.stringify({ kind: "company", name: "Evil", status: "lead" }),
    });
    expect(noOrigin.status).toBe(403);
  });

  it("ends the session on the server at sign-out: the old cookie no longer works", async () => {
    const session = await signIn(url);
    const out = await fetch(`${url}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { ...sessionHeaders(url, session), "Content-Type": "application/x-www-form-urlencoded" },
      body: "",
    });
    expect(out.status).toBe(302);
    expect(out.headers.get("set-cookie")).toMatch(/tessera_session=;.*Max-Age=0/);
    const again = await fetch(`${url}/api/t/clients`, { headers: { Cookie: session.cookie } });
    expect(again.status).toBe(401);
  });

  it("lets a bearer token use the API without cookie or CSRF, until it is revoked", async () => {
    const token = await createApiToken(url, admin, "revoke me");
    const bearer = { Authorization: `Bearer ${token}` };
    expect((await fetch(`${url}/api/t/clients?pageSize=1`, { headers: bearer })).status).toBe(200);
    const created = await fetch(`${url}/api/t/clients`, {
      method: "POST",
      headers: { ...bearer, "Content-Type": "application/json" },
      body: JSON.stringify({ kind: "company", name: "Token Ltd", status: "lead" }),
    });
    expect(created.status).toBe(201);
    const { tokens } = (await (await fetch(`${url}/api/tokens`, { headers: bearer })).json()) as { tokens: { id: number; name: string }[] };
    const id = tokens.find((t) => t.name === "revoke me")!.id;
    expect((await json(admin, "DELETE", `/api/tokens/${id}`)).status).toBe(204);
    expect((await fetch(`${url}/api/t/clients`, { headers: bearer })).status).toBe(401);
    expect((await fetch(`${url}/api/t/clients`, { headers: { Authorization: "Bearer tsr_not-a-real-token" } })).status).toBe(401);
  });

  it("keeps staff out of the admin screens and accountants from creating clients", async () => {
    await addUser("staff@tessera.test", "staff");
    await addUser("accountant@tessera.test", "accountant");
    const staff = await signIn(url, "staff@tessera.test", PASSWORD);
    const usersPage = await fetch(`${url}/admin/users`, { headers: { Cookie: staff.cookie } });
    expect(usersPage.status).toBe(403);
    const home = await (await fetch(`${url}/`, { headers: { Cookie: staff.cookie } })).text();
    expect(home).not.toContain('href="/admin/users"');
    expect((await fetch(`${url}/api/users`, { headers: { Cookie: staff.cookie } })).status).toBe(403);
    const adminHome = await (await fetch(`${url}/`, { headers: { Cookie: admin.cookie } })).text();
    expect(adminHome).toContain('href="/admin/users"');

    const accountant = await signIn(url, "accountant@tessera.test", PASSWORD);
    const create = await json(accountant, "POST", "/api/t/clients", { kind: "company", name: "Not Allowed Ltd", status: "lead" });
    expect(create.status).toBe(403);
    expect((await json(accountant, "GET", "/api/t/clients?pageSize=1")).status).toBe(200);
  });

  it("stops a deactivated user's sessions and tokens at once", async () => {
    const user = await addUser("leaver@tessera.test", "staff");
    const session = await signIn(url, "leaver@tessera.test", PASSWORD);
    const token = await createApiToken(url, session);
    expect((await fetch(`${url}/api/t/clients`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await json(admin, "PATCH", `/api/users/${user.id}`, { active: false })).status).toBe(200);
    expect((await fetch(`${url}/api/t/clients`, { headers: { Cookie: session.cookie } })).status).toBe(401);
    expect((await fetch(`${url}/api/t/clients`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await postLogin(url, "leaver@tessera.test", PASSWORD)).status).toBe(401);
  });

  it("makes a user with a one-time password choose a new one before anything else", async () => {
    const created = await json(admin, "POST", "/api/users", {
      name: "New Person",
      email: "new@tessera.test",
      role: "staff",
      generatePassword: true,
    });
    const { oneTimePassword } = (await created.json()) as { oneTimePassword: string };
    expect(oneTimePassword).toMatch(/^\S{10,}$/);
    const login = await postLogin(url, "new@tessera.test", oneTimePassword);
    expect(login.location).toBe("/account/password");
    const cookie = login.setCookie!.split(";")[0];
    const home = await fetch(`${url}/t/clients`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(home.headers.get("location")).toBe("/account/password");
    const page = await (await fetch(`${url}/account/password`, { headers: { Cookie: cookie } })).text();
    const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(page)![1];
    const change = await fetch(`${url}/account/password`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie, Origin: url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        _csrf: csrf,
        current: oneTimePassword,
        password: "my-own-password-9",
        repeat: "my-own-password-9",
      }).toString(),
    });
    expect(change.status).toBe(302);
    const fresh = change.headers.get("set-cookie")!.split(";")[0];
    expect((await fetch(`${url}/t/clients`, { redirect: "manual", headers: { Cookie: fresh } })).status).toBe(200);
    expect((await postLogin(url, "new@tessera.test", "my-own-password-9")).status).toBe(302);
  });

  it("answers the admin API twins for users, roles and the audit trail", async () => {
    const { users } = (await (await json(admin, "GET", "/api/users")).json()) as { users: { email: string }[] };
    expect(users.map((u) => u.email)).toContain(TEST_ADMIN.email);
    const { roles } = (await (await json(admin, "GET", "/api/roles")).json()) as { roles: { key: string; tables: object }[] };
    expect(roles.map((r) => r.key)).toEqual(expect.arrayContaining(["admin", "staff", "accountant"]));
    const staff = roles.find((r) => r.key === "staff")!;
    const put = await json(admin, "PUT", "/api/roles", { key: "sales", name: "Sales", tables: staff.tables });
    expect(put.status).toBe(200);
    expect((await json(admin, "PUT", "/api/roles", { key: "admin", name: "Admin", tables: {} })).status).toBe(409);
    const { entries } = (await (await json(admin, "GET", "/api/audit?table=crm_users")).json()) as { entries: { action: string }[] };
    expect(entries.map((e) => e.action)).toContain("users");
    const reset = await json(admin, "POST", `/api/users/${(await addUser("reset@tessera.test", "staff")).id}/reset-password`);
    expect(((await reset.json()) as { oneTimePassword: string }).oneTimePassword).toBeTruthy();
  });

  it("sends a Content Security Policy, and every inline script carries its nonce", async () => {
    const response = await fetch(`${url}/`, { headers: { Cookie: admin.cookie } });
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) if (!/\bsrc=/.test(attributes)) expect(attributes).toContain(`nonce="${nonce}"`);
    const api = await fetch(`${url}/api/t/clients`);
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
