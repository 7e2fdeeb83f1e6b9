import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "@runtime/auth/actors.server";
import { listAudit } from "@runtime/auth/audit.server";
import type { TableRights } from "@runtime/auth/roles";
import { saveRole } from "@runtime/auth/roles.server";
import { addUser } from "@runtime/auth/users.server";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { apiStatus } from "../helpers/api-status";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { clone, smallWorkspace } from "./workspace-schema";

describe.each(testDatabases)("permissions on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  let anna: Actor; // manager: own clients only, code read-only, email hidden
  let ben: Actor; // accountant: invoices and payments, reads the rest
  let carl: Actor; // clerk: invoices, and their lines with the price read-only
  let dora: Actor; // lineless: invoices without their lines, clients without their names
  let acmeId: number;
  let betaId: number;

  beforeAll(async () => {
    database = await kind.create();
    const ws = clone(smallWorkspace());
    ws.$defs.clients.properties.manager = { type: "integer", "x-id": "f_cl_manager", "x-kind": "relation", "x-target": "crm_users" };
    ws.$defs.clients["x-owner-field"] = "manager";
    // Built from a field the manager may not see: the manager may not see it either.
    ws.$defs.clients.properties.contact = {
      type: "string",
      "x-id": "f_cl_contact",
      "x-kind": "formula",
      "x-formula": 'concat(name, " <", email, ">")',
      "x-result": "text",
    };
    const writes: TableRights = { read: true, create: true, update: true, delete: true, print: true, scope: "all" };
    // This configuration's accountant issues invoices (never deletes one) and records payments.
    const roleRights = { accountant: { t_invoices: { ...writes, delete: false }, t_invoice_items: writes, t_payments: writes } };
    rt = await createRuntime({
      databaseUrl: database.url,
      seed: { configuration: { schema: ws, layouts: [], views: [], templates: [], roleRights } },
    });
    await saveRole(rt.db, {
      key: "manager",
      name: "Manager",
      tables: {
        "*": { read: true, create: false, update: false, delete: false, print: false, scope: "all" },
        t_clients: {
          read: true,
          create: true,
          update: true,
          delete: false,
          print: true,
          scope: "own",
          fields: { f_cl_code: "readonly", f_cl_email: "hidden" },
        },
      },
    });
    const a = await addUser(rt.db, { name: "Anna", email: "anna@example.com", role: "manager" });
    const b = await addUser(rt.db, { name: "Ben", email: "ben@example.com", role: "accountant" });
    const reader: TableRights = { read: true, create: false, update: false, delete: false, print: false, scope: "all" };
    const invoicing: TableRights = { ...reader, create: true, update: true };
    await saveRole(rt.db, {
      key: "clerk",
      name: "Clerk",
      tables: { "*": reader, t_invoices: invoicing, t_invoice_items: { ...writes, fields: { f_ii_price: "readonly" } } },
    });
    await saveRole(rt.db, {
      key: "lineless",
      name: "Lineless",
      tables: {
        "*": reader,
        t_invoices: invoicing,
        t_invoice_items: { ...reader, read: false },
        t_clients: { ...reader, fields: { f_cl_name: "hidden" } },
      },
    });
    anna = await actorForUser(rt.db, a);
    ben = await actorForUser(rt.db, b);
    carl = await actorForUser(rt.db, await addUser(rt.db, { name: "Carl", email: "carl@example.com", role: "clerk" }));
    dora = await actorForUser(rt.db, await addUser(rt.db, { name: "Dora", email: "dora@example.com", role: "lineless" }));
    acmeId = (await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Acme", email: "info@acme.test", code: "A1", manager: a.id })).id;
    betaId = (await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Beta", email: "info@beta.test", code: "B1", manager: b.id })).id;
  });
  afterAll(async () => {
    await rt.close();
    await database.drop();
  });

  it("shows a scoped user only their own records, in lists, totals and single reads", async () => {
    const list = await rt.records.list(anna, "clients");
    expect(list.rows.map((r) => r.name)).toEqual(["Acme"]);
    expect(list.total).toBe(1);
    expect(await apiStatus(rt.records.get(anna, "clients", betaId))).toBe(404);
    expect(await apiStatus(rt.records.update(anna, "clients", betaId, { name: "Mine now" }, 1))).toBe(404);
    // Read ahead in a batch: the records out of scope are left out, the others stripped as one by one.
    const many = await rt.records.getMany(anna, "clients", [acmeId, betaId, 999_999]);
    expect([...many.keys()]).toEqual([acmeId]);
    expect(many.get(acmeId)).toEqual(await rt.records.get(anna, "clients", acmeId));
  });

  it("never returns a hidden field, and refuses to filter, sort or search by it", async () => {
    const acme = await rt.records.get(anna, "clients", acmeId);
    expect(acme).not.toHaveProperty("email");
    expect((await rt.records.list(anna, "clients")).rows[0]).not.toHaveProperty("email");
    expect(await apiStatus(rt.records.list(anna, "clients", { filter: { field: "email", op: "startsWith", value: "info" } }))).toBe(403);
    expect(await apiStatus(rt.records.list(anna, "clients", { sort: "email" }))).toBe(403);
    // Searching for a hidden value finds nothing: no counting oracle through q either.
    expect((await rt.records.list(anna, "clients", { q: "acme.test" })).total).toBe(0);
  });

  it("refuses writing a read-only field and leaves the record unchanged", async () => {
    expect(await apiStatus(rt.records.update(anna, "clients", acmeId, { name: "Acme 2", code: "HACK" }, 1))).toBe(403);
    expect(await rt.records.get(SYSTEM_ACTOR, "clients", acmeId)).toMatchObject({ name: "Acme", code: "A1", version: 1 });
    // Sending the unchanged value back (a whole form) is fine.
    const saved = await rt.records.update(anna, "clients", acmeId, { name: "Acme 2", code: "A1" }, 1);
    expect(saved).toMatchObject({ name: "Acme 2", version: 2 });
  });

  it("makes the creator the owner, and keeps a scoped user from giving records away", async () => {
    const mine = await rt.records.create(anna, "clients", { name: "Gamma" });
    expect((await rt.records.get(SYSTEM_ACTOR, "clients", mine.id)).manager).toBe(anna.id);
    expect(await apiStatus(rt.records.create(anna, "clients", { name: "Delta", manager: ben.id }))).toBe(403);
  });

  it("applies table rights per role", async () => {
    expect(await apiStatus(rt.records.remove(anna, "clients", acmeId))).toBe(403);
    expect(await apiStatus(rt.records.create(anna, "invoices", { client: acmeId }))).toBe(403);
    expect(await apiStatus(rt.records.create(ben, "clients", { name: "Nope" }))).toBe(403);
    const invoice = await rt.records.create(ben, "invoices", {
      client: betaId,
      items: [{ description: "Audit", quantity: 1, price: 100 }],
    });
    expect(invoice.total).toBe(100);
    expect(await apiStatus(rt.records.remove(ben, "invoices", invoice.id))).toBe(403);
  });

  it("writes an audit trail of who changed what", async () => {
    const entries = await listAudit(rt.db, { table: "clients", recordId: acmeId });
    const update = entries.find((e) => e.action === "update" && e.userId === anna.id);
    expect(update?.changes).toMatchObject({ name: ["Acme", "Acme 2"] });
    expect(entries.some((e) => e.action === "create")).toBe(true);
    // Where a change came from is told only where asked for (an administrator's listing).
    expect(entries.every((e) => !("ip" in e))).toBe(true);
    const withAddresses = await listAudit(rt.db, { table: "clients", recordId: acmeId }, { addresses: true });
    expect(withAddresses.every((e) => "ip" in e)).toBe(true);
  });

  it("holds lines written through their invoice to the lines' own rights", async () => {
    const invoice = await rt.records.create(SYSTEM_ACTOR, "invoices", {
      client: betaId,
      items: [{ description: "Design", quantity: 2, price: 50 }],
    });
    const [line] = (await rt.records.get(carl, "invoices", invoice.id)).items as Record<string, unknown>[];
    const cheap = rt.records.update(carl, "invoices", invoice.id, { items: [{ ...line, price: 0.01 }] }, invoice.version);
    await expect(cheap).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/^Line 1 of items: .*“price”/i) });
    await expect(cheap).rejects.toMatchObject({ details: { fields: ["items.0.price"] } });
    expect(await apiStatus(rt.records.create(carl, "invoices", { client: betaId, items: [{ description: "X", price: 1 }] }))).toBe(403);
    // The line sent back as read, its description changed, is the clerk's to save.
    const saved = await rt.records.update(carl, "invoices", invoice.id, { items: [{ ...line, description: "Redesign" }] }, invoice.version);
    expect(saved).toMatchObject({ total: 100, items: [{ description: "Redesign", price: 50 }] });

    const blind = { client: betaId, items: [{ description: "Sneaked in", quantity: 1, price: 5 }] };
    expect(await apiStatus(rt.records.create(dora, "invoices", blind))).toBe(403);
    expect(await apiStatus(rt.records.update(dora, "invoices", invoice.id, { items: [] }, saved.version))).toBe(403);
    expect(await rt.records.get(SYSTEM_ACTOR, "invoices", invoice.id)).toMatchObject({ total: 100, version: saved.version });
    expect(await apiStatus(rt.records.create(dora, "invoices", { client: betaId }))).toBe(200);
  });

  it("shows of a record only what the role may see: lines, formulas over hidden data, expanded titles", async () => {
    const invoice = await rt.records.create(SYSTEM_ACTOR, "invoices", {
      client: acmeId,
      items: [{ description: "Audit", quantity: 1, price: 80 }],
    });
    const seen = await rt.records.get(dora, "invoices", invoice.id, { expand: "client" });
    // No lines, nor the totals they give away; the client is linked, its hidden name not shown.
    expect(seen).not.toHaveProperty("items");
    expect(seen).not.toHaveProperty("total");
    expect(seen).not.toHaveProperty("balance");
    expect(seen._expanded).toEqual({ client: { id: acmeId, title: `Client #${acmeId}` } });
    expect((await rt.records.list(dora, "invoices")).rows[0]).not.toHaveProperty("total");
    expect(await apiStatus(rt.records.list(dora, "invoices", { sort: "total" }))).toBe(403);
    expect(await rt.records.get(ben, "invoices", invoice.id, { expand: "client" })).toMatchObject({
      total: 80,
      items: [{ description: "Audit" }],
      _expanded: { client: { id: acmeId, title: "Acme 2" } },
    });

    // A client outside the manager's scope is not named to them through an invoice either.
    const theirs = await rt.records.create(SYSTEM_ACTOR, "invoices", { client: betaId });
    const titles = (await rt.records.list(anna, "invoices", { expand: "client", pageSize: 500 })).rows.map((r) => r._expanded);
    expect(titles).toContainEqual({ client: { id: betaId, title: `Client #${betaId}` } });
    expect(titles).toContainEqual({ client: { id: acmeId, title: "Acme 2" } });
    expect((await rt.records.get(anna, "invoices", theirs.id, { expand: "client" }))._expanded).toEqual({
      client: { id: betaId, title: `Client #${betaId}` },
    });
    // A formula reading the hidden email is hidden with it.
    expect(await rt.records.get(anna, "clients", acmeId)).not.toHaveProperty("contact");
    expect((await rt.records.get(SYSTEM_ACTOR, "clients", acmeId)).contact).toBe("Acme 2 <info@acme.test>");
  });
});
