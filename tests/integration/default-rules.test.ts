import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_TABLES } from "@runtime/db/system-tables.server";
import { SYSTEM_ACTOR } from "@runtime/records/permissions";
import type { Runtime } from "@runtime/runtime.server";
import { DEFAULT_RULES } from "@seeds/rules";
import { createSeededRuntime } from "../helpers/default-configuration";
import { testDatabases, type TestDatabase } from "../helpers/databases";

/** The rules the default configuration ships with, seeded and run against its real schema. */
describe.each(testDatabases)("default rules on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  let ben: number;

  const drain = () => rt.queue.runUntilIdle(rt.jobHandlers);
  const create = (table: string, values: Record<string, unknown>) => rt.records.create(SYSTEM_ACTOR, table, values);
  const tasksAbout = async (table: string, id: number) =>
    (
      await rt.records.list(SYSTEM_ACTOR, "tasks", {
        filter: {
          and: [
            { field: "about_table", op: "eq", value: table },
            { field: "about_id", op: "eq", value: id },
          ],
        },
      })
    ).rows;

  beforeAll(async () => {
    database = await kind.create();
    rt = await createSeededRuntime(database.url);
    const row = (await rt.db(SYSTEM_TABLES.users).where({ email: "ben@tessera-demo.ie" }).first("id")) as { id: number };
    ben = Number(row.id);
  });
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  it("are created on the first seed, each fitting the schema", async () => {
    const rules = await rt.automation.rules.list();
    expect(rules.map((r) => r.name).sort()).toEqual(DEFAULT_RULES.map((r) => r.name).sort());
    for (const rule of rules) expect(rule.problems, rule.name).toEqual([]);
  });

  it("notify the assignee of a task that falls due, with a link to the task", async () => {
    const task = await create("tasks", { subject: "Call the bank", due: "2026-01-02T09:00:00.000Z", assignee: ben });
    await rt.automation.runDue(new Date("2026-01-03T00:00:00.000Z"));
    const { rows } = await rt.automation.notifications.list(ben, { limit: 200 });
    expect(rows).toContainEqual(expect.objectContaining({ title: "Task due: Call the bank", href: `/t/tasks/${task.id}`, readAt: null }));
  });

  it("remind the assignee of an open event at its reminder time, and not of a done one", async () => {
    const client = await create("clients", { kind: "company", name: "Reminded Ltd", status: "active" });
    const event = await create("events", {
      kind: "call",
      subject: "Call about the renewal",
      client: client.id,
      remind_at: "2026-02-02T08:45:00.000Z",
      assignee: ben,
    });
    await create("events", { kind: "call", subject: "Already called", remind_at: "2026-02-02T08:45:00.000Z", assignee: ben, done: true });
    await rt.automation.runDue(new Date("2026-02-02T08:44:00.000Z"));
    const before = (await rt.automation.notifications.list(ben, { limit: 200 })).rows.map((r) => r.title);
    expect(before).not.toContain("Reminder: Call about the renewal (Reminded Ltd)");
    await rt.automation.runDue(new Date("2026-02-02T08:46:00.000Z"));
    const { rows } = await rt.automation.notifications.list(ben, { limit: 200 });
    expect(rows).toContainEqual(
      expect.objectContaining({ title: "Reminder: Call about the renewal (Reminded Ltd)", href: `/t/events/${event.id}` }),
    );
    expect(rows.map((r) => r.title)).not.toContain("Reminder: Already called");
  });

  it("give the account manager a task to collect an overdue invoice, closed by the payment that settles it", async () => {
    const client = await create("clients", { kind: "company", name: "Slow Payers Ltd", status: "active", manager: ben });
    const invoice = await create("invoices", {
      client: client.id,
      date: "2026-01-05",
      due_date: "2026-01-19",
      status: "issued",
      currency: "EUR",
      items: [{ description: "Consulting", quantity: 1, price: 100, tax_rate: 0 }],
    });
    await rt.automation.runDue(new Date("2026-01-19T12:00:00.000Z"));
    expect(await tasksAbout("invoices", invoice.id)).toEqual([]);
    await rt.automation.runDue(new Date("2026-01-20T12:00:00.000Z"));
    await rt.automation.runDue(new Date("2026-01-21T12:00:00.000Z"));
    const [task, ...more] = await tasksAbout("invoices", invoice.id);
    expect(more).toEqual([]);
    expect(task).toMatchObject({ assignee: ben, status: "open", priority: "high" });
    expect(task.subject).toMatch(/^Collect .*100\.00 on INV-2026-\d{4} from Slow Payers Ltd$/);

    await create("payments", { invoice: invoice.id, date: "2026-01-22", amount: 40, currency: "EUR" });
    await drain();
    expect((await tasksAbout("invoices", invoice.id))[0]).toMatchObject({ status: "open" });
    await create("payments", { invoice: invoice.id, date: "2026-01-23", amount: 60, currency: "EUR" });
    await drain();
    expect((await tasksAbout("invoices", invoice.id))[0]).toMatchObject({ status: "done", done_at: expect.any(String) });
  });
});
