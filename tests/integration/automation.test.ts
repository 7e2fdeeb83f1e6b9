import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Knex } from "knex";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { listAudit } from "@runtime/auth/audit.server";
import { actorForUser } from "@runtime/auth/actors.server";
import { addUser, getUser } from "@runtime/auth/users.server";
import { createAutomation, ensureAutomationTables, type Automation } from "@runtime/automation/automation.server";
import { AUTOMATION_TABLES } from "@runtime/automation/tables.server";
import { automationWorkspace } from "@runtime/automation/test-workspace";
import type { ActionOutcome, Rule, RuleDefinition } from "@runtime/automation/types";
import { SYSTEM_TABLES } from "@runtime/db/system-tables.server";
import { ensureJobTables, JOBS_TABLE } from "@runtime/jobs/jobs-tables.server";
import { createJobQueue, type JobQueue } from "@runtime/jobs/queue.server";
import { startWorkers } from "@runtime/jobs/workers.server";
import type { Actor } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { languagePack } from "@runtime/i18n/catalogs.server";
import { createTranslator } from "@runtime/i18n/translator";
import { say } from "@runtime/i18n/words";

const DAY = 86_400_000;

/** A stored rule's definition, as the editor sends it back. */
function definitionOf(rule: Rule): RuleDefinition {
  const { id: _id, version: _version, createdAt: _created, updatedAt: _updated, problems: _problems, ...definition } = rule;
  return definition;
}
const WORKSPACE_TABLES = Object.keys(automationWorkspace().$defs);

/**
 * The rules engine end to end, on each database, with a clock the tests move: every trigger and
 * action, the shipped rules' shapes (collections, stock and reorders, lead routing, approvals),
 * exactly once under retries, two instances and a killed worker, the loop guard, and a dry run
 * that predicts the real run.
 */
