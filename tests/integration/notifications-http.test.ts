import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendNotifications } from "@runtime/automation/notifications.server";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken, sessionHeaders, signIn, type SignedIn } from "../helpers/auth";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { httpClient } from "./records-http";

/** `/api/notifications` through the built app (`npx remix build` first): each user sees only their own. */
describe.each(testDatabases)("notifications over HTTP on $name", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  /** The same database, driven from the test: what the workers' ticker would do. */
  let rt: Runtime;
  let url = "";
  let admin: SignedIn;
  let asAdmin: ReturnType<typeof httpClient>;
  const PASSWORD = "a-long-enough-password";
  const users: Record<"dana" | "eli", { id: number; token: string; session: SignedIn }> = {} as never;
  const as = (who: keyof typeof users) =>
    httpClient(
      () => url,
      () => users[who].token,
    );

  beforeAll(async () => {
    database = await kind.create();
    server = await startAppServer({ database });
    url = server.url;
    admin = await signIn(url);
    asAdmin = httpClient(
      () => url,
      () => undefined,
    );
    for (const name of ["dana", "eli"] as const) {
      const email = `${name}@tessera.test`;
      const created = await asAdmin("POST", "/api/users", {
        body: { name, email, role: "staff", password: PASSWORD },
        headers: sessionHeaders(url, admin),
      });
      expect(created.status, created.text).toBe(201);
      const session = await signIn(url, email, PASSWORD);
      users[name] = { id: created.json.user.id, session, token: await createApiToken(url, session) };
    }
    rt = await createRuntime({ databaseUrl: database.url });
  }, 120_000);

  afterAll(async () => {
    await rt?.close();
    await server?.stop();
    await database?.drop();
  });

  it("shows a user the notification a due task sent them, and no one else", async () => {
    const task = await as("dana")("POST", "/api/t/tasks", {
      body: { subject: "Send the quote", due: "2026-01-02T09:00:00.000Z", assignee: users.dana.id },
    });
    expect(task.status, task.text).toBe(201);
    await rt.automation.runDue(new Date("2026-01-03T00:00:00.000Z"));

    const mine = await as("dana")("GET", "/api/notifications");
    expect(mine.status).toBe(200);
    expect(mine.json).toEqual({
      unread: 1,
      rows: [
        {
          id: expect.any(Number),
          title: "Task due: Send the quote",
          href: `/t/tasks/${task.json.id}`,
          createdAt: expect.any(String),
          readAt: null,
        },
      ],
    });
    expect((await as("eli")("GET", "/api/notifications")).json).toEqual({ rows: [], unread: 0 });

    // Eli can neither read nor clear Dana's notification.
    const id = mine.json.rows[0].id as number;
    expect((await as("eli")("POST", `/api/notifications/${id}/read`)).status).toBe(404);
    expect((await as("eli")("POST", "/api/notifications/read-all")).json).toEqual({ marked: 0, unread: 0 });
    expect((await as("dana")("GET", "/api/notifications")).json.unread).toBe(1);

    // My tasks is as personal: Dana's overdue task is on her page, not on Eli's.
    const tasksPage = async (who: keyof typeof users) =>
      (await fetch(`${url}/tasks`, { headers: { Cookie: users[who].session.cookie } })).text();
    expect(await tasksPage("dana")).toMatch(/Overdue[\s\S]*Send the quote/);
    expect(await tasksPage("eli")).not.toContain("Send the quote");
  });

  it("marks one read and all read, by token or by the session (with its CSRF token)", async () => {
    const dana = users.dana.id;
    await rt.db.transaction(async (trx) => {
      await sendNotifications(trx, new Date(), { userIds: [dana], title: "Second" });
      await sendNotifications(trx, new Date(), { userIds: [dana], title: "Third" });
    });
    const listed = await as("dana")("GET", "/api/notifications");
    expect(listed.json.unread).toBe(3);
    expect(listed.json.rows.map((r: { title: string }) => r.title)).toEqual(["Third", "Second", "Task due: Send the quote"]);

    const one = await as("dana")("POST", `/api/notifications/${listed.json.rows[0].id}/read`);
    expect(one.json).toEqual({ unread: 2 });
    expect((await as("dana")("GET", "/api/notifications?unread=1")).json.rows.map((r: { title: string }) => r.title)).toEqual([
      "Second",
      "Task due: Send the quote",
    ]);

    const session = httpClient(() => url);
    const withoutCsrf = await session("POST", "/api/notifications/read-all", {
      headers: { Cookie: users.dana.session.cookie, Origin: url },
    });
    expect(withoutCsrf.status).toBe(403);
    const all = await session("POST", "/api/notifications/read-all", { headers: sessionHeaders(url, users.dana.session) });
    expect(all.json).toEqual({ marked: 2, unread: 0 });
    const after = await as("dana")("GET", "/api/notifications");
    expect(after.json.unread).toBe(0);
    expect(after.json.rows.every((r: { readAt: string | null }) => r.readAt !== null)).toBe(true);
  });

  it("answers bad ids, signed-out callers and wrong methods with clean errors", async () => {
    expect((await as("dana")("POST", "/api/notifications/abc/read")).status).toBe(400);
    expect((await as("dana")("GET", "/api/notifications?limit=0")).status).toBe(400);
    expect((await httpClient(() => url)("GET", "/api/notifications")).status).toBe(401);
    expect((await as("dana")("DELETE", "/api/notifications")).status).toBe(405);
  });
});
