import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "@runtime/auth/actors.server";
import { AUTH_TABLES } from "@runtime/auth/auth-tables.server";
import type { TableRights } from "@runtime/auth/roles";
import { saveRole } from "@runtime/auth/roles.server";
import { addUser } from "@runtime/auth/users.server";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import { readTimeline, type TimelineItem, type TimelinePage } from "@runtime/records/timeline.server";
import { SNAPSHOTS_TABLE } from "@runtime/print/snapshots.server";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { DEFAULT_CONFIGURATION } from "@seeds/default-configuration";
import { addToTimeline, quickAdds } from "../../app/services/timeline.server";
import { apiStatus } from "../helpers/api-status";
import { testDatabases, type TestDatabase } from "../helpers/databases";

const reader: TableRights = { read: true, create: false, update: false, delete: false, print: false, scope: "all" };

/** Stored UTC time `minutes` after 09:00 on a fixed day, as both drivers keep system times. */
const at = (minutes: number) =>
  `2026-11-20 ${String(9 + Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}:00.000`;
const iso = (minutes: number) => `${at(minutes).replace(" ", "T")}Z`;

describe.each(testDatabases)("the timeline on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  let admin: Actor;
  let noTasks: Actor; // reads everything but tasks; a client's email and an event's result are hidden
  let noInvoices: Actor; // reads everything but invoices
  let clientId: number;
  let otherId: number;

  const deps = () => ({ db: rt.db, records: rt.records, workspace: rt.workspace });
  const keys = (page: TimelinePage) => page.items.map((i) => i.key);
  async function all(actor: Actor, limit: number): Promise<TimelineItem[]> {
    const out: TimelineItem[] = [];
    let before: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page: TimelinePage = await readTimeline(deps(), actor, "clients", clientId, { limit, before: before ?? undefined });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      out.push(...page.items);
      before = page.nextCursor;
      if (!before) return out;
    }
    throw new Error("the timeline did not end");
  }
  /** Gives a record (or an audit entry) the creation time of the scenario. */
  const stamp = (table: string, id: number, minutes: number) =>
    rt
      .db(table)
      .where({ id })
      .update({ created_at: at(minutes) });

  beforeAll(async () => {
    database = await kind.create();
    rt = await createRuntime({
      databaseUrl: database.url,
      seed: { configuration: { ...DEFAULT_CONFIGURATION.configuration, rules: [] } },
    });
    admin = SYSTEM_ACTOR;
    await saveRole(rt.db, {
      key: "no_tasks",
      name: "No tasks",
      tables: {
        "*": reader,
        t_tasks: { ...reader, read: false },
        t_clients: { ...reader, fields: { f_clients_email: "hidden" } },
        t_events: { ...reader, fields: { f_events_result: "hidden" } },
      },
    });
    noTasks = await actorForUser(rt.db, await addUser(rt.db, { name: "Nora", email: "nora@example.com", role: "no_tasks" }));
    await saveRole(rt.db, { key: "no_invoices", name: "No invoices", tables: { "*": reader, t_invoices: { ...reader, read: false } } });
    noInvoices = await actorForUser(rt.db, await addUser(rt.db, { name: "Ivo", email: "ivo@example.com", role: "no_invoices" }));

    const client = await rt.records.create(admin, "clients", { name: "Acme", email: "old@acme.test" });
    clientId = client.id;
    otherId = (await rt.records.create(admin, "clients", { name: "Other Ltd" })).id;
    const v2 = await rt.records.update(admin, "clients", clientId, { name: "Acme Ltd", email: "new@acme.test" }, client.version);
    await rt.records.update(admin, "clients", clientId, { email: "secret@acme.test" }, v2.version);
    const trail = (await rt.db(AUTH_TABLES.audit).where({ table_key: "clients", record_id: clientId }).orderBy("id")) as { id: number }[];
    // created at 0, renamed (name and email) at 10, email alone at 20
    for (const [i, entry] of trail.entries())
      await rt
        .db(AUTH_TABLES.audit)
        .where({ id: entry.id })
        .update({ at: at(i * 10) });

    const call = await rt.records.create(admin, "events", {
      kind: "call",
      subject: "Intro call",
      client: clientId,
      done: true,
      result: "They want a quote",
    });
    await stamp("events", call.id, 30);
    const note = await rt.records.create(admin, "notes", { body: "Prefers email", about_table: "clients", about_id: clientId });
    await stamp("notes", note.id, 40);
    const task = await rt.records.create(admin, "tasks", { subject: "Send the quote", about_table: "clients", about_id: clientId });
    await stamp("tasks", task.id, 50);
    const invoice = await rt.records.create(admin, "invoices", {
      client: clientId,
      date: "2026-11-20",
      items: [{ description: "Setup", quantity: 1, price: 100, tax_rate: 0 }],
    });
    await stamp("invoices", invoice.id, 60);
    const payment = await rt.records.create(admin, "payments", { invoice: invoice.id, date: "2026-11-21", amount: 40 });
    await stamp("payments", payment.id, 70);
    await rt.db(SNAPSHOTS_TABLE).insert({
      table_id: "t_invoices",
      record_id: invoice.id,
      template_id: "invoice",
      file_id: "f0",
      filename: "INV-1.pdf",
      created_at: at(80),
    });
    // Three notes in the same millisecond: only the cursor's id keeps them apart.
    for (const body of ["Tie one", "Tie two", "Tie three"]) {
      const tie = await rt.records.create(admin, "notes", { body, about_table: "clients", about_id: clientId });
      await stamp("notes", tie.id, 90);
    }
    // Nothing of another client, nor a note about it, joins Acme's timeline.
    await rt.records.create(admin, "events", { kind: "call", subject: "Other call", client: otherId });
    await rt.records.create(admin, "notes", { body: "About Other", about_table: "clients", about_id: otherId });
  });

  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  it("merges every source newest first", async () => {
    const page = await readTimeline(deps(), admin, "clients", clientId, { limit: 50 });
    const notes = await rt.records.list(admin, "notes", { sort: "id", filter: { field: "about_id", op: "eq", value: clientId } });
    const ties = notes.rows
      .slice(1)
      .map((n) => `notes.about_id:${n.id}`)
      .reverse();
    expect(keys(page).slice(0, 3)).toEqual(ties);
    expect(page.items.map((i) => [i.type, i.at])).toEqual([
      ["record", iso(90)],
      ["record", iso(90)],
      ["record", iso(90)],
      ["document", iso(80)],
      ["record", iso(70)],
      ["record", iso(60)],
      ["record", iso(50)],
      ["record", iso(40)],
      ["record", iso(30)],
      ["change", iso(20)],
      ["change", iso(10)],
      ["change", iso(0)],
    ]);
    const [document, payment, invoice, task, note, call] = page.items.slice(3);
    expect(document).toMatchObject({ type: "document", table: "invoices", filename: "INV-1.pdf" });
    expect(payment).toMatchObject({ type: "record", table: "payments", tableLabel: "Payment" });
    expect(invoice).toMatchObject({ table: "invoices" });
    expect(task).toMatchObject({ table: "tasks", title: "Send the quote" });
    expect(note).toMatchObject({ table: "notes", text: "Prefers email" });
    expect(call).toMatchObject({ table: "events", title: "Intro call", text: "They want a quote" });
    expect(page.items.at(-3)).toMatchObject({ action: "update", changes: { email: ["new@acme.test", "secret@acme.test"] } });
    expect(page.nextCursor).toBeNull();
  });

  it("pages with a stable cursor: the pages together are the whole timeline, once each", async () => {
    const whole = (await readTimeline(deps(), admin, "clients", clientId, { limit: 100 })).items.map((i) => i.key);
    for (const limit of [1, 2, 5]) expect((await all(admin, limit)).map((i) => i.key)).toEqual(whole);
    const first = await readTimeline(deps(), admin, "clients", clientId, { limit: 4 });
    // Something newer arriving meanwhile does not move the next page.
    await rt.records.create(admin, "notes", { body: "Later", about_table: "clients", about_id: clientId });
    const second = await readTimeline(deps(), admin, "clients", clientId, { limit: 4, before: first.nextCursor });
    expect(keys(second)).toEqual(whole.slice(4, 8));
  });

  it("shows a role nothing of a table it may not read, and no field it may not see", async () => {
    const items = await all(noTasks, 3);
    expect(items.some((i) => i.type === "record" && i.table === "tasks")).toBe(false);
    expect(items.some((i) => i.type === "record" && i.table === "notes")).toBe(true);
    const call = items.find((i) => i.type === "record" && i.table === "events");
    expect(call).toMatchObject({ title: "Intro call", text: null });
    const changes = items.filter((i) => i.type === "change");
    // The change of the email alone is not theirs to know of; the rename shows without the email.
    expect(changes.map((c) => (c.type === "change" ? [c.action, c.changes] : null))).toEqual([
      ["update", { name: ["Acme", "Acme Ltd"] }],
      ["create", null],
    ]);
    expect(JSON.stringify(items)).not.toContain("acme.test");
    expect(JSON.stringify(items)).not.toContain("They want a quote");
  });

  it("shows no payments or kept prints through invoices a role may not read", async () => {
    const tables = (await all(noInvoices, 50)).map((i) => (i.type === "change" || i.type === "message" ? i.type : i.table));
    expect(tables).not.toContain("invoices");
    expect(tables).not.toContain("payments");
    expect(tables).toEqual(expect.arrayContaining(["events", "notes", "tasks", "change"]));
  });

  it("adds a note, a call and a task about the record, as the user and only where they may", async () => {
    const { compiled } = await rt.workspace.current();
    const clients = compiled.tablesByKey.get("clients")!;
    const products = compiled.tablesByKey.get("products")!;
    expect(quickAdds(admin, compiled, clients).map((a) => a.type)).toEqual(["note", "call", "task"]);
    // No event points at a product: a product's card logs no calls.
    expect(quickAdds(admin, compiled, products).map((a) => a.type)).toEqual(["note", "task"]);
    expect(quickAdds(noTasks, compiled, clients)).toEqual([]);

    const when = new Date("2026-11-21T12:00:00.000Z");
    const note = await addToTimeline(admin, "clients", otherId, { type: "note", text: "Wants invoices by post\nand in English" }, when, rt);
    expect(note).toMatchObject({ subject: "Wants invoices by post", about_table: "clients", about_id: otherId });
    const call = await addToTimeline(admin, "clients", otherId, { type: "call", subject: "Renewal", text: "Agreed" }, when, rt);
    expect(call).toMatchObject({ kind: "call", done: true, client: otherId, starts_at: when.toISOString(), result: "Agreed" });
    const ada = await actorForUser(rt.db, await addUser(rt.db, { name: "Ada", email: "ada@example.com", role: "admin" }));
    const task = await addToTimeline(ada, "clients", otherId, { type: "task", subject: "Post the invoice" }, when, rt);
    expect(task).toMatchObject({ status: "open", about_table: "clients", about_id: otherId, assignee: ada.id });
    const keysNow = keys(await readTimeline(deps(), admin, "clients", otherId, { limit: 3 }));
    expect(keysNow).toEqual(expect.arrayContaining([`tasks.about_id:${task.id}`, `notes.about_id:${note.id}`, `events.client:${call.id}`]));

    // A call logged on a contact is its client's too, and shows on the client's timeline.
    const contact = await rt.records.create(admin, "contacts", { client: otherId, last_name: "Okafor" });
    const onContact = await addToTimeline(ada, "contacts", contact.id, { type: "call", subject: "Asked for Okafor" }, when, rt);
    expect(onContact).toMatchObject({ contact: contact.id, client: otherId, deal: null, assignee: ada.id });
    expect(keys(await readTimeline(deps(), admin, "clients", otherId, { limit: 50 }))).toContain(`events.client:${onContact.id}`);

    expect(await apiStatus(addToTimeline(noTasks, "clients", otherId, { type: "note", text: "x" }, when, rt))).toBe(403);
    expect(await apiStatus(addToTimeline(admin, "clients", otherId, { type: "note", text: "  " }, when, rt))).toBe(400);
    expect(await apiStatus(addToTimeline(admin, "clients", otherId, { type: "email" }, when, rt))).toBe(400);
    expect(await apiStatus(addToTimeline(admin, "products", 1, { type: "call", subject: "x" }, when, rt))).toBe(400);
    expect(await apiStatus(addToTimeline(admin, "clients", 999_999, { type: "note", text: "x" }, when, rt))).toBe(404);
  });

  it("logs a call with its start, length, result and notes, and makes its next step the caller's task", async () => {
    const ada = await actorForUser(rt.db, await addUser(rt.db, { name: "Cal", email: "cal@example.com", role: "admin" }));
    const call = await addToTimeline(
      ada,
      "clients",
      otherId,
      {
        type: "call",
        startedAt: "2026-11-21T09:30:00.000Z",
        durationMinutes: 7,
        result: "left_message",
        notes: "Asked for a call back",
        nextStep: { subject: "Call Other Ltd again", due: "2026-11-24T10:00:00.000Z" },
      },
      new Date("2026-11-21T12:00:00.000Z"),
      rt,
    );
    expect(call).toMatchObject({
      kind: "call",
      subject: "Call — Left message, 7 min",
      starts_at: "2026-11-21T09:30:00.000Z",
      result: "Asked for a call back",
      client: otherId,
      assignee: ada.id,
    });
    const { rows } = await rt.records.list(admin, "tasks", { filter: { field: "subject", op: "eq", value: "Call Other Ltd again" } });
    expect(rows).toEqual([
      expect.objectContaining({
        assignee: ada.id,
        status: "open",
        due: "2026-11-24T10:00:00.000Z",
        about_table: "clients",
        about_id: otherId,
      }),
    ]);

    // A role that may log calls but not create tasks is refused the next step, and nothing is written.
    await saveRole(rt.db, {
      key: "caller",
      name: "Caller",
      tables: { "*": reader, t_events: { ...reader, create: true } },
    });
    const caller = await actorForUser(rt.db, await addUser(rt.db, { name: "Cleo", email: "cleo@example.com", role: "caller" }));
    const before = (await rt.records.list(admin, "events", { pageSize: 1 })).total;
    const refused = addToTimeline(
      caller,
      "clients",
      otherId,
      { type: "call", result: "reached", nextStep: { subject: "Send a quote" } },
      undefined,
      rt,
    );
    await expect(refused).rejects.toThrow(/may not create tasks/);
    expect((await rt.records.list(admin, "events", { pageSize: 1 })).total).toBe(before);
    // Without a next step the same role logs the call.
    expect(await addToTimeline(caller, "clients", otherId, { type: "call", result: "reached" }, undefined, rt)).toMatchObject({
      subject: "Call — Reached",
    });

    for (const bad of [
      { durationMinutes: -1 },
      { durationMinutes: 2.5 },
      { result: "busy" },
      { startedAt: "yesterday-ish" },
      { nextStep: { subject: " " } },
      { nextStep: "soon" },
    ])
      expect(await apiStatus(addToTimeline(ada, "clients", otherId, { type: "call", ...bad }, undefined, rt)), JSON.stringify(bad)).toBe(
        400,
      );
  });

  it("answers 404 for a record that is not there and 400 for a cursor that is not one", async () => {
    expect(await apiStatus(readTimeline(deps(), admin, "clients", 999_999))).toBe(404);
    expect(await apiStatus(readTimeline(deps(), admin, "clients", clientId, { before: "nonsense" }))).toBe(400);
  });
});