describe.each(testDatabases)("automation on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  let clock: Date;
  let queue: JobQueue;
  let automation: Automation;
  let admin: Actor;
  let anna: Actor;
  let ben: Actor;
  let carl: Actor;
  let accountant: Actor;
  let boss: Actor;

  const at = (iso: string) => (clock = new Date(iso));
  const drain = () => queue.runUntilIdle(automation.handlers);
  const rows = async (q: Knex, table: string, where: Record<string, unknown> = {}) =>
    (await q(table).where(where).orderBy("id")) as Record<string, unknown>[];
  const count = async (q: Knex, table: string, where: Record<string, unknown> = {}) =>
    Number(((await q(table).where(where).count({ n: "*" }).first()) as { n: number | string }).n);
  const rule = (definition: Omit<RuleDefinition, "enabled"> & { enabled?: boolean }) =>
    automation.rules.create(admin, { enabled: true, ...definition });
  const create = (table: string, values: Record<string, unknown>, actor: Actor = admin) => rt.records.create(actor, table, values);
  const update = async (table: string, id: number, changes: Record<string, unknown>, actor: Actor = admin) => {
    const current = await rt.records.get(admin, table, id);
    return rt.records.update(actor, table, id, changes, current.version);
  };
  const notificationsOf = async (user: Actor) => (await automation.notifications.list(user.id!)).rows.map((r) => r.title);

  async function user(name: string, role: string, extra: Record<string, unknown> = {}): Promise<Actor> {
    const created = await addUser(rt.db, { name, email: `${name.toLowerCase().replace(/\W/g, ".")}@example.com`, role });
    if (Object.keys(extra).length) await rt.db(SYSTEM_TABLES.users).where({ id: created.id }).update(extra);
    return actorForUser(rt.db, await getUser(rt.db, created.id));
  }

  /** An invoice with lines, then issued (numbered) unless `status` says otherwise. */
  async function invoice(client: number, due: string, lines: { price: number; quantity?: number; product?: number }[], status = "issued") {
    const draft = await create("invoices", {
      client,
      due_date: due,
      items: lines.map((l, i) => ({ description: `Line ${i + 1}`, quantity: l.quantity ?? 1, price: l.price, product: l.product ?? null })),
    });
    return status === "draft" ? draft : update("invoices", draft.id, { status });
  }

  beforeAll(async () => {
    database = await kind.create();
    rt = await createRuntime({ databaseUrl: database.url });
    // Each test makes its own automation on a queue with a clock it moves: the runtime's steps aside.
    rt.automation.close();
    await rt.workspace.apply({ baseVersion: 0, schema: automationWorkspace() });
    await ensureJobTables(rt.db);
    await ensureAutomationTables(rt.db);
    admin = await user("Ada Admin", "admin");
    boss = await user("Bo Boss", "staff");
    anna = await user("Anna", "staff", { supervisor_id: boss.id });
    ben = await user("Ben", "staff");
    carl = await user("Carl", "staff");
    accountant = await user("Acc Ountant", "accountant");
    // Bo supervises and is not in the staff pool that leads are routed to.
    await rt.db(SYSTEM_TABLES.users).where({ id: boss.id }).update({ role: "admin" });
    boss = await actorForUser(rt.db, await getUser(rt.db, boss.id!));
  }, 120_000);

  afterAll(async () => {
    automation?.close();
    await rt?.close();
    await database?.drop();
  });

  beforeEach(async () => {
    at("2026-12-04T09:00:00Z");
    queue = createJobQueue(rt.db, { instanceId: "a", now: () => clock });
    automation = createAutomation({ db: rt.db, workspace: rt.workspace, records: rt.records, queue, now: () => clock });
    for (const t of WORKSPACE_TABLES) await rt.db(t).delete();
    for (const t of Object.values(AUTOMATION_TABLES)) await rt.db(t).delete();
    await rt.db(JOBS_TABLE).delete();
  });

  afterEach(() => automation.close());

  it("keeps rules as versioned data: checked on save, 409 on a stale version or a taken name, admins only", async () => {
    const definition: RuleDefinition = {
      name: "Welcome",
      table: "clients",
      enabled: true,
      trigger: { type: "created" },
      actions: [{ type: "notify", to: "manager", title: "New client {{ record.name }}" }],
    };
    await expect(automation.rules.create(ben, definition)).rejects.toMatchObject({ status: 403 });
    await expect(
      automation.rules.create(admin, { ...definition, actions: [{ type: "notify", to: "nobody", title: "{{ record.name" }] }),
    ).rejects.toMatchObject({
      status: 422,
      details: {
        problems: [
          { path: "/actions/0/to", message: expect.stringContaining('"nobody" is not a link of Clients') },
          { path: "/actions/0/title", message: expect.stringContaining("does not parse") },
        ],
      },
    });
    // Each problem also carries its words (key and values), for screens in other languages.
    expect(await automation.rules.validate({ ...definition, table: "cliens" })).toMatchObject([
      { path: "/table", message: expect.stringContaining('there is no table "cliens"') },
    ]);
    const saved = await automation.rules.create(admin, definition);
    expect(saved).toMatchObject({ ...definition, version: 1, problems: [] });
    await expect(automation.rules.create(admin, definition)).rejects.toMatchObject({ status: 409 });
    const renamed = await automation.rules.update(admin, saved.id, { ...definition, name: "Welcome!" }, saved.version);
    expect(renamed).toMatchObject({ name: "Welcome!", version: 2 });
    await expect(automation.rules.update(admin, saved.id, { ...definition, enabled: false }, saved.version)).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining("changed by someone else"),
    });
    await automation.rules.remove(admin, saved.id);
    expect(await automation.rules.list()).toEqual([]);
  });

  it("lists a user's notifications newest first with the unread count, and marks them read", async () => {
    await rule({
      name: "Ping",
      table: "clients",
      trigger: { type: "created" },
      actions: [{ type: "notify", to: "{{ record.manager }}", title: "New: {{ record.name }}" }],
    });
    for (const name of ["A", "B", "C"]) await create("clients", { name, manager: anna.id });
    await drain();
    const list = await automation.notifications.list(anna.id!);
    expect(list).toMatchObject({ unread: 3, rows: [{ title: "New: C" }, { title: "New: B" }, { title: "New: A" }] });
    await automation.notifications.markRead(anna.id!, list.rows[1].id);
    await expect(automation.notifications.markRead(ben.id!, list.rows[0].id)).rejects.toMatchObject({ status: 404 });
    expect(await automation.notifications.list(anna.id!)).toMatchObject({
      unread: 2,
      rows: [{ readAt: null }, { readAt: clock.toISOString() }, { readAt: null }],
    });
    expect(await automation.notifications.markAllRead(anna.id!)).toBe(2);
    expect((await automation.notifications.list(anna.id!)).unread).toBe(0);
  });

  it("acts on a new record once: a welcome task for the client's manager, who is notified", async () => {
    await rule({
      name: "Welcome call",
      table: "clients",
      trigger: { type: "created" },
      condition: { field: "status", op: "eq", value: "active" },
      actions: [
        {
          type: "create",
          table: "tasks",
          values: {
            subject: "Welcome call: {{ record.name }}",
            assignee: "{{ record.manager }}",
            due: "{{ now | add_days: 1 }}",
            about_table: "clients",
            about_id: "{{ record.id }}",
          },
        },
        { type: "notify", to: "manager", title: "Call {{ record.name }} ({{ user.name }} added them)" },
      ],
    });
    const lead = await create("clients", { name: "Not yet", status: "lead", manager: anna.id });
    const acme = await create("clients", { name: "Acme", status: "active", manager: anna.id });
    // The event is a job, committed with the client; nothing has run yet.
    expect(await count(rt.db, "tasks")).toBe(0);
    expect(await count(rt.db, JOBS_TABLE, { type: "rules.event" })).toBe(1);
    await drain();
    expect(await rows(rt.db, "tasks")).toEqual([
      expect.objectContaining({
        subject: "Welcome call: Acme",
        assignee: anna.id,
        status: "open",
        about_table: "clients",
        about_id: acme.id,
      }),
    ]);
    expect((await rt.records.list(admin, "tasks")).rows[0].due).toBe("2026-12-05T09:00:00.000Z");
    expect(await notificationsOf(anna)).toEqual(["Call Acme (Ada Admin added them)"]);
    expect(await automation.notifications.list(anna.id!)).toMatchObject({
      unread: 1,
      rows: [{ href: `/t/clients/${acme.id}`, readAt: null }],
    });
    // The same job once more (a retry after a lost answer) finds the run and does nothing.
    await rt.db(JOBS_TABLE).update({ state: "queued", attempts: 0 });
    expect(await drain()).toBe(1);
    expect(await count(rt.db, "tasks")).toBe(1);
    expect(await count(rt.db, AUTOMATION_TABLES.runs)).toBe(1);
    expect((await rt.records.get(admin, "clients", lead.id)).status).toBe("lead");
  });

  it("costs a table without rules nothing: no job, and no query once the rules are known", async () => {
    await rule({
      name: "Any client",
      table: "clients",
      trigger: { type: "created" },
      actions: [{ type: "notify", to: "role:admin", title: "x" }],
    });
    await create("suppliers", { name: "Warm-up" });
    const seen: string[] = [];
    const listener = (q: { sql: string }) => seen.push(q.sql);
    rt.db.on("query", listener);
    try {
      await create("suppliers", { name: "Parts Ltd" });
    } finally {
      rt.db.off("query", listener);
    }
    expect(seen.filter((sql) => /crm_rules|crm_jobs|crm_rule/.test(sql))).toEqual([]);
    expect(await count(rt.db, JOBS_TABLE)).toBe(0);
  });

  it("acts on updates only when the named fields change and the previous values held, and on deletes", async () => {
    await rule({
      name: "Activated",
      table: "clients",
      trigger: { type: "updated", fields: ["status"] },
      condition: { field: "status", op: "eq", value: "active" },
      previous: { field: "status", op: "eq", value: "lead" },
      actions: [{ type: "notify", to: "manager", title: "{{ record.name }} is now {{ record.status }} (was {{ previous.status }})" }],
    });
    await rule({
      name: "Deleted",
      table: "clients",
      trigger: { type: "deleted" },
      actions: [{ type: "notify", to: "role:admin", title: "{{ record.name }} was deleted by {{ user.name }}", href: "/admin/trash" }],
    });
    const c = await create("clients", { name: "Birch", status: "lead", manager: anna.id });
    await update("clients", c.id, { name: "Birch & Co" });
    expect(await count(rt.db, JOBS_TABLE)).toBe(0);
    await update("clients", c.id, { status: "active" });
    await update("clients", c.id, { status: "lead" });
    await update("clients", c.id, { status: "active" });
    await drain();
    expect(await notificationsOf(anna)).toEqual(["Birch & Co is now active (was lead)", "Birch & Co is now active (was lead)"]);
    const runs = await automation.rules.runs((await automation.rules.list()).find((r) => r.name === "Activated")!.id);
    expect(runs.map((r) => r.occurrence)).toEqual(["v5", "v3"]);
    await rt.records.remove(ben, "clients", c.id);
    await drain();
    expect(await notificationsOf(admin)).toEqual(["Birch & Co was deleted by Ben"]);
    expect(await notificationsOf(boss)).toEqual(["Birch & Co was deleted by Ben"]);
  });

  it("a due batch undoes the whole run of a record whose later action fails, logs it, and keeps the others", async () => {
    at("2026-12-10T00:00:00Z");
    const acme = await create("clients", { name: "Acme" });
    const good = await invoice(acme.id, "2026-12-01", [{ price: 100 }]);
    const bad = await invoice(acme.id, "2026-12-02", [{ price: 100 }]);
    const twice = await rule({
      name: "Two tasks",
      table: "invoices",
      trigger: { type: "date", field: "due_date", offset: { amount: 1, unit: "days" } },
      actions: [
        { type: "create", table: "tasks", values: { subject: "First {{ record.id }}" } },
        { type: "create", table: "tasks", values: { subject: `{% if record.id != ${bad.id} %}Second {{ record.id }}{% endif %}` } },
      ],
    });
    expect(await automation.runDue()).toEqual({ rules: 1, runs: 1, failed: 1, errors: [] });
    expect((await rows(rt.db, "tasks")).map((t) => t.subject)).toEqual([`First ${good.id}`, `Second ${good.id}`]);
    const runs = await automation.rules.runs(twice.id);
    expect(Object.fromEntries(runs.map((r) => [r.recordId, r.state]))).toEqual({ [good.id]: "done", [bad.id]: "failed" });
    expect(await count(rt.db, "crm_rule_effects")).toBe(2);
    expect(await automation.runDue()).toMatchObject({ runs: 0 });
  });

  it("a due batch reads its records ahead, yet each run sees what the runs before it wrote", async () => {
    at("2026-12-10T00:00:00Z");
    const acme = await create("clients", { name: "Acme", manager: anna.id });
    const first = await invoice(acme.id, "2026-12-01", [{ price: 100 }]);
    const second = await invoice(acme.id, "2026-12-02", [{ price: 100 }]);
    await rule({
      name: "Tag the client",
      table: "invoices",
      trigger: { type: "date", field: "due_date", offset: { amount: 1, unit: "days" } },
      actions: [
        {
          type: "create",
          table: "tasks",
          values: { subject: "Chase {{ record.id }} of {{ record.client.name }}", assignee: "{{ record.client.manager }}" },
        },
        { type: "update", target: "client", values: { name: "{{ record.client.name }} +{{ record.id }}" } },
      ],
    });
    expect(await automation.runDue()).toEqual({ rules: 1, runs: 2, failed: 0, errors: [] });
    // Read ahead, the second run would have seen the name before the first run changed it.
    expect((await rt.records.get(admin, "clients", acme.id)).name).toBe(`Acme +${first.id} +${second.id}`);
    const tasks = await rows(rt.db, "tasks");
    expect(tasks.map((t) => [t.subject, t.assignee])).toEqual([
      [`Chase ${first.id} of Acme`, anna.id],
      [`Chase ${second.id} of Acme +${first.id}`, anna.id],
    ]);
    // The batch's audit entries are written together at its end, none lost.
    for (const task of tasks)
      expect((await listAudit(rt.db, { table: "tasks", recordId: task.id as number })).map((e) => e.action)).toEqual(["create"]);
  });

  it("collections: an overdue invoice gets one task for the client's manager, closed when paid, never twice", async () => {
    const collections = await rule({
      name: "Collections",
      table: "invoices",
      trigger: { type: "date", field: "due_date", offset: { amount: 1, unit: "days" } },
      condition: {
        and: [
          { field: "status", op: "eq", value: "issued" },
          { field: "balance", op: "gt", value: 0 },
        ],
      },
      actions: [
        {
          type: "create",
          table: "tasks",
          values: {
            subject: "Collect payment of {{ record.number }} from {{ record.client.name }} ({{ record.balance | money: 'EUR' }})",
            assignee: "{{ record.client.manager }}",
            due: "{{ now | add_days: 2 }}",
            about_table: "invoices",
            about_id: "{{ record.id }}",
          },
        },
      ],
    });
    await rule({
      name: "Collections: paid",
      table: "payments",
      trigger: { type: "created" },
      actions: [
        {
          type: "closeTasks",
          rule: "Collections",
          of: "invoice",
          when: "{% if record.invoice.balance <= 0 %}paid{% endif %}",
          values: { done_at: "{{ now }}" },
        },
      ],
    });
    const acme = await create("clients", { name: "Acme", manager: anna.id });
    const overdue = await invoice(acme.id, "2026-12-01", [{ price: 100 }]);
    const dueToday = await invoice(acme.id, "2026-12-04", [{ price: 200 }]);
    const paid = await invoice(acme.id, "2026-11-30", [{ price: 50 }]);
    await create("payments", { invoice: paid.id, amount: 50 });
    await invoice(acme.id, "2026-11-20", [{ price: 70 }], "draft");
    await drain();

    expect(await automation.runDue()).toEqual({ rules: 1, runs: 1, failed: 0, errors: [] });
    expect(await rows(rt.db, "tasks")).toEqual([
      expect.objectContaining({
        subject: `Collect payment of ${overdue.number} from Acme (€100.00)`,
        assignee: anna.id,
        status: "open",
        about_table: "invoices",
        about_id: overdue.id,
      }),
    ]);
    // The second pass finds nothing: every due record has its run.
    expect(await automation.runDue()).toEqual({ rules: 1, runs: 0, failed: 0, errors: [] });

    at("2026-12-05T00:00:00Z");
    expect(await automation.runDue()).toMatchObject({ runs: 1 });
    expect((await rows(rt.db, "tasks")).map((t) => t.about_id)).toEqual([overdue.id, dueToday.id]);

    await create("payments", { invoice: overdue.id, amount: 60 });
    await drain();
    expect((await rows(rt.db, "tasks", { about_id: overdue.id }))[0]).toMatchObject({ status: "open" });
    await create("payments", { invoice: overdue.id, amount: 40 });
    await drain();
    const closed = (await rt.records.list(admin, "tasks", { filter: { field: "about_id", op: "eq", value: overdue.id } })).rows[0];
    expect(closed).toMatchObject({ status: "done", done_at: "2026-12-05T00:00:00.000Z" });
    expect((await rows(rt.db, "tasks", { about_id: dueToday.id }))[0]).toMatchObject({ status: "open" });

    at("2026-12-20T00:00:00Z");
    expect(await automation.runDue()).toMatchObject({ runs: 0 });
    expect(await count(rt.db, "tasks")).toBe(2);
    expect((await automation.rules.runs(collections.id)).map((r) => [r.recordId, r.occurrence, r.state])).toEqual([
      [dueToday.id, "2026-12-04", "done"],
      [overdue.id, "2026-12-01", "done"],
    ]);
  });

  it("lowers stock per invoice line and adds reorders to one draft order per supplier", async () => {
    await rule({
      name: "Lower stock",
      table: "invoices",
      trigger: { type: "updated", fields: ["status"] },
      condition: { field: "status", op: "eq", value: "issued" },
      previous: { field: "status", op: "neq", value: "issued" },
      actions: [
        { type: "update", forEach: "items", target: "line.product", values: { stock: "{{ target.stock | minus: line.quantity }}" } },
      ],
    });
    const below = "{% if record.stock < record.reorder_level and previous.stock >= record.reorder_level %}yes{% endif %}";
    await rule({
      name: "Reorder",
      table: "products",
      trigger: { type: "updated", fields: ["stock"] },
      actions: [
        {
          type: "create",
          table: "purchase_orders",
          as: "order",
          when: below,
          values: { supplier: "{{ record.supplier }}", status: "draft" },
          reuse: { match: { supplier: "{{ record.supplier }}", status: "draft" } },
        },
        {
          type: "create",
          table: "purchase_order_items",
          when: below,
          values: {
            purchase_order: "{{ created.order }}",
            product: "{{ record.id }}",
            quantity: "{{ record.reorder_level | times: 2 | minus: record.stock }}",
          },
        },
      ],
    });
    const parts = await create("suppliers", { name: "Parts Ltd" });
    const other = await create("suppliers", { name: "Other Ltd" });
    const bolts = await create("products", { name: "Bolts", stock: 10, reorder_level: 5, supplier: parts.id });
    const nuts = await create("products", { name: "Nuts", stock: 6, reorder_level: 5, supplier: parts.id });
    const gears = await create("products", { name: "Gears", stock: 20, reorder_level: 5, supplier: other.id });
    const client = await create("clients", { name: "Acme" });
    await invoice(client.id, "2026-12-30", [
      { price: 1, quantity: 7, product: bolts.id },
      { price: 1, quantity: 2, product: nuts.id },
      { price: 1, quantity: 1, product: bolts.id },
      { price: 1, quantity: 3, product: gears.id },
      { price: 5 },
    ]);
    await drain();
    expect((await rows(rt.db, "products")).map((p) => [p.name, p.stock])).toEqual([
      ["Bolts", 2],
      ["Nuts", 4],
      ["Gears", 17],
    ]);
    const orders = await rows(rt.db, "purchase_orders");
    expect(orders).toEqual([expect.objectContaining({ supplier: parts.id, status: "draft" })]);
    expect((await rows(rt.db, "purchase_order_items")).map((l) => [l.purchase_order, l.product, l.quantity])).toEqual([
      [orders[0].id, bolts.id, 8],
      [orders[0].id, nuts.id, 6],
    ]);
    // Sent, the order is no longer the draft: the next reorder starts a new one.
    await update("purchase_orders", Number(orders[0].id), { status: "sent" });
    await update("products", gears.id, { stock: 4 });
    await update("products", nuts.id, { stock: 6 });
    await update("products", nuts.id, { stock: 1 });
    await drain();
    expect((await rows(rt.db, "purchase_orders")).map((o) => [o.supplier, o.status])).toEqual([
      [parts.id, "sent"],
      [other.id, "draft"],
      [parts.id, "draft"],
    ]);
  });

  it("routes new leads: the first matching route, else fewest open leads, ties round-robin; the owner is notified", async () => {
    await rule({
      name: "Route leads",
      table: "leads",
      trigger: { type: "created" },
      actions: [
        {
          type: "assign",
          field: "owner",
          routes: [
            {
              when: {
                and: [
                  { field: "region", op: "eq", value: "north" },
                  { field: "size", op: "eq", value: "large" },
                ],
              },
              // By email, as a shipped configuration names its users (ids differ between databases).
              user: "Carl@Example.com",
            },
          ],
          pool: { role: "staff" },
          workload: { table: "leads", field: "owner", open: { field: "status", op: "eq", value: "new" } },
        },
        { type: "notify", to: "owner", title: "New lead: {{ record.name }}" },
      ],
    });
    const owners: (number | null)[] = [];
    for (const [name, region, size] of [
      ["L1", "north", "large"],
      ["L2", "south", "small"],
      ["L3", "south", "small"],
      ["L4", "north", "small"],
      ["L5", "south", "large"],
    ]) {
      const lead = await create("leads", { name, region, size });
      await drain();
      owners.push(Number((await rt.records.get(admin, "leads", lead.id)).owner));
    }
    expect(owners).toEqual([carl.id, anna.id, ben.id, carl.id, anna.id]);
    // Won leads no longer count: Anna has none open now.
    await rt.db("leads").where({ name: "L5" }).update({ status: "won" });
    await rt.db("leads").where({ name: "L2" }).update({ status: "won" });
    await create("leads", { name: "L6", region: "south" });
    await drain();
    expect((await rows(rt.db, "leads", { name: "L6" }))[0].owner).toBe(anna.id);
    expect(await notificationsOf(carl)).toEqual(["New lead: L4", "New lead: L1"]);
    expect(await notificationsOf(anna)).toEqual(["New lead: L6", "New lead: L5", "New lead: L2"]);
  });

  it("guards a change with chained approvals: refused, asked, approved step by step, then allowed once", async () => {
    await rule({
      name: "Big invoices",
      table: "invoices",
      trigger: { type: "updated", fields: ["status"] },
      condition: {
        and: [
          { field: "status", op: "eq", value: "issued" },
          { field: "total", op: "gt", value: 10000 },
        ],
      },
      previous: { field: "status", op: "neq", value: "issued" },
      actions: [
        {
          type: "requestApproval",
          steps: [{ approver: "client.manager" }, { approver: "role:admin" }],
          message: "{{ record.client.name }}: {{ record.total | money: 'EUR' }} needs approval",
        },
        { type: "notify", to: "role:accountant", title: "Issued after approval: {{ record.number }}" },
      ],
    });
    const client = await create("clients", { name: "Acme", manager: anna.id });
    const big = await invoice(client.id, "2026-12-30", [{ price: 12_000 }], "draft");
    const small = await invoice(client.id, "2026-12-30", [{ price: 500 }], "draft");
    // Created issued at once, it would skip the guard: there is no earlier version to approve.
    const invoicesBefore = await count(rt.db, "invoices");
    await expect(
      create("invoices", { client: client.id, status: "issued", items: [{ description: "All at once", quantity: 1, price: 12_000 }] }, ben),
    ).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(
        /Acme: €12,000\.00 needs approval — Invoice .* needs the approval of Anna .*a new record cannot be approved before it exists: save it first with another Status, then change the Status to ask for the approval\./,
      ),
    });
    expect(await count(rt.db, "invoices")).toBe(invoicesBefore);
    await create("invoices", { client: client.id, status: "issued", items: [{ description: "Small", quantity: 1, price: 10 }] }, ben);

    await expect(update("invoices", big.id, { status: "issued" }, ben)).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/Acme: €12,000\.00 needs approval — Invoice .* needs the approval of Anna: the request has been sent/),
    });
    expect((await rt.records.get(admin, "invoices", big.id)).status).toBe("draft");
    const [request] = await automation.approvals.list({ approver: anna.id! });
    expect(request).toMatchObject({
      state: "pending",
      step: 0,
      recordId: big.id,
      requestedBy: ben.id,
      steps: [{ users: [{ id: anna.id }] }, { users: [] }],
    });
    expect(await notificationsOf(anna)).toEqual(["Approval needed: Acme: €12,000.00 needs approval"]);
    await expect(update("invoices", big.id, { status: "issued" }, ben)).rejects.toMatchObject({
      message: expect.stringContaining("waits for the approval of Anna"),
    });
    expect(await automation.approvals.list({ state: "pending" })).toHaveLength(1);

    // Only the step's approver decides.
    await expect(automation.approvals.approve(ben, request.id, "fine by me")).rejects.toMatchObject({ status: 403 });
    expect(await automation.approvals.approve(anna, request.id, "known client")).toMatchObject({ state: "pending", step: 1 });
    await expect(update("invoices", big.id, { status: "issued" }, ben)).rejects.toMatchObject({
      message: expect.stringContaining("waits for the approval of Ada Admin and Bo Boss"),
    });
    expect(await automation.approvals.approve(boss, request.id)).toMatchObject({ state: "approved" });
    await expect(automation.approvals.reject(admin, request.id, "too late")).rejects.toMatchObject({ status: 409 });
    expect(await notificationsOf(ben)).toEqual([expect.stringMatching(/^Approved: Acme: €12,000\.00 needs approval/)]);

    const issued = await update("invoices", big.id, { status: "issued" }, ben);
    expect(issued.status).toBe("issued");
    expect((await automation.approvals.get(request.id)).usedAt).not.toBeNull();
    await drain();
    expect(await notificationsOf(accountant)).toEqual([`Issued after approval: ${issued.number}`]);
    // Small invoices pass without asking anyone.
    expect((await update("invoices", small.id, { status: "issued" }, ben)).status).toBe("issued");

    const trail = await listAudit(rt.db, { table: "invoices", recordId: big.id });
    expect(trail.filter((e) => e.action === "approval").map((e) => (e.changes as { decision: string }).decision)).toEqual([
      "approved",
      "approved",
      "requested",
    ]);
  });

  it("rejects with a comment: the requester is told, and asking again starts a new request", async () => {
    await rule({
      name: "Big invoices",
      table: "invoices",
      trigger: { type: "updated", fields: ["status"] },
      condition: {
        and: [
          { field: "status", op: "eq", value: "issued" },
          { field: "total", op: "gt", value: 10000 },
        ],
      },
      actions: [{ type: "requestApproval", steps: [{ approver: "client.manager" }], message: "Issue {{ record.number }}?" }],
    });
    const client = await create("clients", { name: "Acme", manager: anna.id });
    const big = await invoice(client.id, "2026-12-30", [{ price: 20_000 }], "draft");
    await expect(update("invoices", big.id, { status: "issued" }, ben)).rejects.toMatchObject({ status: 409 });
    const [request] = await automation.approvals.list({ approver: anna.id! });
    expect(await automation.approvals.reject(anna, request.id, "discount is too high")).toMatchObject({ state: "rejected" });
    expect((await notificationsOf(ben))[0]).toMatch(/^Rejected by Anna: Issue .*\("discount is too high"\)/);
    await expect(update("invoices", big.id, { status: "issued" }, ben)).rejects.toMatchObject({
      message: expect.stringContaining('An earlier request was rejected by Anna: "discount is too high"'),
    });
    expect((await automation.approvals.list({ recordId: big.id })).map((a) => a.state)).toEqual(["pending", "rejected"]);
    const trail = await listAudit(rt.db, { table: "invoices", recordId: big.id });
    expect(trail.filter((e) => e.action === "approval").map((e) => e.changes)).toEqual([
      expect.objectContaining({ decision: "requested" }),
      expect.objectContaining({ decision: "rejected", comment: "discount is too high", step: 1 }),
      expect.objectContaining({ decision: "requested" }),
    ]);
  });

  it("stops rules that trigger themselves five deep, and logs why", async () => {
    const loop = await rule({
      name: "Count up",
      table: "counters",
      trigger: { type: "updated", fields: ["count"] },
      actions: [{ type: "update", values: { count: "{{ record.count | plus: 1 }}" } }],
    });
    const c = await create("counters", { name: "c", count: 0 });
    await update("counters", c.id, { count: 1 });
    await drain();
    expect((await rt.records.get(admin, "counters", c.id)).count).toBe(6);
    const runs = await automation.rules.runs(loop.id);
    expect(runs.map((r) => [r.state, r.depth])).toEqual([
      ["stopped", 5],
      ["done", 4],
      ["done", 3],
      ["done", 2],
      ["done", 1],
      ["done", 0],
    ]);
    expect(runs[0].error).toMatch(
      /rules triggered rules 5 deep \("Count up" → "Count up" → "Count up" → "Count up" → "Count up" → "Count up"\)/,
    );
  });

  it("reminds at a date-time: a task's assignee is notified once its due time is reached, again only if it moves", async () => {
    const reminder = await rule({
      name: "Task due",
      table: "tasks",
      trigger: { type: "date", field: "due", offset: { amount: -15, unit: "minutes" } },
      condition: { field: "status", op: "eq", value: "open" },
      actions: [{ type: "notify", to: "assignee", title: "Due at {{ record.due | slice: 11, 5 }}: {{ record.subject }}" }],
    });
    const task = await create("tasks", { subject: "Call Acme", assignee: anna.id, due: "2026-12-04T10:00:00.000Z" });
    await create("tasks", { subject: "Done already", assignee: anna.id, due: "2026-12-04T09:00:00.000Z", status: "done" });
    expect(await automation.runDue()).toMatchObject({ runs: 0 });
    at("2026-12-04T09:45:00Z");
    expect(await automation.runDue()).toMatchObject({ runs: 1 });
    expect(await automation.runDue()).toMatchObject({ runs: 0 });
    expect(await notificationsOf(anna)).toEqual(["Due at 10:00: Call Acme"]);
    await update("tasks", task.id, { due: "2026-12-04T11:30:00.000Z" });
    at("2026-12-04T11:20:00Z");
    expect(await automation.runDue()).toMatchObject({ runs: 1 });
    expect(await notificationsOf(anna)).toEqual(["Due at 11:30: Call Acme", "Due at 10:00: Call Acme"]);
    expect((await automation.rules.runs(reminder.id)).map((r) => r.occurrence)).toEqual([
      "2026-12-04 11:30:00.000",
      "2026-12-04 10:00:00.000",
    ]);
  });

  it("runs schedules once per slot, from the first slot after the rule was switched on, and escalates to a supervisor", async () => {
    await rule({
      name: "Open high cases",
      table: "cases",
      trigger: { type: "schedule", every: "day", at: "07:00" },
      condition: {
        and: [
          { field: "status", op: "eq", value: "open" },
          { field: "priority", op: "eq", value: "high" },
        ],
      },
      actions: [
        { type: "notify", to: "owner.supervisor", title: "Still open on {{ today }}: {{ record.subject }} ({{ record.owner.name }})" },
      ],
    });
    await create("cases", { subject: "Printer on fire", priority: "high", owner: anna.id });
    await create("cases", { subject: "Typo", priority: "low", owner: anna.id });
    expect(await automation.runDue()).toMatchObject({ runs: 0 });
    at("2026-12-05T07:00:00Z");
    expect(await automation.runDue()).toMatchObject({ runs: 1 });
    expect(await automation.runDue()).toMatchObject({ runs: 0 });
    at("2026-12-06T08:00:00Z");
    expect(await automation.runDue()).toMatchObject({ runs: 1 });
    expect(await notificationsOf(boss)).toEqual([
      "Still open on 2026-12-06: Printer on fire (Anna)",
      "Still open on 2026-12-05: Printer on fire (Anna)",
    ]);
  });

  it("runs a manual rule as the user who clicks, with their rights, once per click", async () => {
    const convert = await rule({
      name: "Convert lead",
      table: "leads",
      trigger: { type: "manual", label: "Convert lead" },
      condition: { field: "status", op: "eq", value: "new" },
      actions: [
        {
          type: "create",
          table: "clients",
          as: "client",
          values: { name: "{{ record.name }}", status: "active", manager: "{{ user.id }}" },
        },
        { type: "update", values: { status: "won" } },
        {
          type: "create",
          table: "tasks",
          values: {
            subject: "Kick-off with {{ created.client.name }}",
            assignee: "{{ user.id }}",
            about_table: "clients",
            about_id: "{{ created.client }}",
          },
        },
      ],
    });
    const lead = await create("leads", { name: "Zeta GmbH" });
    expect(await automation.rules.manual(ben, "leads", lead.id)).toEqual([
      { id: convert.id, name: "Convert lead", label: "Convert lead", offered: true },
    ]);
    await expect(automation.runManual(accountant, convert.id, lead.id)).rejects.toMatchObject({ status: 403 });
    expect(await count(rt.db, "clients")).toBe(0);
    const run = await automation.runManual(ben, convert.id, lead.id, "click-1");
    expect(run).toMatchObject({ state: "done", trigger: "manual", occurrence: "click:click-1" });
    expect(await automation.runManual(ben, convert.id, lead.id, "click-1").catch((e: Error) => e.message)).toMatch(/not offered/);
    const [client] = await rows(rt.db, "clients");
    expect(client).toMatchObject({ name: "Zeta GmbH", manager: ben.id, created_by: ben.id });
    expect(await rows(rt.db, "tasks")).toEqual([
      expect.objectContaining({ subject: "Kick-off with Zeta GmbH", assignee: ben.id, about_id: client.id }),
    ]);
    expect((await rt.records.get(admin, "leads", lead.id)).status).toBe("won");
    expect((await automation.rules.runs(convert.id)).map((r) => r.state)).toEqual(["done", "failed"]);
  });

  it("logs a failing run, retries it with backoff, and lets an admin retry it once the job gave up", async () => {
    const broken = await rule({
      name: "Broken",
      table: "clients",
      trigger: { type: "created" },
      actions: [{ type: "create", table: "tasks", values: { subject: "{{ record.nickname }}" } }],
    });
    await create("clients", { name: "Acme" });
    for (let i = 0; i < 5; i++) {
      await drain();
      at(new Date(clock.getTime() + DAY).toISOString());
    }
    const [failed] = await automation.rules.failedRuns();
    expect(failed).toMatchObject({ ruleId: broken.id, state: "failed", attempts: 5, retryable: true });
    expect(failed.error).toMatch(/Task was not saved.*subject/);
    expect((await queue.list({ type: "rules.event" }))[0]).toMatchObject({ state: "dead", attempts: 5 });
    await automation.rules.update(
      admin,
      broken.id,
      { ...definitionOf(broken), actions: [{ type: "create", table: "tasks", values: { subject: "Call {{ record.name }}" } }] },
      broken.version,
    );
    expect(await automation.rules.retryRun(admin, failed.id)).toMatchObject({ state: "failed" });
    await drain();
    expect((await automation.rules.runs(broken.id))[0]).toMatchObject({ state: "done", attempts: 6, error: null });
    expect(await rows(rt.db, "tasks")).toEqual([expect.objectContaining({ subject: "Call Acme" })]);
    await expect(automation.rules.retryRun(admin, failed.id)).rejects.toMatchObject({ status: 409 });
  });

  it("keeps a failed run's reason as a catalog phrase, for the run log to say in its reader's language", async () => {
    const nowhere = await rule({
      name: "Route nowhere",
      table: "leads",
      trigger: { type: "created" },
      actions: [
        { type: "assign", field: "owner", routes: [{ when: { field: "name", op: "eq", value: "Unrouted" }, user: "nobody@example.com" }] },
      ],
    });
    await create("leads", { name: "Unrouted" });
    await drain();
    const [failed] = await automation.rules.runs(nowhere.id);
    expect(failed).toMatchObject({
      state: "failed",
      error: "action 1 (assign owner): no route matched and there is no pool to choose from",
      errorWords: { key: "refusals.automation.noRoute", values: { where: "action 1 (assign owner)" } },
    });
    const sv = createTranslator(languagePack("sv")).t;
    expect(say(failed.errorWords!, sv)).toBe("action 1 (assign owner): ingen väg matchade och det finns ingen pool att välja från");
  });

  it("dry run: reports what the rule would do now without keeping anything, and the real run then does exactly that", async () => {
    const collections = await rule({
      name: "Collections",
      table: "invoices",
      enabled: false,
      trigger: { type: "date", field: "due_date", offset: { amount: 1, unit: "days" } },
      condition: {
        and: [
          { field: "status", op: "eq", value: "issued" },
          { field: "balance", op: "gt", value: 0 },
        ],
      },
      actions: [
        {
          type: "create",
          table: "tasks",
          values: {
            subject: "Collect {{ record.number }} ({{ record.balance }})",
            assignee: "{{ record.client.manager }}",
            due: "{{ now | add_days: 2 }}",
          },
        },
        { type: "notify", to: "client.manager", title: "{{ record.number }} is overdue" },
      ],
    });
    const acme = await create("clients", { name: "Acme", manager: anna.id });
    const birch = await create("clients", { name: "Birch", manager: ben.id });
    const a = await invoice(acme.id, "2026-12-01", [{ price: 100 }]);
    const b = await invoice(birch.id, "2026-11-15", [{ price: 30, quantity: 2 }]);
    await invoice(birch.id, "2026-12-10", [{ price: 10 }]);
    const before = {
      tasks: await count(rt.db, "tasks"),
      jobs: await count(rt.db, JOBS_TABLE),
      notes: await count(rt.db, AUTOMATION_TABLES.notifications),
    };

    const dry = await automation.dryRun(admin, { id: collections.id });
    expect(dry.matches).toEqual([
      { id: a.id, title: a.number },
      { id: b.id, title: b.number },
    ]);
    expect(dry.errors).toEqual([]);
    expect(dry.actions).toEqual([
      {
        record: a.id,
        action: 0,
        type: "create",
        table: "tasks",
        values: { subject: `Collect ${a.number} (100)`, assignee: anna.id, due: "2026-12-06T09:00:00.000Z" },
        target: null,
      },
      {
        record: a.id,
        action: 1,
        type: "notify",
        table: "invoices",
        values: { to: [anna.id], title: `${a.number} is overdue`, href: `/t/invoices/${a.id}` },
      },
      {
        record: b.id,
        action: 0,
        type: "create",
        table: "tasks",
        values: { subject: `Collect ${b.number} (60)`, assignee: ben.id, due: "2026-12-06T09:00:00.000Z" },
        target: null,
      },
      {
        record: b.id,
        action: 1,
        type: "notify",
        table: "invoices",
        values: { to: [ben.id], title: `${b.number} is overdue`, href: `/t/invoices/${b.id}` },
      },
    ]);
    expect({
      tasks: await count(rt.db, "tasks"),
      jobs: await count(rt.db, JOBS_TABLE),
      notes: await count(rt.db, AUTOMATION_TABLES.notifications),
    }).toEqual(before);
    expect(await count(rt.db, AUTOMATION_TABLES.runs)).toBe(0);
    expect((await automation.rules.list()).map((r) => r.name)).toEqual(["Collections"]);

    // An unsaved definition tries the same way.
    const definition = definitionOf(collections);
    expect((await automation.dryRun(admin, { definition: { ...definition, name: "Draft" } })).actions).toEqual(dry.actions);

    await automation.rules.update(admin, collections.id, { ...definition, enabled: true }, collections.version);
    await automation.runDue();
    const real: ActionOutcome[] = (await automation.rules.runs(collections.id)).reverse().flatMap((r) => r.actions);
    const createdIds = (await rows(rt.db, "tasks")).map((t) => Number(t.id));
    expect(real.filter((o) => o.type === "create").map((o) => o.target)).toEqual(createdIds);
    expect(real.map((o) => (o.type === "create" ? { ...o, target: null } : o))).toEqual(dry.actions);
  });

  it("makes one task when two instances run due rules at once, and when both enqueue the same minute's tick", async () => {
    const rtB = await createRuntime({ databaseUrl: database.url });
    rtB.automation.close();
    const queueB = createJobQueue(rtB.db, { instanceId: "b", now: () => clock });
    const automationB = createAutomation({ db: rtB.db, workspace: rtB.workspace, records: rtB.records, queue: queueB, now: () => clock });
    try {
      await rule({
        name: "Collections",
        table: "invoices",
        trigger: { type: "date", field: "due_date", offset: { amount: 1, unit: "days" } },
        condition: { field: "balance", op: "gt", value: 0 },
        actions: [{ type: "create", table: "tasks", values: { subject: "Collect {{ record.number }}", about_id: "{{ record.id }}" } }],
      });
      const client = await create("clients", { name: "Acme" });
      for (let i = 0; i < 6; i++) await invoice(client.id, "2026-12-01", [{ price: 10 + i }]);
      await drain();
      // A pass in progress elsewhere (its lease not yet over) is left to finish the work.
      await rt.db(AUTOMATION_TABLES.state).insert({ key: "due:lease", value: "elsewhere", updated_at: "2026-12-04 09:01:00.000" });
      expect(await automation.runDue()).toMatchObject({ busy: true, runs: 0 });
      at("2026-12-04T09:01:30Z");
      const [a, b] = await Promise.all([automation.runDue(), automationB.runDue()]);
      expect(a.runs + b.runs).toBe(6);
      expect(await count(rt.db, "tasks")).toBe(6);
      expect(new Set((await rows(rt.db, "tasks")).map((t) => t.about_id)).size).toBe(6);

      for (let i = 0; i < 3; i++) await invoice(client.id, "2026-12-02", [{ price: 10 + i }]);
      await drain();
      at("2026-12-04T09:02:30Z");
      const [tickA, tickB] = await Promise.all([automation.enqueueTick(), automationB.enqueueTick()]);
      expect(tickA).toBe(tickB);
      await Promise.all([queue.runUntilIdle(automation.handlers), queueB.runUntilIdle(automationB.handlers)]);
      expect(await count(rt.db, "tasks")).toBe(9);
    } finally {
      automationB.close();
      await rtB.close();
    }
  });

  it("runs events on workers in two instances, each rule once per record", async () => {
    const rtB = await createRuntime({ databaseUrl: database.url });
    rtB.automation.close();
    const queueA = createJobQueue(rt.db, { instanceId: "wa" });
    const queueB = createJobQueue(rtB.db, { instanceId: "wb" });
    const autoA = createAutomation({ db: rt.db, workspace: rt.workspace, records: rt.records, queue: queueA });
    const autoB = createAutomation({ db: rtB.db, workspace: rtB.workspace, records: rtB.records, queue: queueB });
    automation.close();
    const workers = [
      startWorkers(queueA, { handlers: autoA.handlers, pollMs: 50 }),
      startWorkers(queueB, { handlers: autoB.handlers, pollMs: 50 }),
    ];
    try {
      await autoA.rules.create(admin, {
        name: "Welcome",
        table: "clients",
        enabled: true,
        trigger: { type: "created" },
        actions: [{ type: "create", table: "tasks", values: { subject: "Welcome {{ record.name }}", about_id: "{{ record.id }}" } }],
      });
      for (let i = 0; i < 12; i++) await (i % 2 ? rtB.records : rt.records).create(admin, "clients", { name: `Client ${i}` });
      await vi.waitFor(async () => expect(await count(rt.db, JOBS_TABLE, { state: "done" })).toBe(12), { timeout: 30_000, interval: 100 });
      expect(await count(rt.db, "tasks")).toBe(12);
      expect(new Set((await rows(rt.db, "tasks")).map((t) => t.about_id)).size).toBe(12);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      autoA.close();
      autoB.close();
      await rtB.close();
    }
  });

  it("finishes the rules job of a worker killed after its rule ran, without acting twice", async () => {
    await rule({
      name: "Welcome",
      table: "clients",
      trigger: { type: "created" },
      actions: [{ type: "create", table: "tasks", values: { subject: "Welcome {{ record.name }}" } }],
    });
    await create("clients", { name: "Acme" });
    const [job] = await queue.list({ type: "rules.event" });
    const script = fileURLToPath(new URL("./fixtures/rules-run-and-die.ts", import.meta.url));
    const child = spawnSync(process.execPath, ["--import", "tsx", script, database.url], { encoding: "utf8", timeout: 90_000 });
    expect(child.signal).toBe("SIGKILL");
    expect(child.stdout).toContain(`ran ${job.id}`);
    expect(await count(rt.db, "tasks")).toBe(1);
    expect(await queue.get(job.id)).toMatchObject({ state: "running", lockedBy: "doomed" });
    const survivor = createJobQueue(rt.db, { instanceId: "survivor" });
    await vi.waitFor(async () => expect(await survivor.runUntilIdle(automation.handlers)).toBe(1), { timeout: 15_000, interval: 250 });
    expect(await survivor.get(job.id)).toMatchObject({ state: "done", attempts: 2, lockedBy: "survivor", result: { runs: 0 } });
    expect(await count(rt.db, "tasks")).toBe(1);
    expect(await count(rt.db, AUTOMATION_TABLES.runs)).toBe(1);
  });

  it("follows a renamed table and field: the rule keeps working", async () => {
    const welcome = await rule({
      name: "Welcome",
      table: "clients",
      trigger: { type: "updated", fields: ["manager"] },
      condition: { field: "manager", op: "notEmpty" },
      actions: [{ type: "create", table: "tasks", values: { subject: "Hello {{ record.name }}", assignee: "{{ record.manager }}" } }],
    });
    const schema = automationWorkspace();
    const clients = schema.$defs.clients;
    clients.properties = Object.fromEntries(
      Object.entries(clients.properties).map(([k, v]) => [k === "manager" ? "account_manager" : k, v]),
    );
    schema.$defs.todos = schema.$defs.tasks;
    delete schema.$defs.tasks;
    const before = await rt.workspace.current({ fresh: true });
    // Applying the schema is what moves the rule along (the workspace's afterApply): nothing is left to follow.
    await rt.workspace.apply({ baseVersion: before.version, schema });
    try {
      expect(await automation.rules.followRenames(before.compiled)).toBe(0);
      expect(await automation.rules.get(welcome.id)).toMatchObject({
        trigger: { type: "updated", fields: ["account_manager"] },
        condition: { field: "account_manager", op: "notEmpty" },
        actions: [{ type: "create", table: "todos", values: { assignee: "{{ record.account_manager }}" } }],
        problems: [],
      });
      const c = await create("clients", { name: "Acme" });
      await update("clients", c.id, { account_manager: anna.id });
      await drain();
      expect(await rows(rt.db, "todos")).toEqual([expect.objectContaining({ subject: "Hello Acme", assignee: anna.id })]);
    } finally {
      const renamed = await rt.workspace.current({ fresh: true });
      await rt.workspace.apply({ baseVersion: renamed.version, schema: automationWorkspace() });
    }
  });
});
