import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Knex } from "knex";
import { conflict } from "@runtime/errors";
import type { WriteEvent } from "@runtime/records/hooks";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { smallWorkspace } from "./workspace-schema";

/** The seam automation builds on: every write tells its hooks inside its own transaction. */
describe.each(testDatabases)("records service hooks on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  let events: WriteEvent[];
  let removeHooks: (() => void) | undefined;

  const count = async (q: Knex, table: string) => Number(((await q(table).count({ n: "*" }).first()) as { n: number | string }).n);

  beforeAll(async () => {
    database = await kind.create();
    rt = await createRuntime({ databaseUrl: database.url });
    await rt.workspace.apply({ baseVersion: 0, schema: smallWorkspace() });
    await rt.db.schema.createTable("hook_outbox", (t) => {
      t.increments("id");
      t.string("what", 100);
    });
  }, 120_000);
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    removeHooks?.();
    events = [];
    await rt.db("hook_outbox").delete();
  });

  it("tells each create, update, delete and restore, with the values before and after, inside the write's transaction", async () => {
    removeHooks = rt.records.addHooks({
      async onWrite(trx, event) {
        events.push(event);
        await trx("hook_outbox").insert({ what: `${event.action} ${event.table.key} #${event.id}` });
      },
    });
    const created = await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Acme", status: "lead" });
    await rt.records.update(SYSTEM_ACTOR, "clients", created.id, { status: "active" }, created.version);
    await rt.records.remove(SYSTEM_ACTOR, "clients", created.id);
    await rt.records.restore(SYSTEM_ACTOR, "clients", created.id);
    expect(events.map((e) => e.action)).toEqual(["created", "updated", "deleted", "restored"]);
    expect(events[0]).toMatchObject({ before: null, after: { id: created.id, name: "Acme", status: "lead", version: 1 }, depth: 0 });
    expect(events[1]).toMatchObject({ before: { status: "lead", version: 1 }, after: { status: "active", version: 2 } });
    expect(events[2]).toMatchObject({ before: { status: "active" }, after: null });
    expect(events[3]).toMatchObject({ before: null, after: { name: "Acme", status: "active", version: 3 } });
    expect((await rt.db("hook_outbox").orderBy("id")).map((r: { what: string }) => r.what)).toEqual([
      `created clients #${created.id}`,
      `updated clients #${created.id}`,
      `deleted clients #${created.id}`,
      `restored clients #${created.id}`,
    ]);
  });

  it("refuses the whole write when a hook throws, keeping nothing of it, and runs the hook's follow-up after the rollback", async () => {
    removeHooks = rt.records.addHooks({
      async onWrite(trx, event) {
        await trx("hook_outbox").insert({ what: "inside" });
        if (event.after?.status === "active") {
          // Outside the refused transaction, on the root connection: on SQLite the only one, free by then.
          event.afterTransaction(async () => void (await rt.db("hook_outbox").insert({ what: "asked for approval" })));
          throw conflict("Activating a client needs an administrator's approval: it has been requested.");
        }
      },
    });
    const before = await count(rt.db, "clients");
    await expect(rt.records.create(SYSTEM_ACTOR, "clients", { name: "Refused Ltd", status: "active" })).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining("needs an administrator's approval"),
    });
    expect(await count(rt.db, "clients")).toBe(before);
    expect((await rt.db("hook_outbox")).map((r: { what: string }) => r.what)).toEqual(["asked for approval"]);
  });

  it("carries how deep in rules a write is", async () => {
    removeHooks = rt.records.addHooks({ onWrite: async (_trx, event) => void events.push(event) });
    const byRule: Actor = { ...SYSTEM_ACTOR, automation: { depth: 2, rule: 7 } };
    await rt.records.create(byRule, "clients", { name: "Deep" });
    expect(events[0]).toMatchObject({ depth: 2, actor: { automation: { rule: 7 } } });
  });

  it("saves several writes in one transaction, or none of them", async () => {
    removeHooks = rt.records.addHooks({
      async onWrite(trx, event) {
        event.afterTransaction(async () => void (await rt.db("hook_outbox").insert({ what: `after ${event.action}` })));
      },
    });
    const before = await count(rt.db, "clients");
    const [a, b] = await rt.records.transaction(async (tx, trx) => {
      const a = await tx.create(SYSTEM_ACTOR, "clients", { name: "First" });
      const b = await tx.create(SYSTEM_ACTOR, "invoices", { client: a.id });
      // Work handed to "after the transaction" waits for the outer one, not for each write in it.
      expect(await count(trx, "hook_outbox")).toBe(0);
      return [a, b];
    });
    expect(await rt.records.get(SYSTEM_ACTOR, "invoices", b.id)).toMatchObject({ client: a.id });
    expect((await rt.db("hook_outbox")).map((r: { what: string }) => r.what)).toEqual(["after created", "after created"]);

    await expect(
      rt.records.transaction(async (tx) => {
        await tx.create(SYSTEM_ACTOR, "clients", { name: "Second" });
        await tx.create(SYSTEM_ACTOR, "invoices", { client: 999_999 });
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect(await count(rt.db, "clients")).toBe(before + 1);
  });

  it("undoes a failing part of a transaction alone when it ran in a savepoint", async () => {
    const before = await count(rt.db, "clients");
    const outcome = await rt.records.transaction(async (tx) => {
      await tx.create(SYSTEM_ACTOR, "clients", { name: "Kept" });
      const inner = await tx
        .transaction(async (sp) => {
          await sp.create(SYSTEM_ACTOR, "clients", { name: "Undone" });
          await sp.create(SYSTEM_ACTOR, "invoices", { client: 999_999 });
        })
        .then(
          () => "saved",
          (error: { status?: number }) => `refused ${error.status}`,
        );
      await tx.create(SYSTEM_ACTOR, "clients", { name: "Also kept" });
      return inner;
    });
    expect(outcome).toBe("refused 422");
    expect(await count(rt.db, "clients")).toBe(before + 2);
    expect(await rt.db("clients").where({ name: "Undone" }).first()).toBeUndefined();
  });
});
