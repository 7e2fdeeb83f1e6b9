import { isRelation } from "@runtime/fields/structure";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "@runtime/errors";
import { dbNow } from "@runtime/db/system-tables.server";
import type { FileValue } from "@runtime/fields/files";
import { fieldKinds, holdsFiles } from "@runtime/fields/registry";
import { kindSamples } from "@runtime/fields/samples";
import { BUILTIN_ROLES } from "@runtime/auth/roles";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import { createFileStore } from "@runtime/files/files.server";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { FIELD_KINDS, type FieldKind, type FieldSchema, type WorkspaceSchema } from "@runtime/schema/types";
import { makeClient } from "@seeds/factories";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { clone, smallWorkspace } from "./workspace-schema";

/**
 * The records service end to end on every test database: round trips of every field kind,
 * validation, optimistic locking, stored formulas and their cascade, compositions, delete/restore.
 * (Autonumbers: records-autonumber.test.ts; lists: records-list.test.ts.)
 */

const ACTOR: Actor = { ...SYSTEM_ACTOR, id: 7, name: "Test", role: "admin" };

async function expectApiError(p: Promise<unknown>, status: number): Promise<ApiError> {
  try {
    await p;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    expect(error.status, error.message).toBe(status);
    return error;
  }
  throw new Error(`expected an ApiError ${status}, but the call succeeded`);
}

function fieldsOf(e: ApiError): Record<string, string> {
  return (e.details as { fields: Record<string, string> }).fields;
}

/** Kinds a user types into; autonumber and formula are computed and have their own tests. */
const STORED_KINDS = FIELD_KINDS.filter((k) => !fieldKinds[k].readOnly);

/** smallWorkspace plus a `kinds` table holding one field of every stored kind, from its samples. */
function workspaceWithKinds(): WorkspaceSchema {
  const ws = clone(smallWorkspace());
  const properties: Record<string, FieldSchema> = {};
  for (const kind of STORED_KINDS) {
    const def = clone(kindSamples[kind].cases[0].field);
    def["x-id"] = `f_k_${kind}`;
    delete def["x-inverse"];
    delete def.default;
    if (isRelation(def)) def["x-target"] = "clients";
    properties[col(kind)] = def;
  }
  ws.$defs.kinds = { type: "object", "x-id": "t_kinds", title: "Kind sample", "x-plural": "Kind samples", properties };
  return ws;
}

/** A file value names a stored file: the samples' files are put in the store as they say. */
async function storeSampleFiles(rt: Runtime): Promise<void> {
  const files = STORED_KINDS.filter((k) => holdsFiles({ kind: k })).flatMap((k) => kindSamples[k].cases.flatMap((c) => c.valid));
  for (const f of files as FileValue[])
    await rt.db("crm_files").insert({
      ...f,
      sha256: "0".repeat(64),
      content: Buffer.from("x"),
      created_at: dbNow(),
      created_by: ACTOR.id,
    });
}

/** Kind names such as "select" are SQL words, so the sample fields are keyed `v_<kind>`. */
const col = (kind: FieldKind) => `v_${kind}`;

/** What the service gives back for a sample value: an empty string means "no value". */
function stored(kind: FieldKind, v: unknown): unknown {
  return v === "" ? null : v;
}

