import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "@runtime/errors";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { clone, smallWorkspace } from "./workspace-schema";

/** Autonumbers through the records service: `x-assign-when`, per-year counters, concurrency, rollback. */

const ACTOR: Actor = { ...SYSTEM_ACTOR, id: null, name: "Test", role: "admin" };

/** smallWorkspace with a unique `ref` on invoices: a duplicate fails inside the save transaction. */
function workspace() {
  const ws = clone(smallWorkspace());
  ws.$defs.invoices.properties.ref = { type: "string", "x-id": "f_inv_ref", "x-kind": "text", maxLength: 40, "x-unique": true };
  return ws;
}

describe.each(testDatabases)("autonumbers on $name", (dbKind) => {
  let database: TestDatabase;
  let rt: Runtime;
  let clientId: number;

  beforeEach(async () => {
    database = await dbKind.create();
    rt = await createRuntime({ databaseUrl: database.url });
    await rt.workspace.apply({ baseVersion: 0, schema: workspace() });
    clientId = (await rt.records.create(ACTOR, "clients", { name: "Acme" })).id;
  });
  afterEach(async () => {
    await rt?.close();
    await database?.drop();
  });

  const invoice = (values: Record<string, unknown>) => rt.records.create(ACTOR, "invoices", { client: clientId, ...values });

  it("assigns a number only when the status is issued", async () => {
    const draft = await invoice({ status: "draft", date: "2025-03-01" });
    expect(draft.number).toBeNull();
    const none = await invoice({ date: "2025-03-01" });
    expect(none.number).toBeNull();
    const issued = await invoice({ status: "issued", date: "2025-03-01" });
    expect(issued.number).toBe("INV-2025-0001");
    expect((await invoice({ status: "issued", date: "2025-12-31" })).number).toBe("INV-2025-0002");
  });

  it("keeps one counter per year of the record's date, each starting at 0001", async () => {
    const numbers: string[] = [];
    for (const date of ["2025-01-10", "2026-01-01", "2025-12-31", "2026-06-30", "2024-02-29"])
      numbers.push(String((await invoice({ status: "issued", date })).number));
    expect(numbers).toEqual(["INV-2025-0001", "INV-2026-0001", "INV-2025-0002", "INV-2026-0002", "INV-2024-0001"]);
  });

  it("numbers by today's year when the record has no date", async () => {
    const year = new Date().toISOString().slice(0, 4);
    expect((await invoice({ status: "issued" })).number).toBe(`INV-${year}-0001`);
  });

  it("gives 30 concurrent creates distinct, consecutive numbers", async () => {
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, i) => invoice({ status: "issued", date: "2025-05-05", ref: `C${i}` })),
    );
    const numbers = created.map((r) => String(r.number)).sort();
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => `INV-2025-${String(i + 1).padStart(4, "0")}`));
    expect((await invoice({ status: "issued", date: "2025-05-06" })).number).toBe("INV-2025-0031");
  });

  it("does not burn a number when validation refuses the record", async () => {
    await expect(invoice({ status: "issued", date: "2025-01-01", client: 987_654 })).rejects.toMatchObject({ status: 422 });
    await expect(invoice({ status: "issued", date: "2025-01-01", bogus: 1 })).rejects.toMatchObject({ status: 422 });
    expect((await invoice({ status: "issued", date: "2025-01-01" })).number).toBe("INV-2025-0001");
  });

  it("does not burn a number when the save transaction rolls back after the number was taken", async () => {
    expect((await invoice({ status: "issued", date: "2025-01-01", ref: "R1" })).number).toBe("INV-2025-0001");
    // The duplicate ref fails at the INSERT, after assignAutonumbers ran in the same transaction.
    await expect(invoice({ status: "issued", date: "2025-01-01", ref: "R1" })).rejects.toBeTruthy();
    expect((await invoice({ status: "issued", date: "2025-01-01", ref: "R2" })).number).toBe("INV-2025-0002");
    const rows = await rt.db("invoices").whereNotNull("number").orderBy("id").select("number");
    expect(rows.map((r: { number: string }) => r.number)).toEqual(["INV-2025-0001", "INV-2025-0002"]);
  });

  // Was a bug when these tests were written (the raw driver error, a 500); the service now checks
  // x-unique before saving and maps unique-index violations to 409.
  it("answers a duplicate unique value with a 4xx naming the field", async () => {
    await invoice({ ref: "R1" });
    let error: unknown;
    await invoice({ ref: "R1" }).catch((e) => (error = e));
    expect(error).toBeInstanceOf(ApiError);
    expect([409, 422]).toContain((error as ApiError).status);
    expect(JSON.stringify((error as ApiError).details)).toContain("ref");
  });

  it("assigns the number when a draft becomes issued and keeps it when the status changes later", async () => {
    const draft = await invoice({ status: "draft", date: "2026-02-02" });
    const issued = await rt.records.update(ACTOR, "invoices", draft.id, { status: "issued" }, draft.version);
    expect(issued.number).toBe("INV-2026-0001");
    const back = await rt.records.update(ACTOR, "invoices", draft.id, { status: "draft" }, issued.version);
    expect(back.number).toBe("INV-2026-0001");
    const again = await rt.records.update(ACTOR, "invoices", draft.id, { status: "issued", date: "2025-01-01" }, back.version);
    expect(again.number).toBe("INV-2026-0001");
  });

  it("keeps an assigned number through delete and restore", async () => {
    const issued = await invoice({ status: "issued", date: "2025-07-07" });
    await rt.records.remove(ACTOR, "invoices", issued.id);
    const restored = await rt.records.restore(ACTOR, "invoices", issued.id);
    expect(restored.number).toBe("INV-2025-0001");
    expect((await invoice({ status: "issued", date: "2025-07-07" })).number).toBe("INV-2025-0002");
  });
});
