import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, TEST_ADMIN, type AppServer } from "../helpers/app-server";
import { createApiToken, postLogin, signIn, type SignedIn } from "../helpers/auth";

interface Entry {
  id: number;
  action: string;
  userId: number | null;
  table: string | null;
  recordId: number | null;
  changes: unknown;
  ip?: string | null;
}

interface Screen {
  entries: Entry[];
  older: number | null;
  users: { id: number; name: string; email: string }[];
  tables: { key: string; label: string; fields: Record<string, string> }[];
}

/** The administrators' audit trail over HTTP: its screen (/admin/audit) and the API it shares a service with. */
describe("the audit trail", () => {
  let server: AppServer;
  let admin: SignedIn;
  let adminToken: string;
  let staffToken: string;
  let clientId: number;

  const api = (token: string, path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...(init.headers as Record<string, string>) },
    });
  /** The screen's data as its loader answers it to the browser. */
  const screen = (query: string, session: SignedIn = admin, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/admin/audit${query}${query ? "&" : "?"}_data=routes/admin.audit`, {
      headers: { Cookie: session.cookie, ...headers },
    });

  beforeAll(async () => {
    server = await startAppServer();
    admin = await signIn(server.url);
    adminToken = await createApiToken(server.url, admin);
    const staff = { name: "Sam Staff", email: "sam@tessera.test", role: "staff", password: "staff-password-123" };
    expect((await api(adminToken, "/api/users", { method: "POST", body: JSON.stringify(staff) })).status).toBe(201);
    staffToken = await createApiToken(server.url, await signIn(server.url, staff.email, staff.password));
    expect((await postLogin(server.url, TEST_ADMIN.email, "not the password")).status).toBe(401);
    const created = await api(adminToken, "/api/t/clients", { method: "POST", body: JSON.stringify({ name: "Audited Oy" }) });
    clientId = ((await created.json()) as { id: number }).id;
    const changed = await api(adminToken, `/api/t/clients/${clientId}`, {
      method: "PATCH",
      headers: { "If-Match": '"1"' },
      body: JSON.stringify({ name: "Audited Oy Ab" }),
    });
    expect(changed.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("shows administrators every entry, newest first, with the address, the users and the tables' labels to name them", async () => {
    const answer = await screen("");
    expect(answer.status).toBe(200);
    const { entries, users, tables } = (await answer.json()) as Screen;
    const actions = entries.map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(["update", "create", "login_failed"]);
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => b - a));
    const update = entries[0];
    expect(update).toMatchObject({ table: "clients", recordId: clientId, changes: { name: ["Audited Oy", "Audited Oy Ab"] } });
    expect(update.ip).toMatch(/127\.0\.0\.1/);
    expect(users.map((u) => u.email)).toEqual(expect.arrayContaining([TEST_ADMIN.email, "sam@tessera.test"]));
    expect(tables.find((t) => t.key === "clients")?.fields.name).toBeTruthy();
  });

  it("narrows by action, user and table, and pages back from an entry", async () => {
    const failed = (await (await screen("?action=login_failed")).json()) as Screen;
    expect(failed.entries.length).toBeGreaterThan(0);
    expect(new Set(failed.entries.map((e) => e.action))).toEqual(new Set(["login_failed"]));

    const { users } = failed;
    const sam = users.find((u) => u.email === "sam@tessera.test")!;
    const bySam = (await (await screen(`?user=${sam.id}`)).json()) as Screen;
    expect(bySam.entries.map((e) => e.action)).toContain("login");
    expect(new Set(bySam.entries.map((e) => e.userId))).toEqual(new Set([sam.id]));

    const clients = (await (await screen("?table=clients&action=create")).json()) as Screen;
    expect(clients.entries.map((e) => [e.table, e.action])).toContainEqual(["clients", "create"]);
    expect(clients.entries.every((e) => e.table === "clients" && e.action === "create")).toBe(true);

    const all = (await (await screen("")).json()) as Screen;
    const pivot = all.entries[1].id;
    const older = (await (await screen(`?before=${pivot}`)).json()) as Screen;
    expect(older.entries.length).toBeGreaterThan(0);
    expect(older.entries.every((e) => e.id < pivot)).toBe(true);
    expect(older.entries[0].id).toBe(all.entries[2].id);
  });

  it("says what is wrong with a filter it cannot read, on the screen's data and the API alike", async () => {
    for (const [query, words] of [
      ["?action=hack", "action must be one of create, update"],
      ["?before=0", "before must be an id"],
      ["?user=me", "user must be an id"],
    ] as const) {
      const viaScreen = await screen(query);
      expect(viaScreen.status, query).toBe(400);
      expect(((await viaScreen.json()) as { error: string }).error, query).toContain(words);
      const viaApi = await api(adminToken, `/api/audit${query}`);
      expect(viaApi.status, query).toBe(400);
      expect(((await viaApi.json()) as { error: string }).error, query).toContain(words);
    }
  });

  it("gives a role one record's history as its card shows it: no hidden field, no formula over one, no entry of those alone", async () => {
    const role = {
      key: "discreet",
      name: "Discreet",
      tables: {
        "*": { read: true, create: true, update: true, delete: true, print: true, scope: "all" },
        t_contacts: {
          ...{ read: true, create: true, update: true, delete: true, print: true, scope: "all" },
          fields: { f_contacts_first_name: "hidden", f_contacts_position: "hidden" },
        },
      },
    };
    const put = await api(adminToken, "/api/roles", { method: "PUT", body: JSON.stringify(role) });
    expect(put.status, await put.clone().text()).toBe(200);
    const person = { name: "Dana Discreet", email: "dana@tessera.test", role: "discreet", password: "discreet-password-1" };
    expect((await api(adminToken, "/api/users", { method: "POST", body: JSON.stringify(person) })).status).toBe(201);
    const danaToken = await createApiToken(server.url, await signIn(server.url, person.email, person.password));

    const created = await api(adminToken, "/api/t/contacts", {
      method: "POST",
      body: JSON.stringify({ client: clientId, first_name: "Open", last_name: "Page" }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const contact = (await created.json()) as { id: number; version: number };
    let version = contact.version;
    for (const changes of [{ first_name: "Secret" }, { position: "Spy" }, { email: "page@example.com", first_name: "Hush" }]) {
      const changed = await api(adminToken, `/api/t/contacts/${contact.id}`, {
        method: "PATCH",
        headers: { "If-Match": `"${version}"` },
        body: JSON.stringify(changes),
      });
      expect(changed.status, await changed.clone().text()).toBe(200);
      version = ((await changed.json()) as { version: number }).version;
    }

    const asAdmin = (await (await api(adminToken, `/api/audit?table=contacts&record=${contact.id}&action=update`)).json()) as {
      entries: Entry[];
    };
    expect(asAdmin.entries.map((e) => Object.keys(e.changes as object).sort())).toEqual([
      ["email", "first_name", "full_name"],
      ["position"],
      ["first_name", "full_name"],
    ]);
    const asDana = await api(danaToken, `/api/audit?table=contacts&record=${contact.id}&action=update`);
    expect(asDana.status).toBe(200);
    // The full name is a formula over the hidden first name: it would tell it.
    expect(((await asDana.json()) as { entries: Entry[] }).entries.map((e) => e.changes)).toEqual([{ email: [null, "page@example.com"] }]);
  });

  it("says a table it does not know is not there, rather than failing", async () => {
    for (const table of ["nosuch", "users", "Contacts", "__proto__"]) {
      const answer = await api(staffToken, `/api/audit?table=${table}&record=1`);
      expect(answer.status, table).toBe(404);
      expect(((await answer.json()) as { error: string }).error, table).toBe(`there is no table "${table}"`);
    }
  });

  it("says what is wrong with a filter in the page reader's language", async () => {
    const answer = await screen("?action=hack", admin, { "Accept-Language": "sv" });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: string }).error).toContain("action måste vara en av create, update");
  });

  it("refuses the whole trail to anyone but an administrator, and gives them one record's history without addresses", async () => {
    const staff = await signIn(server.url, "sam@tessera.test", "staff-password-123");
    expect((await screen("", staff)).status).toBe(403);
    expect((await api(staffToken, "/api/audit?action=update")).status).toBe(403);
    const history = await api(staffToken, `/api/audit?table=clients&record=${clientId}&action=update`);
    expect(history.status).toBe(200);
    const { entries } = (await history.json()) as { entries: Entry[] };
    expect(entries.map((e) => e.action)).toEqual(["update"]);
    expect(entries[0]).not.toHaveProperty("ip");
  });
});
