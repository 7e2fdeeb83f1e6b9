import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "@runtime/errors";
import { SimulatedCrash } from "@runtime/migrations/apply.server";
import { SYSTEM_ACTOR } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { listTrash, restoreFromTrash } from "@runtime/workspace/trash.server";
import { createWorkspaceService } from "@runtime/workspace/workspace.server";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { clone, smallWorkspace } from "./workspace-schema";

async function expectApiError(p: Promise<unknown>, status: number): Promise<ApiError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(status);
    return error as ApiError;
  }
  throw new Error(`expected an ApiError ${status}`);
}

describe.each(testDatabases)("migrations on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;

  beforeEach(async () => {
    database = await kind.create();
    rt = await createRuntime({ databaseUrl: database.url });
    await rt.workspace.apply({ baseVersion: 0, schema: smallWorkspace() });
  });
  afterEach(async () => {
    await rt.close();
    await database.drop();
  });

  async function version() {
    return (await rt.workspace.current()).version;
  }

  it("records who applied each schema version", async () => {
    const ws = clone(smallWorkspace());
    ws.$defs.clients.properties.region = { type: "string", "x-id": "f_cl_region", "x-kind": "text" };
    await rt.workspace.apply({ baseVersion: 1, schema: ws, actorId: 42 });
    const rows = (await rt.db("crm_schema_versions").select("version", "created_by").orderBy("version")) as {
      version: number;
      created_by: number | null;
    }[];
    expect(rows.map((r) => [Number(r.version), r.created_by === null ? null : Number(r.created_by)])).toEqual([
      [1, null],
      [2, 42],
    ]);
  });

  it("renames a field and a table by x-id and keeps every value", async () => {
    const a = await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Acme", email: "a@acme.test", code: "A1" });
    const next = clone(smallWorkspace());
    const clients = next.$defs.clients;
    clients.properties.mail = clients.properties.email;
    delete clients.properties.email;
    next.$defs.customers = clients;
    delete next.$defs.clients;
    next.$defs.invoices.properties.client["x-target"] = "customers";
    const planned = await rt.workspace.plan({ baseVersion: 1, schema: next });
    expect(planned.plan.steps.map((s) => s.op)).toEqual(["rename_table", "rename_column"]);
    expect(planned.destructive).toBe(false);
    await rt.workspace.apply({ baseVersion: 1, schema: next });
    const got = await rt.records.get(SYSTEM_ACTOR, "customers", a.id);
    expect(got).toMatchObject({ name: "Acme", mail: "a@acme.test", code: "A1" });
  });

  it("swaps two field keys without losing either", async () => {
    const a = await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Acme", code: "A1" });
    const next = clone(smallWorkspace());
    const p = next.$defs.clients.properties;
    [p.name, p.code] = [p.code, p.name];
    next.$defs.clients.required = ["code"];
    next.$defs.clients["x-title-field"] = "code";
    await rt.workspace.apply({ baseVersion: 1, schema: next });
    expect(await rt.records.get(SYSTEM_ACTOR, "clients", a.id)).toMatchObject({ name: "A1", code: "Acme" });
  });

  it("needs confirmation to remove a field, keeps its values in the trash, and frees its key", async () => {
    const a = await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Acme", code: "A1" });
    const next = clone(smallWorkspace());
    delete next.$defs.clients.properties.code;
    const refused = await expectApiError(rt.workspace.apply({ baseVersion: 1, schema: next }), 409);
    expect(JSON.stringify(refused.details)).toContain("Remove field");
    expect(await version()).toBe(1);
    await rt.workspace.apply({ baseVersion: 1, schema: next, confirmDestructive: true });
    const trash = await rt.db("crm_trash").where({ kind: "field", field_id: "f_cl_code" }).first();
    expect(trash).toBeTruthy();
    const kept = await rt.db("clients").where({ id: a.id }).first(trash.storage);
    expect(kept[trash.storage]).toBe("A1");
    // The key is free again, for a field of another kind.
    const again = clone(next);
    again.$defs.clients.properties.code = { type: "integer", "x-id": "f_cl_code2", "x-kind": "integer" };
    await rt.workspace.apply({ baseVersion: 2, schema: again });
    await rt.records.update(SYSTEM_ACTOR, "clients", a.id, { code: 42 }, 1);
    expect(await rt.records.get(SYSTEM_ACTOR, "clients", a.id)).toMatchObject({ code: 42 });
  });

  it("dry-runs a kind change and refuses it with the ids that would not convert", async () => {
    const good = await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Acme", code: "12" });
    const bad = await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Beta", code: "twelve" });
    const next = clone(smallWorkspace());
    next.$defs.clients.properties.code = { type: "integer", "x-id": "f_cl_code", "x-kind": "integer", title: "Code" };
    const planned = await rt.workspace.plan({ baseVersion: 1, schema: next });
    expect(planned.conversions[0].failures.map((f) => f.id)).toEqual([bad.id]);
    const refused = await expectApiError(rt.workspace.apply({ baseVersion: 1, schema: next, confirmDestructive: true }), 422);
    expect(JSON.stringify(refused.details)).toContain(`"id":${bad.id}`);
    expect(await version()).toBe(1);
    await rt.records.update(SYSTEM_ACTOR, "clients", bad.id, { code: "13" }, 1);
    await rt.workspace.apply({ baseVersion: 1, schema: next, confirmDestructive: true });
    expect(await rt.records.get(SYSTEM_ACTOR, "clients", good.id)).toMatchObject({ code: 12 });
    expect(await rt.records.get(SYSTEM_ACTOR, "clients", bad.id)).toMatchObject({ code: 13 });
  });

  it("refuses a stale base version", async () => {
    const next = clone(smallWorkspace());
    next.$defs.clients.title = "Customer";
    await rt.workspace.apply({ baseVersion: 1, schema: next });
    const e = await expectApiError(rt.workspace.apply({ baseVersion: 1, schema: smallWorkspace() }), 409);
    expect(e.message).toMatch(/version 2 is current/);
  });

  it("refuses an invalid schema with a 422 listing problems by path", async () => {
    const next = clone(smallWorkspace()) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the test breaks the document on purpose
    next.$defs.clients.properties["Bad Key"] = { type: "string", "x-kind": "text" };
    next.$defs.invoices.properties.client["x-target"] = "nowhere";
    const e = await expectApiError(rt.workspace.apply({ baseVersion: 1, schema: next }), 422);
    const paths = (e.details as { problems: { path: string }[] }).problems.map((p) => p.path).join("\n");
    expect(paths).toContain("/$defs/clients/properties/Bad Key");
    expect(paths).toContain("/$defs/invoices/properties/client");
  });

  it("keeps hostile strings in enums, labels and defaults exactly", async () => {
    const next = clone(smallWorkspace());
    next.$defs.clients.properties.status = {
      type: "string",
      "x-id": "f_cl_status",
      "x-kind": "select",
      title: "a`b",
      enum: ["lead", "O'Reilly", "x'); DROP TABLE t;--"],
      default: "x'); DROP TABLE t;--",
      "x-labels": { "O'Reilly": 'O\'Reilly "quoted"' },
    };
    await rt.workspace.apply({ baseVersion: 1, schema: next });
    const stored = (await rt.workspace.current()).schema.$defs.clients.properties.status;
    expect(stored.enum).toEqual(["lead", "O'Reilly", "x'); DROP TABLE t;--"]);
    expect(stored.title).toBe("a`b");
    expect(stored.default).toBe("x'); DROP TABLE t;--");
    const c = await rt.records.create(SYSTEM_ACTOR, "clients", { name: "x", status: "O'Reilly" });
    expect((await rt.records.get(SYSTEM_ACTOR, "clients", c.id)).status).toBe("O'Reilly");
  });

  it("finishes a plan interrupted between two steps at the next start, losing nothing", async () => {
    const a = await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Acme", email: "a@acme.test", code: "A1" });
    const next = clone(smallWorkspace());
    const p = next.$defs.clients.properties;
    p.mail = p.email;
    delete p.email;
    p.phone = { type: "string", "x-id": "f_cl_phone", "x-kind": "phone" };
    delete p.code;
    const crashing = createWorkspaceService(rt.db, {
      afterStep: (i) => {
        if (i === 0) throw new SimulatedCrash();
      },
    });
    await expect(crashing.apply({ baseVersion: 1, schema: next, confirmDestructive: true })).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await version()).toBe(1);
    await rt.close();
    rt = await createRuntime({ databaseUrl: database.url });
    expect(await version()).toBe(2);
    expect(await rt.records.get(SYSTEM_ACTOR, "clients", a.id)).toMatchObject({ name: "Acme", mail: "a@acme.test", phone: null });
    const journal = await rt.db("crm_migration_journal").where({ to_version: 2 }).first();
    expect(journal.status).toBe("done");
  });

  it("recovers after the process is killed in the middle of an apply", async () => {
    const a = await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Acme", email: "a@acme.test", code: "A1" });
    await rt.close();
    const script = path.resolve(__dirname, "fixtures/apply-and-die.ts");
    const child = spawnSync(process.execPath, ["--import", "tsx", script, database.url], {
      encoding: "utf8",
      timeout: 60_000,
      // Its claim on the change outlives it by this much: the next start waits for that, then finishes it.
      env: { ...process.env, TESSERA_MIGRATION_LEASE_MS: "1000" },
    });
    expect(child.signal).toBe("SIGKILL");
    rt = await createRuntime({ databaseUrl: database.url });
    const current = await rt.workspace.current();
    expect(current.version).toBe(2);
    expect(Object.keys(current.schema.$defs.clients.properties)).toContain("mail");
    expect(await rt.records.get(SYSTEM_ACTOR, "clients", a.id)).toMatchObject({ name: "Acme", mail: "a@acme.test", code: "A1" });
  });
});

