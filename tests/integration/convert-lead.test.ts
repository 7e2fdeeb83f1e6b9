import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "@runtime/auth/actors.server";
import { getUser } from "@runtime/auth/users.server";
import { SYSTEM_TABLES } from "@runtime/db/system-tables.server";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import type { Runtime } from "@runtime/runtime.server";
import { CONVERT_LEAD } from "../../seeds/rules";
import { createSeededRuntime } from "../helpers/default-configuration";
import { testDatabases, type TestDatabase } from "../helpers/databases";

type Row = Record<string, unknown> & { id: number; version: number };

/** The default configuration's "Convert lead" button: client, contact and deal in one transaction. */
describe.each(testDatabases)("converting a lead on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  let ben: Actor;
  let ruleId: number;

  const count = async (table: string) => Number(((await rt.db(table).count({ n: "*" }).first()) as { n: number | string }).n);

  beforeAll(async () => {
    database = await kind.create();
    rt = await createSeededRuntime(database.url);
    const row = (await rt.db(SYSTEM_TABLES.users).where({ email: "ben@tessera-demo.ie" }).first("id")) as { id: number };
    ben = await actorForUser(rt.db, await getUser(rt.db, Number(row.id)));
    const rules = await rt.automation.rules.manual(ben, "leads");
    ruleId = rules.find((r) => r.name === CONVERT_LEAD)!.id;
  }, 120_000);
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  it("creates the client, its contact and a deal linked to the lead, and marks the lead converted", async () => {
    const lead = (await rt.records.create(SYSTEM_ACTOR, "leads", {
      name: "Nora Quinn",
      company: "Quinn Bakeries",
      email: "nora@quinnbakeries.example",
      status: "qualified",
      owner: ben.id,
    })) as Row;
    const run = await rt.automation.runManual(ben, ruleId, lead.id, "convert-1");
    expect(run).toMatchObject({ state: "done" });
    const [client] = (await rt.records.list(SYSTEM_ACTOR, "clients", { filter: { field: "name", op: "eq", value: "Quinn Bakeries" } }))
      .rows;
    expect(client).toMatchObject({ kind: "company", status: "active", email: "nora@quinnbakeries.example", manager: ben.id });
    const [contact] = (await rt.records.list(SYSTEM_ACTOR, "contacts", { filter: { field: "client", op: "eq", value: client.id } })).rows;
    expect(contact).toMatchObject({ first_name: "Nora", last_name: "Quinn", is_primary: true });
    const [deal] = (await rt.records.list(SYSTEM_ACTOR, "deals", { filter: { field: "source_lead", op: "eq", value: lead.id } })).rows;
    expect(deal).toMatchObject({ title: "Quinn Bakeries", client: client.id, contact: contact.id, stage: "qualification", owner: ben.id });
    expect((await rt.records.get(SYSTEM_ACTOR, "leads", lead.id)).status).toBe("converted");
    // A converted lead offers the button no more.
    expect((await rt.automation.rules.manual(ben, "leads", lead.id)).find((r) => r.id === ruleId)?.offered).toBe(false);
  });

  it("saves nothing when a later step fails: no client without its contact and deal", async () => {
    const before = { clients: await count("clients"), contacts: await count("contacts"), deals: await count("deals") };
    // A single 150-letter name fits a lead but not a contact's last name (100): the second step fails.
    const lead = (await rt.records.create(SYSTEM_ACTOR, "leads", { name: "X".repeat(150), status: "new", owner: ben.id })) as Row;
    const outcome = await rt.automation.runManual(ben, ruleId, lead.id, "convert-2").catch((e: Error) => e);
    expect(outcome instanceof Error ? "failed" : outcome.state).toBe("failed");
    expect({ clients: await count("clients"), contacts: await count("contacts"), deals: await count("deals") }).toEqual(before);
    expect((await rt.records.get(SYSTEM_ACTOR, "leads", lead.id)).status).toBe("new");
  });
});