describe.each(testDatabases)("records service on $name", (dbKind) => {
  let database: TestDatabase;
  let rt: Runtime;

  beforeEach(async () => {
    database = await dbKind.create();
    rt = await createRuntime({ databaseUrl: database.url });
    await rt.workspace.apply({ baseVersion: 0, schema: workspaceWithKinds() });
    await storeSampleFiles(rt);
  });
  afterEach(async () => {
    await rt?.close();
    await database?.drop();
  });

  const create = (table: string, values: unknown) => rt.records.create(ACTOR, table, values);
  const get = (table: string, id: number) => rt.records.get(ACTOR, table, id);

  describe("round trips of every field kind", () => {
    it("creates, reads, updates, nulls, deletes and restores every sample value", async () => {
      const client = await create("clients", { name: "Target" });
      const valuesOf = (kind: FieldKind) => (isRelation({ kind }) ? [client.id] : kindSamples[kind].cases[0].valid);
      const rows = Math.max(...STORED_KINDS.map((k) => valuesOf(k).length));
      for (let i = 0; i < rows; i++) {
        const input: Record<string, unknown> = {};
        for (const kind of STORED_KINDS) input[col(kind)] = valuesOf(kind)[i % valuesOf(kind).length];
        const created = await create("kinds", input);
        expect(created.version).toBe(1);
        expect(created.created_by).toBe(ACTOR.id);
        const read = await get("kinds", created.id);
        for (const kind of STORED_KINDS) expect([kind, read[col(kind)]]).toEqual([kind, stored(kind, input[col(kind)])]);

        // Update to the next sample of each kind, then clear everything.
        const next: Record<string, unknown> = {};
        for (const kind of STORED_KINDS) next[col(kind)] = valuesOf(kind)[(i + 1) % valuesOf(kind).length];
        const updated = await rt.records.update(ACTOR, "kinds", created.id, next, 1);
        expect(updated.version).toBe(2);
        for (const kind of STORED_KINDS) expect([kind, updated[col(kind)]]).toEqual([kind, stored(kind, next[col(kind)])]);
        const nulls = Object.fromEntries(STORED_KINDS.map((k) => [col(k), null]));
        const cleared = await rt.records.update(ACTOR, "kinds", created.id, nulls, 2);
        for (const kind of STORED_KINDS) expect([kind, cleared[col(kind)]]).toEqual([kind, null]);
        const back = await rt.records.update(ACTOR, "kinds", created.id, input, 3);

        await rt.records.remove(ACTOR, "kinds", created.id);
        await expectApiError(get("kinds", created.id), 404);
        const restored = await rt.records.restore(ACTOR, "kinds", created.id);
        expect(restored.id).toBe(created.id);
        expect(restored.version).toBe(back.version + 1);
        for (const kind of STORED_KINDS) expect([kind, restored[col(kind)]]).toEqual([kind, stored(kind, input[col(kind)])]);
      }
    });

    // Errors inside an object value (a file without `size`) are reported on the field itself.
    it("names the file field when its object value is incomplete", async () => {
      const e = await expectApiError(create("kinds", { v_file: { id: "0".repeat(32), name: "a.pdf", type: "application/pdf" } }), 422);
      expect(Object.keys(fieldsOf(e))).toEqual(["v_file"]);
    });

    it("creates a record with no values at all as nulls", async () => {
      const r = await create("kinds", {});
      for (const kind of STORED_KINDS) expect([kind, r[col(kind)]]).toEqual([kind, null]);
    });

    it("refuses each kind's invalid sample values with a 422 naming the field", async () => {
      for (const kind of STORED_KINDS) {
        for (const bad of kindSamples[kind].cases[0].invalid) {
          if (bad === null || bad === "") continue; // both mean "no value", which these fields allow
          const e = await expectApiError(create("kinds", { [col(kind)]: bad }), 422);
          // Nested errors inside a file object are misnamed (see the it.fails below): status only.
          if (typeof bad === "object" && !Array.isArray(bad)) expect(Object.keys(fieldsOf(e))).toHaveLength(1);
          else expect([kind, bad, Object.keys(fieldsOf(e))]).toEqual([kind, bad, [col(kind)]]);
        }
      }
      expect(await rt.db("kinds").count({ n: "*" }).first()).toMatchObject({ n: expect.anything() });
      expect(Number(((await rt.db("kinds").count({ n: "*" }).first()) as { n: number }).n)).toBe(0);
    });
  });

  describe("files", () => {
    const staff = BUILTIN_ROLES.find((r) => r.key === "staff")!;
    const actor = (id: number, tables: Actor["rights"]["tables"] = staff.tables): Actor => ({
      id,
      name: `User ${id}`,
      role: "staff",
      rights: { ...staff, tables },
    });
    const upload = (by: Actor) =>
      rt.files.save({ name: "scan.pdf", type: "application/pdf", content: new Uint8Array([1, 2]), actorId: by.id });

    it("takes only files the store holds, as stored, and an upload only from its uploader", async () => {
      const anna = actor(101);
      const ben = actor(102);
      const mine = await upload(anna);
      const bad = [
        [{ ...mine, id: "f".repeat(32) }, /there is no uploaded file/],
        [{ ...mine, size: 1 }, /does not match the uploaded file/],
        [{ ...mine, type: "image/png" }, /does not match the uploaded file/],
      ] as const;
      for (const [value, message] of bad)
        expect(fieldsOf(await expectApiError(rt.records.create(anna, "kinds", { v_file: value }), 422)).v_file).toMatch(message);
      // Ben cannot take Anna's upload onto a record to read it.
      expect(fieldsOf(await expectApiError(rt.records.create(ben, "kinds", { v_file: mine }), 422)).v_file).toMatch(
        /there is no uploaded file/,
      );
      const held = await rt.records.create(anna, "kinds", { v_file: mine });
      expect(held.v_file).toEqual(mine);
      // Once a record holds it, whoever may change that record may put it on another one.
      await rt.records.create(ben, "kinds", { v_file: mine });
    });

    it("reads a file with the rights of the records holding it; an upload no record holds, only its uploader", async () => {
      const anna = actor(101);
      const ben = actor(102);
      const file = await upload(anna);
      expect(await rt.records.mayReadFile(anna, file.id)).toBe(true);
      expect(await rt.records.mayReadFile(ben, file.id)).toBe(false);
      await rt.records.create(anna, "kinds", { v_file: file });
      expect(await rt.records.mayReadFile(ben, file.id)).toBe(true);
      const kindsTable = (await rt.workspace.current()).compiled.tablesByKey.get("kinds")!;
      const all = staff.tables["*"];
      // No read right on the table, the field hidden, or the record outside an own-records scope: no file.
      expect(await rt.records.mayReadFile(actor(103, { "*": all, [kindsTable.id]: { ...all, read: false } }), file.id)).toBe(false);
      const fileField = kindsTable.fieldsByKey.get("v_file")!;
      const hidden = { "*": all, [kindsTable.id]: { ...all, fields: { [fileField.id]: "hidden" as const } } };
      expect(await rt.records.mayReadFile(actor(104, hidden), file.id)).toBe(false);
      expect(await rt.records.mayReadFile(actor(105, { "*": all, [kindsTable.id]: { ...all, scope: "own" } }), file.id)).toBe(false);
      expect(await rt.records.mayReadFile(anna, "javascript:alert(1)//")).toBe(false);
    });

    it("removes uploads no record took within a day, keeps the held ones, and caps a user's pending bytes", async () => {
      const anna = actor(101);
      const held = await upload(anna);
      await rt.records.create(anna, "kinds", { v_file: held });
      const abandoned = await upload(anna);
      expect(await rt.files.removeAbandoned(new Date(Date.now() + 23 * 3600_000))).toBe(0);
      expect(await rt.files.removeAbandoned(new Date(Date.now() + 25 * 3600_000))).toBeGreaterThanOrEqual(1);
      await expect(rt.files.get(abandoned.id)).rejects.toMatchObject({ status: 404 });
      expect((await rt.files.get(held.id)).size).toBe(2);

      const small = createFileStore(rt.db, { quotaBytes: 3 });
      await small.save({ name: "a", type: "text/plain", content: new Uint8Array([1, 2]), actorId: 201 });
      await expect(small.save({ name: "b", type: "text/plain", content: new Uint8Array([1, 2]), actorId: 201 })).rejects.toMatchObject({
        status: 413,
        message: expect.stringContaining("no record holds yet"),
      });
      await small.save({ name: "c", type: "text/plain", content: new Uint8Array([1, 2]), actorId: 202 });
    });
  });

  describe("validation", () => {
    it("refuses unknown fields with a 422 naming each of them", async () => {
      const e = await expectApiError(create("clients", { name: "A", bogus: 1, "also-bad": "x" }), 422);
      expect(Object.keys(fieldsOf(e)).sort()).toEqual(["also-bad", "bogus"]);
      expect(fieldsOf(e).bogus).toMatch(/not a field of Clients/);
      const c = await create("clients", { name: "A" });
      const u = await expectApiError(rt.records.update(ACTOR, "clients", c.id, { nope: 1 }, 1), 422);
      expect(Object.keys(fieldsOf(u))).toEqual(["nope"]);
    });

    it("refuses a missing or null required field, on create and on update", async () => {
      expect(fieldsOf(await expectApiError(create("clients", { email: "a@b.test" }), 422)).name).toMatch(/required/);
      expect(fieldsOf(await expectApiError(create("clients", { name: null }), 422)).name).toMatch(/required/);
      expect(fieldsOf(await expectApiError(create("clients", { name: "" }), 422)).name).toMatch(/required/);
      const c = await create("clients", { name: "A" });
      expect(fieldsOf(await expectApiError(rt.records.update(ACTOR, "clients", c.id, { name: null }, 1), 422)).name).toMatch(/required/);
      expect((await get("clients", c.id)).name).toBe("A");
    });

    it("refuses a relation to a record that does not exist", async () => {
      const e = await expectApiError(create("invoices", { client: 999_999 }), 422);
      expect(fieldsOf(e).client).toMatch(/999999/);
      const c = await create("clients", { name: "A" });
      const inv = await create("invoices", { client: c.id });
      const u = await expectApiError(rt.records.update(ACTOR, "invoices", inv.id, { client: 424242 }, 1), 422);
      expect(fieldsOf(u).client).toMatch(/424242/);
      expect(Number(((await rt.db("invoices").count({ n: "*" }).first()) as { n: number }).n)).toBe(1);
    });

    it("refuses an amount with more decimals than its field keeps, never stores it rounded", async () => {
      const c = await create("clients", { name: "A" });
      const inv = await create("invoices", { client: c.id });
      for (const amount of [10.123, 1e-9]) {
        const e = await expectApiError(create("payments", { invoice: inv.id, amount }), 422);
        expect(fieldsOf(e).amount).toBe("Amount has more decimals than it keeps (2): round it to 2 decimals");
      }
      expect(Number(((await rt.db("payments").count({ n: "*" }).first()) as { n: number }).n)).toBe(0);
      expect((await create("payments", { invoice: inv.id, amount: 10.12 })).amount).toBe(10.12);
    });

    it("refuses an object or a list where a scalar belongs with a 4xx, never a 500", async () => {
      for (const bad of [{ a: 1 }, ["A"], { toString: "x" }]) {
        let status = 0;
        try {
          await create("clients", { name: bad });
        } catch (error) {
          expect(error).toBeInstanceOf(ApiError);
          status = (error as ApiError).status;
        }
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
      }
      const c = await create("clients", { name: "A" });
      await expectApiError(rt.records.update(ACTOR, "invoices", 1, { client: { id: c.id } }, 1), 404);
      const inv = await create("invoices", { client: c.id });
      expect(
        fieldsOf(await expectApiError(rt.records.update(ACTOR, "invoices", inv.id, { client: { id: c.id } }, 1), 422)).client,
      ).toBeTruthy();
      await expectApiError(create("clients", "not an object"), 400);
      await expectApiError(create("clients", [{ name: "A" }]), 400);
    });

    it("ignores system fields and computed fields in the input", async () => {
      const c = await create("clients", { name: "A", id: 999, version: 55, created_by: 3 });
      expect(c.id).not.toBe(999);
      expect(c.version).toBe(1);
      expect(c.created_by).toBe(ACTOR.id);
      const inv = await create("invoices", { client: c.id, total: 1000, number: "FAKE-1", status: "draft" });
      expect(inv.total).toBe(0);
      expect(inv.number).toBeNull();
    });

    it("builds clients with the shared record factory", async () => {
      const made = makeClient({}, 3);
      const c = await create("clients", { name: made.name, email: made.email });
      expect(await get("clients", c.id)).toMatchObject({ name: made.name, email: made.email });
    });
  });

  describe("optimistic locking", () => {
    it("answers a second update with the same version with 409 and the current record; the first edit survives", async () => {
      const c = await create("clients", { name: "Acme", code: "A" });
      const first = await rt.records.update(ACTOR, "clients", c.id, { code: "FIRST" }, c.version);
      expect(first.version).toBe(2);
      const e = await expectApiError(rt.records.update(ACTOR, "clients", c.id, { code: "SECOND" }, c.version), 409);
      const current = (e.details as { current: Record<string, unknown> }).current;
      expect(current).toMatchObject({ id: c.id, version: 2, code: "FIRST" });
      expect(e.message).toMatch(/version 1.*version 2/);
      expect(await get("clients", c.id)).toMatchObject({ code: "FIRST", version: 2 });
    });

    it("lets only one of two concurrent updates with the same version through", async () => {
      const c = await create("clients", { name: "Acme" });
      const results = await Promise.allSettled([
        rt.records.update(ACTOR, "clients", c.id, { code: "X" }, 1),
        rt.records.update(ACTOR, "clients", c.id, { code: "Y" }, 1),
      ]);
      const ok = results.filter((r) => r.status === "fulfilled");
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(1);
      expect((failed[0].reason as ApiError).status).toBe(409);
      const winner = (ok[0] as PromiseFulfilledResult<Record<string, unknown>>).value.code;
      expect((await get("clients", c.id)).code).toBe(winner);
    });

    it("requires a version and refuses garbage ones", async () => {
      const c = await create("clients", { name: "Acme" });
      await expectApiError(rt.records.update(ACTOR, "clients", c.id, { code: "X" }, undefined), 428);
      await expectApiError(rt.records.update(ACTOR, "clients", c.id, { code: "X" }, "abc"), 428);
      expect((await rt.records.update(ACTOR, "clients", c.id, { code: "X" }, 'W/"1"')).version).toBe(2);
    });

    it("does not bump the invoice's version when a payment changes its derived totals", async () => {
      const c = await create("clients", { name: "Acme" });
      const inv = await create("invoices", { client: c.id, items: [{ description: "Work", quantity: 1, price: 100 }] });
      expect(inv.version).toBe(1);
      await create("payments", { invoice: inv.id, amount: 40 });
      const after = await get("invoices", inv.id);
      expect(after).toMatchObject({ version: 1, paid: 40, balance: 60 });
    });

    it("lets the editor who opened an invoice save after a payment changed its totals", async () => {
      const c = await create("clients", { name: "Acme" });
      const inv = await create("invoices", { client: c.id, items: [{ description: "Work", quantity: 1, price: 100 }] });
      await create("payments", { invoice: inv.id, amount: 40 });
      const saved = await rt.records.update(ACTOR, "invoices", inv.id, { date: "2026-03-01" }, 1);
      expect(saved).toMatchObject({ version: 2, date: "2026-03-01", paid: 40, balance: 60 });
    });
  });

  describe("formulas", () => {
    it("updates a record of a table without formulas", async () => {
      const c = await create("clients", { name: "Acme" });
      expect((await rt.records.update(ACTOR, "clients", c.id, { code: "C" }, 1)).code).toBe("C");
    });

    it("updates a plain field of an invoice (a table with formulas)", async () => {
      const c = await create("clients", { name: "Acme" });
      const inv = await create("invoices", { client: c.id });
      expect((await rt.records.update(ACTOR, "invoices", inv.id, { date: "2026-03-01" }, 1)).date).toBe("2026-03-01");
    });

    async function invoiceWith(items: { quantity: number; price: number }[]) {
      const c = await create("clients", { name: "Acme" });
      return create("invoices", { client: c.id, items });
    }

    it("computes line amounts and invoice totals on save", async () => {
      const inv = await invoiceWith([
        { quantity: 3, price: 19.99 },
        { quantity: 0.5, price: 10.01 },
      ]);
      const items = inv.items as { amount: number }[];
      expect(items.map((i) => i.amount)).toEqual([59.97, 5.01]);
      expect(inv).toMatchObject({ total: 64.98, paid: 0, balance: 64.98 });
      const stored = await rt.db("invoices").where({ id: inv.id }).first();
      expect(Number(stored.total)).toBe(64.98);
    });

    it("adds decimals exactly: 0.1 + 0.2 is 0.3, 3 × 0.1 is 0.3", async () => {
      const inv = await invoiceWith([
        { quantity: 1, price: 0.1 },
        { quantity: 1, price: 0.2 },
      ]);
      expect(inv.total).toBe(0.3);
      const three = await invoiceWith([{ quantity: 3, price: 0.1 }]);
      expect(three.total).toBe(0.3);
      await create("payments", { invoice: inv.id, amount: 0.1 });
      await create("payments", { invoice: inv.id, amount: 0.2 });
      expect(await get("invoices", inv.id)).toMatchObject({ paid: 0.3, balance: 0 });
      const big = await invoiceWith([
        { quantity: 1, price: 1_234_567.89 },
        { quantity: 1, price: 0.01 },
      ]);
      expect(big.total).toBe(1_234_567.9);
    });

    it("follows payments added, changed, moved, deleted and restored", async () => {
      const a = await invoiceWith([{ quantity: 1, price: 100 }]);
      const b = await invoiceWith([{ quantity: 2, price: 50 }]);
      const p = await create("payments", { invoice: a.id, amount: 30 });
      expect(await get("invoices", a.id)).toMatchObject({ paid: 30, balance: 70 });
      const p2 = await rt.records.update(ACTOR, "payments", p.id, { amount: 45.5 }, 1);
      expect(await get("invoices", a.id)).toMatchObject({ paid: 45.5, balance: 54.5 });
      await rt.records.update(ACTOR, "payments", p.id, { invoice: b.id }, p2.version);
      expect(await get("invoices", a.id)).toMatchObject({ paid: 0, balance: 100 });
      expect(await get("invoices", b.id)).toMatchObject({ paid: 45.5, balance: 54.5 });
      await rt.records.remove(ACTOR, "payments", p.id);
      expect(await get("invoices", b.id)).toMatchObject({ paid: 0, balance: 100 });
      await rt.records.restore(ACTOR, "payments", p.id);
      expect(await get("invoices", b.id)).toMatchObject({ paid: 45.5, balance: 54.5 });
      expect(await get("invoices", a.id)).toMatchObject({ paid: 0, balance: 100 });
      expect((await get("invoices", a.id)).version).toBe(1);
      expect((await get("invoices", b.id)).version).toBe(1);
    });

    it("recomputes totals when lines change through the invoice", async () => {
      const inv = await invoiceWith([{ quantity: 1, price: 10 }]);
      await create("payments", { invoice: inv.id, amount: 5 });
      const line = (inv.items as { id: number }[])[0];
      const u = await rt.records.update(ACTOR, "invoices", inv.id, { items: [{ id: line.id, quantity: 4 }] }, 1);
      expect(u).toMatchObject({ total: 40, paid: 5, balance: 35 });
    });
  });

  describe("compositions", () => {
    async function client() {
      return create("clients", { name: "Acme" });
    }
    const count = async (table: string) => Number(((await rt.db(table).count({ n: "*" }).first()) as { n: number }).n);

    it("saves lines with the invoice and returns them in order", async () => {
      const c = await client();
      const inv = await create("invoices", {
        client: c.id,
        items: [
          { description: "one", quantity: 1, price: 1 },
          { description: "two", quantity: 2, price: 2 },
        ],
      });
      const items = inv.items as Record<string, unknown>[];
      expect(items.map((i) => i.description)).toEqual(["one", "two"]);
      expect(items.every((i) => i.invoice === inv.id && i.version === 1)).toBe(true);
      expect(await get("invoices", inv.id)).toEqual(inv);
    });

    it("saves nothing when one line is bad, and names the line", async () => {
      const c = await client();
      const e = await expectApiError(
        create("invoices", {
          client: c.id,
          items: [{ description: "ok", quantity: 1, price: 1 }, { description: "bad", quantity: "many", price: 1 }, { bogus: 1 }],
        }),
        422,
      );
      expect(Object.keys(fieldsOf(e)).sort()).toEqual(["items.1.quantity", "items.2.bogus"]);
      expect(fieldsOf(e)["items.1.quantity"]).toMatch(/^Line 2:/);
      expect(await count("invoices")).toBe(0);
      expect(await count("invoice_items")).toBe(0);
      await expectApiError(create("invoices", { client: c.id, items: "nope" }), 422);
      expect(await count("invoices")).toBe(0);
    });

    it("rolls back the invoice when a line fails inside the transaction", async () => {
      const c = await client();
      // A price beyond the column's range passes the value schema only if the schema is wrong;
      // either way nothing may be half-saved.
      await create("invoices", { client: c.id, items: [{ description: "x".repeat(300), quantity: 1, price: 1 }] }).catch(() => null);
      const invoices = await count("invoices");
      const items = await count("invoice_items");
      expect(invoices === 0 ? items : invoices).toBe(invoices === 0 ? 0 : items);
    });

    it("edits, replaces and removes lines by id on update", async () => {
      const c = await client();
      const inv = await create("invoices", {
        client: c.id,
        items: [
          { description: "keep", quantity: 1, price: 10 },
          { description: "edit", quantity: 1, price: 20 },
          { description: "drop", quantity: 1, price: 30 },
        ],
      });
      const [keep, edit, drop] = inv.items as { id: number; version: number }[];
      const u = await rt.records.update(
        ACTOR,
        "invoices",
        inv.id,
        { items: [{ id: keep.id }, { id: edit.id, price: 25, description: "edited" }, { description: "new", quantity: 2, price: 5 }] },
        1,
      );
      const items = u.items as Record<string, unknown>[];
      expect(items.map((i) => i.description)).toEqual(["keep", "edited", "new"]);
      expect(items[0].id).toBe(keep.id);
      expect(items[1]).toMatchObject({ id: edit.id, price: 25, quantity: 1, amount: 25 });
      expect(items.some((i) => i.id === drop.id)).toBe(false);
      expect(await rt.db("invoice_items").where({ id: drop.id }).first()).toBeUndefined();
      expect(u.total).toBe(45);
      // An id of another invoice's line is a new line, never a hijack.
      const other = await create("invoices", { client: c.id, items: [{ description: "other", quantity: 1, price: 1 }] });
      const otherLine = (other.items as { id: number }[])[0];
      const u2 = await rt.records.update(
        ACTOR,
        "invoices",
        inv.id,
        { items: [{ id: otherLine.id, description: "mine", quantity: 1, price: 1 }] },
        u.version,
      );
      expect((u2.items as { id: number }[])[0].id).not.toBe(otherLine.id);
      expect((await get("invoices", other.id)).items).toHaveLength(1);
      // Leaving the list out keeps the lines; an empty list removes them all.
      const u3 = await rt.records.update(ACTOR, "invoices", inv.id, { date: "2026-01-02" }, u2.version);
      expect(u3.items).toHaveLength(1);
      const u4 = await rt.records.update(ACTOR, "invoices", inv.id, { items: [] }, u3.version);
      expect(u4.items).toEqual([]);
      expect(u4.total).toBe(0);
    });

    it("takes lines to the trash with the invoice and restores them with the same ids", async () => {
      const c = await client();
      const inv = await create("invoices", {
        client: c.id,
        items: [
          { description: "a", quantity: 1, price: 1.5 },
          { description: "b", quantity: 2, price: 2.25 },
        ],
      });
      await rt.records.remove(ACTOR, "invoices", inv.id);
      expect(await count("invoice_items")).toBe(0);
      const restored = await rt.records.restore(ACTOR, "invoices", inv.id);
      const strip = (items: unknown) =>
        (items as Record<string, unknown>[]).map(({ id, description, quantity, price, amount, invoice }) => ({
          id,
          description,
          quantity,
          price,
          amount,
          invoice,
        }));
      expect(strip(restored.items)).toEqual(strip(inv.items));
      expect(restored.total).toBe(6);
      await expectApiError(rt.records.restore(ACTOR, "invoices", inv.id), 404);
    });
  });

  describe("delete and the trash", () => {
    it("refuses to delete a client with invoices, naming them", async () => {
      const c = await create("clients", { name: "Acme" });
      await create("invoices", { client: c.id });
      await create("invoices", { client: c.id });
      const e = await expectApiError(rt.records.remove(ACTOR, "clients", c.id), 409);
      expect(e.message).toMatch(/Acme/);
      expect(e.message).toMatch(/2 Invoices/);
      expect((e.details as { usedBy: string[] }).usedBy).toEqual([expect.stringMatching(/^2 Invoices/)]);
      expect((await get("clients", c.id)).name).toBe("Acme");
    });

    it("refuses to delete an invoice that has payments", async () => {
      const c = await create("clients", { name: "Acme" });
      const inv = await create("invoices", { client: c.id });
      await create("payments", { invoice: inv.id, amount: 1 });
      const e = await expectApiError(rt.records.remove(ACTOR, "invoices", inv.id), 409);
      expect(e.message).toMatch(/Payment/);
    });

    it("writes the whole record to the trash", async () => {
      const c = await create("clients", { name: "O'Reilly & Sons", email: "x@y.test", status: "active" });
      await rt.records.remove(ACTOR, "clients", c.id);
      const rows = await rt.db("crm_trash").where({ kind: "record", table_key: "clients", record_id: c.id });
      expect(rows).toHaveLength(1);
      const row = rows[0];
      expect(row).toMatchObject({ table_id: "t_clients", label: "O'Reilly & Sons", deleted_by: ACTOR.id, schema_version: 1 });
      expect(row.restored_at).toBeNull();
      expect(JSON.parse(row.data)).toEqual(c);
      await expectApiError(rt.records.remove(ACTOR, "clients", c.id), 404);
      await rt.records.restore(ACTOR, "clients", c.id);
      const after = await rt.db("crm_trash").where({ id: row.id }).first();
      expect(after.restored_at).not.toBeNull();
    });

    it("refuses to restore a record whose relation target is gone", async () => {
      const a = await create("clients", { name: "A" });
      const inv = await create("invoices", { client: a.id });
      await rt.records.remove(ACTOR, "invoices", inv.id);
      await rt.records.remove(ACTOR, "clients", a.id);
      const e = await expectApiError(rt.records.restore(ACTOR, "invoices", inv.id), 422);
      expect(fieldsOf(e).client).toBeTruthy();
    });

    it("answers unknown tables and ids with 404 and bad ids with 400", async () => {
      await expectApiError(rt.records.get(ACTOR, "nope", 1), 404);
      await expectApiError(rt.records.get(ACTOR, "clients", 12345), 404);
      await expectApiError(rt.records.get(ACTOR, "clients", "1; drop table clients"), 400);
      await expectApiError(rt.records.get(ACTOR, "clients", 0), 400);
      await expectApiError(rt.records.remove(SYSTEM_ACTOR, "clients", 12345), 404);
    });
  });
});
