import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { actorForUser } from "@runtime/auth/actors.server";
import { listAudit } from "@runtime/auth/audit.server";
import { addUser } from "@runtime/auth/users.server";
import { defaultLayout } from "@runtime/layouts/default-layout";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { deleteRoleAs, saveRoleAs, updateUserAs } from "~/services/people.server";
import { apiStatus } from "../helpers/api-status";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { clone, smallWorkspace } from "./workspace-schema";

// The admin services find the runtime through getRuntime(); point it at this test's database.
const serving = vi.hoisted(() => ({ runtime: undefined as Runtime | undefined }));
vi.mock("~/services/runtime.server", () => ({ getRuntime: async () => serving.runtime! }));

describe.each(testDatabases)("audit of admin changes on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  let admin: Actor;
  let adminId: number;
  let staffId: number;

  beforeAll(async () => {
    database = await kind.create();
    rt = await createRuntime({ databaseUrl: database.url });
    serving.runtime = rt;
    const a = await addUser(rt.db, { name: "Anna Keane", email: "anna@example.com", role: "admin" });
    adminId = a.id;
    admin = await actorForUser(rt.db, a);
    staffId = (await addUser(rt.db, { name: "Ben Ode", email: "ben@example.com", role: "accountant" })).id;
  });
  afterAll(async () => {
    serving.runtime = undefined;
    await rt.close();
    await database.drop();
  });

  it("records a schema change with its versions and steps, naming the actor", async () => {
    const { version } = await rt.workspace.apply({ baseVersion: 0, schema: clone(smallWorkspace()), actorId: adminId });
    const [entry] = (await listAudit(rt.db, { userId: adminId })).filter((e) => e.action === "schema");
    expect(entry).toMatchObject({ userId: adminId, action: "schema", changes: { fromVersion: 0, toVersion: version } });
    const steps = (entry.changes as { steps: unknown[] }).steps;
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.every((s) => typeof s === "string" && s.length > 0)).toBe(true);
  });

  it("records a user change with before and after, and nothing when the change is refused", async () => {
    await updateUserAs(admin, staffId, { name: "Ben Odell" });
    const [entry] = await listAudit(rt.db, { userId: adminId, recordId: staffId });
    expect(entry).toMatchObject({ userId: adminId, action: "users", recordId: staffId, changes: { name: ["Ben Ode", "Ben Odell"] } });
    const before = (await listAudit(rt.db, { userId: adminId })).length;
    // Demoting the last administrator is refused inside the transaction: no change, no audit row.
    expect(await apiStatus(updateUserAs(admin, adminId, { role: "accountant" }))).toBe(409);
    expect((await listAudit(rt.db, { userId: adminId })).length).toBe(before);
  });

  it("records saving and removing a role, naming the actor", async () => {
    const role = {
      key: "viewer",
      name: "Viewer",
      tables: { "*": { read: true, create: false, update: false, delete: false, print: false, scope: "all" } },
    };
    await saveRoleAs(admin, role);
    await deleteRoleAs(admin, "viewer");
    const roles = (await listAudit(rt.db, { userId: adminId })).filter((e) => e.action === "roles");
    expect(roles.map((e) => e.changes)).toEqual([
      expect.objectContaining({ deleted: "viewer" }),
      expect.objectContaining({ saved: "viewer" }),
    ]);
  });

  it("records a layout save and reset", async () => {
    const { layouts } = rt;
    const table = (await rt.workspace.current()).compiled.tablesByKey.get("clients")!;
    await layouts.save(admin, "clients", defaultLayout(table));
    await layouts.reset(admin, "clients");
    const entries = (await listAudit(rt.db, { userId: adminId })).filter((e) => e.action === "layout");
    expect(entries.map((e) => e.changes)).toEqual([
      { table: "clients", reset: true },
      { table: "clients", saved: 1 },
    ]);
  });

  it("leaves no audit row for a record update rolled back by a validation error", async () => {
    const created = await rt.records.create(admin, "clients", { name: "Acme" });
    const rows = () => listAudit(rt.db, { table: "clients", recordId: created.id });
    expect((await rows()).map((e) => e.action)).toEqual(["create"]);
    expect(await apiStatus(rt.records.update(admin, "clients", created.id, { name: "Acme 2", status: "no-such-status" }, 1))).toBe(422);
    expect((await rows()).map((e) => e.action)).toEqual(["create"]);
    expect(await rt.records.get(SYSTEM_ACTOR, "clients", created.id)).toMatchObject({ name: "Acme", version: 1 });
    // The same update without the bad value goes through and is audited.
    await rt.records.update(admin, "clients", created.id, { name: "Acme 2" }, 1);
    const [latest] = await rows();
    expect(latest).toMatchObject({ action: "update", userId: adminId, changes: { name: ["Acme", "Acme 2"] } });
  });
});