describe.each(testDatabases)("restoring from the trash on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  beforeEach(async () => {
    database = await kind.create();
    rt = await createRuntime({ databaseUrl: database.url });
    await rt.workspace.apply({ baseVersion: 0, schema: smallWorkspace() });
  });
  afterEach(async () => {
    await rt.close();
    await database.drop();
  });

  it("restores a removed field with its values, under a new key when the old one was reused", async () => {
    const a = await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Acme", code: "A1" });
    const without = clone(smallWorkspace());
    delete without.$defs.clients.properties.code;
    await rt.workspace.apply({ baseVersion: 1, schema: without, confirmDestructive: true });
    const reused = clone(without);
    reused.$defs.clients.properties.code = { type: "integer", "x-id": "f_cl_code_new", "x-kind": "integer" };
    await rt.workspace.apply({ baseVersion: 2, schema: reused });
    const [entry] = await listTrash(rt.db, { kind: "field" });
    expect(entry).toMatchObject({ table: "clients", field: "code" });
    const restored = await restoreFromTrash(rt.db, rt.workspace, entry.id);
    expect(restored.key).toBe("code_restored");
    expect(await rt.records.get(SYSTEM_ACTOR, "clients", a.id)).toMatchObject({ code: null, code_restored: "A1" });
    expect(await listTrash(rt.db, { kind: "field" })).toEqual([]);
  });

  it("restores a removed table with its records", async () => {
    const a = await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Acme" });
    const inv = await rt.records.create(SYSTEM_ACTOR, "invoices", { client: a.id });
    await rt.records.create(SYSTEM_ACTOR, "payments", { invoice: inv.id, amount: 10 });
    const without = clone(smallWorkspace());
    delete without.$defs.payments;
    without.$defs.invoices.properties.paid["x-formula"] = "0";
    await rt.workspace.apply({ baseVersion: 1, schema: without, confirmDestructive: true });
    await expect(rt.db.schema.hasTable("payments")).resolves.toBe(false);
    const [entry] = await listTrash(rt.db, { kind: "table" });
    await restoreFromTrash(rt.db, rt.workspace, entry.id);
    const payments = await rt.records.list(SYSTEM_ACTOR, "payments");
    expect(payments.rows.map((p) => p.amount)).toEqual([10]);
  });
});

describe.each(testDatabases)("unique fields on $name", (kind) => {
  it("refuses to make a field unique while it holds duplicates, naming them", async () => {
    const database = await kind.create();
    const rt = await createRuntime({ databaseUrl: database.url });
    try {
      await rt.workspace.apply({ baseVersion: 0, schema: smallWorkspace() });
      await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Acme", code: "A1" });
      const b = await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Beta", code: "A1" });
      const next = clone(smallWorkspace());
      next.$defs.clients.properties.code["x-unique"] = true;
      const e = await expectApiError(rt.workspace.apply({ baseVersion: 1, schema: next }), 422);
      expect(e.details).toEqual({ duplicates: [{ table: "clients", fields: ["code"], values: [{ value: ["A1"], count: 2 }] }] });
      await rt.records.update(SYSTEM_ACTOR, "clients", b.id, { code: "B1" }, 1);
      await rt.workspace.apply({ baseVersion: 1, schema: next });
      const taken = await expectApiError(rt.records.create(SYSTEM_ACTOR, "clients", { name: "Gamma", code: "A1" }), 422);
      expect((taken.details as { fields: Record<string, string> }).fields.code).toMatch(/must be unique/);
    } finally {
      await rt.close();
      await database.drop();
    }
  });
});
