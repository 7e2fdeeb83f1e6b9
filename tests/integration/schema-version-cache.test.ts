import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "@runtime/errors";
import { SYSTEM_ACTOR } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { createWorkspaceService } from "@runtime/workspace/workspace.server";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { clone, smallWorkspace } from "./workspace-schema";

/**
 * Two app instances on one database. Reads trust the schema version they saw within
 * `schemaCheckMs`; writes always check it, and a read that meets a vanished table or column asks
 * again instead of failing.
 */
describe.each(testDatabases)("the schema version seen by two instances on $name", (dbKind) => {
  let database: TestDatabase;
  let a: Runtime;
  let b: Runtime;

  beforeEach(async () => {
    database = await dbKind.create();
    a = await createRuntime({ databaseUrl: database.url, schemaCheckMs: 60_000 });
    b = await createRuntime({ databaseUrl: database.url, schemaCheckMs: 60_000 });
    await a.workspace.apply({ baseVersion: 0, schema: smallWorkspace() });
  });
  afterEach(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it("sees its own change at once, whatever the setting", async () => {
    await a.records.list(SYSTEM_ACTOR, "clients");
    const ws = clone(smallWorkspace());
    ws.$defs.clients.properties.region = { type: "string", "x-id": "f_cl_region", "x-kind": "text", title: "Region" };
    await a.workspace.apply({ baseVersion: 1, schema: ws });
    const created = await a.records.create(SYSTEM_ACTOR, "clients", { name: "Acme", region: "North" });
    expect((await a.records.get(SYSTEM_ACTOR, "clients", created.id)).region).toBe("North");
  });

  it("checks the version on every write, so another instance's new rule holds at once", async () => {
    await b.records.list(SYSTEM_ACTOR, "clients");
    const ws = clone(smallWorkspace());
    ws.$defs.clients.required = ["name", "code"];
    await a.workspace.apply({ baseVersion: 1, schema: ws });
    const error = await b.records.create(SYSTEM_ACTOR, "clients", { name: "No code" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect(JSON.stringify((error as ApiError).details)).toContain("code");
  });

  it("reads again with the current schema when a table it knew was renamed by another instance", async () => {
    const client = await a.records.create(SYSTEM_ACTOR, "clients", { name: "Acme" });
    const invoice = await a.records.create(SYSTEM_ACTOR, "invoices", { client: client.id });
    // b now trusts version 1, where invoices point at "clients".
    expect((await b.records.get(SYSTEM_ACTOR, "invoices", invoice.id, { expand: ["client"] }))._expanded).toEqual({
      client: { id: client.id, title: "Acme" },
    });

    const ws = clone(smallWorkspace());
    ws.$defs.customers = ws.$defs.clients;
    delete ws.$defs.clients;
    (ws.$defs.invoices.properties.client as { "x-target": string })["x-target"] = "customers";
    await a.workspace.apply({ baseVersion: 1, schema: ws });

    const read = await b.records.get(SYSTEM_ACTOR, "invoices", invoice.id, { expand: ["client"] });
    expect(read._expanded).toEqual({ client: { id: client.id, title: "Acme" } });
    expect((await b.workspace.current()).version).toBe(2);
  });

  it("keeps an applied change applied when what follows it fails, and says so in the log", async () => {
    const logged: string[] = [];
    const ws = createWorkspaceService(
      a.db,
      {},
      {
        afterApply: async () => {
          throw new Error("templates are locked");
        },
        log: (m) => logged.push(m),
      },
    );
    const next = clone(smallWorkspace());
    next.$defs.clients.properties.region = { type: "string", "x-id": "f_cl_region", "x-kind": "text", title: "Region" };
    expect((await ws.apply({ baseVersion: 1, schema: next })).version).toBe(2);
    expect((await ws.current()).version).toBe(2);
    expect(logged).toEqual(["Schema version 2 is applied, but what follows it failed: templates are locked"]);
  });

  it("finds a table and a field another instance has just added, without waiting for the check", async () => {
    await b.records.list(SYSTEM_ACTOR, "clients");
    const ws = clone(smallWorkspace());
    ws.$defs.clients.properties.region = { type: "string", "x-id": "f_cl_region", "x-kind": "text", title: "Region" };
    ws.$defs.regions = {
      type: "object",
      title: "Region",
      "x-id": "t_regions",
      "x-plural": "Regions",
      "x-title-field": "name",
      properties: { name: { type: "string", "x-id": "f_rg_name", "x-kind": "text", title: "Name" } },
    };
    await a.workspace.apply({ baseVersion: 1, schema: ws });
    await a.records.create(SYSTEM_ACTOR, "clients", { name: "Acme", region: "North" });
    await a.records.create(SYSTEM_ACTOR, "regions", { name: "North" });

    const filtered = await b.records.list(SYSTEM_ACTOR, "clients", {
      filter: { field: "region", op: "eq", value: "North" },
      sort: "region",
    });
    expect(filtered.rows.map((r) => r.name)).toEqual(["Acme"]);
    expect((await b.records.list(SYSTEM_ACTOR, "regions")).rows.map((r) => r.name)).toEqual(["North"]);
    // A field that exists nowhere is still the caller's mistake, after the second look.
    const error = await b.records.list(SYSTEM_ACTOR, "clients", { sort: "nowhere" }).catch((e: unknown) => e);
    expect([(error as ApiError).status, (error as ApiError).message]).toEqual([400, '"nowhere" is not a field of Clients']);
  });

  it("answers a read of a table that is gone with a 404 once it has asked again", async () => {
    await b.records.list(SYSTEM_ACTOR, "payments");
    const ws = clone(smallWorkspace());
    delete ws.$defs.payments;
    delete ws.$defs.invoices.properties.paid;
    delete ws.$defs.invoices.properties.balance;
    await a.workspace.apply({ baseVersion: 1, schema: ws, confirmDestructive: true });
    const error = await b.records.list(SYSTEM_ACTOR, "payments").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
  });
});
