import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken, sessionHeaders, signIn } from "../helpers/auth";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { httpClient } from "./records-http";

/** `/api/rules` and `/api/approvals` through the built app (`npx remix build` first). */
describe.each(testDatabases)("rules over HTTP on $name", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  let url = "";
  let adminToken = "";
  const PASSWORD = "a-long-enough-password";
  const staff = { id: 0, token: "" };
  const admin = httpClient(
    () => url,
    () => adminToken,
  );
  const asStaff = httpClient(
    () => url,
    () => staff.token,
  );

  const welcome = {
    name: "Welcome call",
    table: "clients",
    enabled: true,
    trigger: { type: "updated", fields: ["status"] },
    condition: { field: "status", op: "eq", value: "active" },
    actions: [
      {
        type: "create",
        table: "tasks",
        values: {
          subject: "Welcome call: {{ record.name }}",
          assignee: "{{ record.manager }}",
          about_table: "clients",
          about_id: "{{ record.id }}",
        },
      },
    ],
  };

  /** Stores a rule as the admin; answers it. */
  async function ruleOf(body: Record<string, unknown>) {
    const answer = await admin("POST", "/api/rules", { body: { table: "clients", enabled: true, ...body } });
    expect(answer.status, answer.text).toBe(201);
    return answer.json as { id: number };
  }

  beforeAll(async () => {
    database = await kind.create();
    server = await startAppServer({ database });
    url = server.url;
    const session = await signIn(url);
    adminToken = await createApiToken(url, session);
    const created = await httpClient(() => url)("POST", "/api/users", {
      body: { name: "Sam", email: "sam@tessera.test", role: "staff", password: PASSWORD },
      headers: sessionHeaders(url, session),
    });
    expect(created.status, created.text).toBe(201);
    staff.id = created.json.user.id;
    staff.token = await createApiToken(url, await signIn(url, "sam@tessera.test", PASSWORD));
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("creates, reads, updates with its version, tries and deletes a rule", async () => {
    const created = await admin("POST", "/api/rules", { body: welcome });
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({ id: expect.any(Number), version: 1, name: "Welcome call", problems: [] });
    const id = created.json.id as number;
    expect((await admin("GET", "/api/rules")).json.rules.map((r: { name: string }) => r.name)).toContain("Welcome call");
    expect((await admin("GET", `/api/rules/${id}`)).json).toMatchObject({ id, table: "clients" });

    // The whole rule sent back, as the editor does, with the version it read.
    const updated = await admin("PUT", `/api/rules/${id}`, { body: { ...created.json, description: "Greets a new client" } });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.json).toMatchObject({ version: 2, description: "Greets a new client" });
    const stale = await admin("PUT", `/api/rules/${id}`, { body: { ...created.json, enabled: false } });
    expect(stale.status).toBe(409);
    expect((await admin("PUT", `/api/rules/${id}`, { body: welcome })).status).toBe(400);

    const client = await admin("POST", "/api/t/clients", { body: { name: "Dry Ltd", status: "active" } });
    expect(client.status, client.text).toBe(201);
    const dry = await admin("POST", `/api/rules/${id}/dry-run`);
    expect(dry.status, dry.text).toBe(200);
    expect(dry.json.matches).toEqual(expect.arrayContaining([{ id: client.json.id, title: "Dry Ltd" }]));
    expect(dry.json.actions).toEqual(
      expect.arrayContaining([expect.objectContaining({ record: client.json.id, type: "create", table: "tasks" })]),
    );
    const unsaved = await admin("POST", "/api/rules/dry-run", { body: { definition: { ...welcome, name: "Unsaved" } } });
    expect(unsaved.status, unsaved.text).toBe(200);
    expect(unsaved.json.matches.length).toBeGreaterThan(0);
    const tasks = await admin(
      "GET",
      `/api/t/tasks?filter=${encodeURIComponent(JSON.stringify({ field: "subject", op: "eq", value: "Welcome call: Dry Ltd" }))}`,
    );
    expect(tasks.json.total).toBe(0);

    expect((await admin("GET", `/api/rules/${id}/runs`)).json).toEqual({ runs: [] });
    expect((await admin("GET", "/api/rules/failed-runs")).status).toBe(200);
    expect((await admin("DELETE", `/api/rules/${id}`)).status).toBe(204);
    expect((await admin("GET", `/api/rules/${id}`)).status).toBe(404);
  });

  it("answers a malformed definition with 422 and its problems, each at a JSON Pointer", async () => {
    const bad = {
      ...welcome,
      name: "Broken",
      actions: [{ type: "create", table: "tasks", values: { subject: "{{ record.name", nope: "x" } }],
    };
    const answer = await admin("POST", "/api/rules", { body: bad });
    expect(answer.status).toBe(422);
    expect(answer.json.details.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: expect.stringMatching(/^\/actions\/0\/values\//), message: expect.any(String) }),
      ]),
    );
    const shapeless = await admin("POST", "/api/rules", { body: { name: 42, trigger: "always", actions: "drop table" } });
    expect(shapeless.status).toBe(422);
    expect(shapeless.json.details.problems.length).toBeGreaterThan(0);
    const checked = await admin("POST", "/api/rules/validate", { body: bad });
    expect(checked.status).toBe(200);
    expect(checked.json.problems.length).toBeGreaterThan(0);
    expect((await admin("POST", "/api/rules/validate", { body: welcome })).json).toEqual({ problems: [] });
    expect((await admin("POST", "/api/rules", { body: [1, 2] })).status).toBe(400);
    expect((await admin("GET", "/api/rules/abc")).status).toBe(400);
  });

  it("refuses staff everything but manual buttons and their own approvals", async () => {
    for (const [method, path, body] of [
      ["GET", "/api/rules"],
      ["POST", "/api/rules", welcome],
      ["GET", "/api/rules/1"],
      ["PUT", "/api/rules/1", { ...welcome, version: 1 }],
      ["DELETE", "/api/rules/1"],
      ["POST", "/api/rules/1/dry-run"],
      ["POST", "/api/rules/dry-run", { definition: welcome }],
      ["POST", "/api/rules/validate", welcome],
      ["GET", "/api/rules/1/runs"],
      ["GET", "/api/rules/failed-runs"],
      ["POST", "/api/rules/runs/1/retry"],
    ] as const) {
      const answer = await asStaff(method, path, body === undefined ? {} : { body });
      expect(answer.status, `${method} ${path}`).toBe(403);
    }
    expect((await asStaff("GET", "/api/approvals")).json).toEqual({ approvals: [] });
    expect((await httpClient(() => url)("GET", "/api/rules")).status).toBe(401);
  });

  it("runs a manual rule for the user who clicks, once per click", async () => {
    const rule = await ruleOf({
      name: "Activate lead",
      trigger: { type: "manual", label: "Activate" },
      condition: { field: "status", op: "eq", value: "lead" },
      actions: [{ type: "update", values: { status: "active" } }],
    });
    const lead = await asStaff("POST", "/api/t/clients", { body: { name: "Lead Co", status: "lead", manager: staff.id } });
    expect(lead.status, lead.text).toBe(201);
    const buttons = await asStaff("GET", `/api/rules/manual?table=clients&recordId=${lead.json.id}`);
    expect(buttons.json.rules).toEqual([{ id: rule.id, name: "Activate lead", label: "Activate", offered: true }]);
    const run = await asStaff("POST", `/api/rules/${rule.id}/run`, { body: { recordId: lead.json.id, clickId: "c1" } });
    expect(run.status, run.text).toBe(200);
    expect(run.json).toMatchObject({ state: "done", occurrence: "click:c1" });
    expect((await asStaff("GET", `/api/t/clients/${lead.json.id}`)).json.status).toBe("active");
    const again = await asStaff("POST", `/api/rules/${rule.id}/run`, { body: { recordId: lead.json.id, clickId: "c1" } });
    expect(again.status).toBe(409);
    expect((await admin("GET", `/api/rules/${rule.id}/runs`)).json.runs).toHaveLength(1);
  });

  it("lists a pending approval for its approver, who approves it with a comment", async () => {
    await ruleOf({
      name: "Deactivation needs the manager",
      trigger: { type: "updated", fields: ["status"] },
      condition: { field: "status", op: "eq", value: "inactive" },
      actions: [{ type: "requestApproval", steps: [{ approver: "manager" }], message: "Deactivate {{ record.name }}?" }],
    });
    const client = await admin("POST", "/api/t/clients", { body: { name: "Guarded", status: "active", manager: staff.id } });
    const refused = await admin("PATCH", `/api/t/clients/${client.json.id}`, {
      body: { status: "inactive" },
      headers: { "If-Match": `"${client.json.version}"` },
    });
    expect(refused.status).toBe(409);
    const mine = await asStaff("GET", "/api/approvals");
    expect(mine.json.approvals).toEqual([
      expect.objectContaining({ recordId: client.json.id, state: "pending", message: "Deactivate Guarded?" }),
    ]);
    const id = mine.json.approvals[0].id as number;
    expect((await asStaff("GET", `/api/approvals/${id}`)).json).toMatchObject({ id, canDecide: true });
    expect((await admin("GET", `/api/approvals/${id}`)).json).toMatchObject({ canDecide: false });
    expect((await admin("POST", `/api/approvals/${id}/approve`, { body: {} })).status).toBe(403);
    expect((await asStaff("POST", `/api/approvals/${id}/maybe`, { body: {} })).status).toBe(400);
    const approved = await asStaff("POST", `/api/approvals/${id}/approve`, { body: { comment: "fine" } });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.json).toMatchObject({ state: "approved", steps: [expect.objectContaining({ comment: "fine" })] });
    expect((await asStaff("GET", "/api/approvals")).json).toEqual({ approvals: [] });
    const allowed = await admin("PATCH", `/api/t/clients/${client.json.id}`, {
      body: { status: "inactive" },
      headers: { "If-Match": `"${client.json.version}"` },
    });
    expect(allowed.status, allowed.text).toBe(200);
  });
});
