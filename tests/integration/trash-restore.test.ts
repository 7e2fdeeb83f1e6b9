import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiError } from "@runtime/errors";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import type { Runtime } from "@runtime/runtime.server";
import { restoreTrashEntry, trashOverview } from "@runtime/workspace/trash-overview.server";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { createSeededRuntime } from "../helpers/default-configuration";

/** The trash screen's service: what it lists, and restores with the words the admin reads. */
const ADMIN: Actor = { ...SYSTEM_ACTOR, name: "Admin", role: "admin" };
const STAFF: Actor = { ...SYSTEM_ACTOR, name: "Staff", role: "staff", rights: { ...SYSTEM_ACTOR.rights, admin: false } };

describe.each(testDatabases)("restoring from the trash on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;

  const change = async (edit: (schema: Awaited<ReturnType<Runtime["workspace"]["current"]>>["schema"]) => void) => {
    const { version, schema } = await rt.workspace.current();
    const next = structuredClone(schema);
    edit(next);
    await rt.workspace.apply({ baseVersion: version, schema: next, confirmDestructive: true });
  };
  const entryFor = async (predicate: (e: Awaited<ReturnType<typeof trashOverview>>[number]) => boolean) => {
    const entry = (await trashOverview(rt.db, rt.workspace)).find(predicate);
    if (!entry) throw new Error("expected the entry in the trash");
    return entry;
  };

  beforeAll(async () => {
    database = await kind.create();
    rt = await createSeededRuntime(database.url);
  }, 180_000);
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  it("restores a field under another key when a newer field took its key, and says how to fix that", async () => {
    const withWebsite = (await rt.records.list(ADMIN, "clients", { filter: { field: "website", op: "notEmpty" }, pageSize: 500 })).rows;
    expect(withWebsite.length).toBeGreaterThan(0);
    await change((s) => delete s.$defs.clients.properties.website);
    const entry = await entryFor((e) => e.kind === "field" && e.field === "website");
    expect(entry).toMatchObject({ table: "clients", currentTable: "clients", tableLabel: "Clients", values: withWebsite.length });

    // A new, unrelated field takes the key meanwhile.
    await change((s) => {
      s.$defs.clients.properties.website = { type: "string", "x-id": "f_clients_new_website", "x-kind": "url", title: "Website" };
    });
    expect((await restoreTrashEntry(rt, STAFF, entry.id).catch((e: ApiError) => e)) as ApiError).toMatchObject({ status: 403 });
    const { message } = await restoreTrashEntry(rt, ADMIN, entry.id);
    expect(message).toBe(
      `Restored the field “Website” of Clients with its ${withWebsite.length} values under the key “website_restored”: a newer field is called “website” now. Rename one of them, or move the values over and remove the other, in the schema designer.`,
    );
    const { schema } = await rt.workspace.current();
    expect(schema.$defs.clients.properties.website_restored).toMatchObject({ "x-id": "f_clients_website", title: "Website (restored)" });
    // Back in its old place (after Phone), not at the end where the newer field went.
    const order = Object.keys(schema.$defs.clients.properties);
    expect(order.slice(order.indexOf("phone"), order.indexOf("phone") + 2)).toEqual(["phone", "website_restored"]);
    expect(order.at(-1)).toBe("website");
    const back = await rt.records.get(ADMIN, "clients", withWebsite[0].id);
    expect(back.website_restored).toBe(withWebsite[0].website);
    expect(back.website).toBeNull();

    const again = (await restoreTrashEntry(rt, ADMIN, entry.id).catch((e: ApiError) => e)) as ApiError;
    expect(again.status).toBe(404);
    expect(again.message).toMatch(/no longer in the trash.*reload/);
  });

  it("counts the values of each of several fields removed from one table", async () => {
    const filled = async (field: string) =>
      (await rt.records.list(ADMIN, "clients", { filter: { field, op: "notEmpty" }, pageSize: 1 })).total;
    const expected = {
      legal_name: await filled("legal_name"),
      address_line2: await filled("address_line2"),
      tax_id: await filled("tax_id"),
    };
    expect(expected.legal_name).toBeGreaterThan(expected.address_line2);
    await change((s) => {
      for (const key of Object.keys(expected)) delete s.$defs.clients.properties[key];
    });
    const counts: string[] = [];
    const onQuery = (q: { sql: string }) => (/count\(/i.test(q.sql) ? counts.push(q.sql) : undefined);
    rt.db.on("query", onQuery);
    const overview = await trashOverview(rt.db, rt.workspace).finally(() => rt.db.removeListener("query", onQuery));
    const entries = overview.filter((e) => e.kind === "field" && e.table === "clients" && e.field! in expected);
    expect(Object.fromEntries(entries.map((e) => [e.field, e.values]))).toEqual(expected);
    expect(overview).toHaveLength(3);
    // One scan of the clients table for all three, not one per field.
    expect(counts).toHaveLength(1);
  });

  it("restores a removed table with its records, and a deleted record", async () => {
    const categories = (await rt.records.list(ADMIN, "product_categories", { pageSize: 500 })).total;
    // Products point at categories: the relation goes first, then the table.
    await change((s) => {
      delete s.$defs.products.properties.category;
      delete s.$defs.product_categories;
    });
    const table = await entryFor((e) => e.kind === "table" && e.table === "product_categories");
    expect(table.values).toBe(categories);
    expect((await restoreTrashEntry(rt, ADMIN, table.id)).message).toMatch(
      new RegExp(`^Restored the table “.+” with its ${categories} records\\.$`),
    );
    expect((await rt.records.list(ADMIN, "product_categories", { pageSize: 1 })).total).toBe(categories);

    const payment = (await rt.records.list(ADMIN, "payments", { pageSize: 1 })).rows[0];
    await rt.records.remove({ ...ADMIN, id: null }, "payments", payment.id);
    const record = await entryFor((e) => e.kind === "record" && e.recordId === payment.id);
    expect(record).toMatchObject({ currentTable: "payments", values: 1 });
    expect((await restoreTrashEntry(rt, ADMIN, record.id)).message).toMatch(/^Restored “.+” to Payments\.$/);
    expect((await rt.records.get(ADMIN, "payments", payment.id)).id).toBe(payment.id);
  });
});
