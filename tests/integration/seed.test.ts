import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUILTIN_ROLES, type TableRights } from "@runtime/auth/roles";
import { getRole, saveRole } from "@runtime/auth/roles.server";
import { listUsers } from "@runtime/auth/users.server";
import { defaultLayout } from "@runtime/layouts/default-layout";
import type { CardLayout } from "@runtime/layouts/types";
import type { PrintTemplate } from "@runtime/print/template";
import { SYSTEM_ACTOR } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { compileSchema } from "@runtime/schema/compile";
import type { Seed } from "@runtime/seed/seed";
import { seedDatabase } from "@runtime/seed/seed.server";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { smallWorkspace } from "./workspace-schema";

/**
 * The engine knows no example: whatever configuration it is handed (here a small one, not the
 * default) is what an empty database starts with, on every test database.
 */
const writeAll: TableRights = { read: true, create: true, update: true, delete: true, print: true, scope: "all" };

/** The default card of clients with its first section renamed, as an admin would. */
function clientsLayout(): CardLayout {
  const layout = structuredClone(defaultLayout(compileSchema(smallWorkspace()).tablesByKey.get("clients")!));
  (layout.elements[0] as { label?: string }).label = "Who they are";
  return layout;
}

const STATEMENT: PrintTemplate = {
  id: "statement",
  table: "clients",
  name: "Statement",
  html: "<h1>{{ record.name }}</h1>",
  css: "h1 { font-size: 14pt; }",
  page: { size: "A4", orientation: "portrait", margins: { top: 20, right: 15, bottom: 20, left: 15 } },
};

function smallSeed(): Seed {
  return {
    configuration: {
      schema: smallWorkspace(),
      layouts: [{ tableId: "t_clients", table: "clients", layout: clientsLayout() }],
      views: [{ tableId: "t_clients", table: "clients", name: "Leads", default: false, state: { columns: ["f_cl_name"] } }],
      templates: [STATEMENT],
      roleRights: { accountant: { t_invoices: writeAll } },
    },
    demoData: async () => ({
      users: [{ ref: "ines", values: { name: "Ines Roth", email: "ines@seed.test", role: "staff" } }],
      records: [
        { table: "clients", ref: "acme", values: { name: "Acme", status: "lead" } },
        { table: "invoices", ref: "first", values: { client: { $ref: "clients/acme" }, date: "2026-01-05" } },
      ],
    }),
  };
}

describe.each(testDatabases)("seeding an empty database on $name", (kind) => {
  let database: TestDatabase;
  const runtimes: Runtime[] = [];
  const start = async (seed?: Seed, log?: (m: string) => void) => {
    const rt = await createRuntime({ databaseUrl: database.url, seed, log });
    runtimes.push(rt);
    return rt;
  };

  beforeEach(async () => {
    database = await kind.create();
  });
  afterEach(async () => {
    for (const rt of runtimes.splice(0)) await rt.close();
    await database?.drop();
  });

  it("starts from the configuration it is handed: schema, card layout, shared view, template, role rights, demo data", async () => {
    const logged: string[] = [];
    const rt = await start(smallSeed(), (m) => logged.push(m));
    expect(logged).toContain("Created the default configuration with 2 demo records.");
    const { version, compiled } = await rt.workspace.current();
    expect([version, compiled.tables.map((t) => t.key).sort()]).toEqual([1, ["clients", "invoice_items", "invoices", "payments"]]);
    expect(await rt.layouts.get(SYSTEM_ACTOR, "clients")).toMatchObject({ custom: true, layout: clientsLayout() });
    expect((await rt.views.list(SYSTEM_ACTOR, "t_clients")).map((v) => [v.name, v.shared])).toEqual([["Leads", true]]);
    expect((await rt.templates.list()).map((t) => t.id)).toEqual(["statement"]);
    // The accountant writes the invoices this configuration names, and keeps reading everything else.
    expect((await getRole(rt.db, "accountant")).tables).toEqual({
      ...BUILTIN_ROLES.find((r) => r.key === "accountant")!.tables,
      t_invoices: writeAll,
    });
    const [acme] = (await rt.records.list(SYSTEM_ACTOR, "clients", {})).rows;
    expect((await rt.records.list(SYSTEM_ACTOR, "invoices", {})).rows).toEqual([expect.objectContaining({ client: acme.id })]);
    expect((await listUsers(rt.db)).map((u) => [u.email, u.role])).toEqual([["ines@seed.test", "staff"]]);
  });

  it("seeds once: a second start, or a second instance starting at the same moment, adds nothing", async () => {
    // Two instances on a brand-new database: they race to create Tessera's own tables, then to seed.
    const [a, b] = await Promise.all([start(smallSeed()), start(smallSeed())]);
    const again = await start(smallSeed());
    for (const rt of [a, b, again]) expect((await rt.workspace.current()).version).toBe(1);
    expect((await again.records.list(SYSTEM_ACTOR, "clients", {})).total).toBe(1);
    expect(await seedDatabase(again, smallSeed())).toBeNull();
    expect((await again.templates.list()).map((t) => t.id)).toEqual(["statement"]);
  });

  it("leaves an empty database empty without a seed, and offers no templates", async () => {
    const rt = await start();
    expect((await rt.workspace.current()).version).toBe(0);
    expect(await rt.templates.list()).toEqual([]);
    expect((await getRole(rt.db, "accountant")).tables).toEqual(BUILTIN_ROLES.find((r) => r.key === "accountant")!.tables);
  });

  it("gives a built-in role rights only for tables it does not name yet: an admin's choice stays", async () => {
    const rt = await start();
    const readOnly = { ...writeAll, create: false, update: false, delete: false };
    await saveRole(rt.db, { key: "accountant", name: "Accountant", tables: { "*": writeAll, t_invoices: readOnly } });
    const seed = smallSeed();
    seed.configuration.roleRights.accountant.t_payments = writeAll;
    expect(await seedDatabase(rt, seed)).toEqual({ records: 2 });
    expect((await getRole(rt.db, "accountant")).tables).toEqual({ "*": writeAll, t_invoices: readOnly, t_payments: writeAll });
  });

  it("adds the configuration's templates to a database that lacks them, but never one the admin deleted", async () => {
    const seeded = await start(smallSeed());
    await seeded.templates.remove("statement");
    await seeded.close();
    runtimes.splice(runtimes.indexOf(seeded), 1);
    const extra: PrintTemplate = { ...STATEMENT, id: "letter", name: "Letter" };
    const seed = smallSeed();
    seed.configuration.templates = [STATEMENT, extra];
    const rt = await start(seed);
    expect((await rt.templates.list()).map((t) => t.id)).toEqual(["letter"]);
  });
});
