import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { createSeededRuntime } from "../helpers/default-configuration";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { clone, smallWorkspace } from "./workspace-schema";

function searchable(): WorkspaceSchema {
  const ws = clone(smallWorkspace());
  const p = ws.$defs.clients.properties;
  p.email["x-searchable"] = true;
  p.code["x-searchable"] = true;
  p.phone = { type: "string", "x-id": "f_cl_phone", "x-kind": "phone", "x-searchable": true };
  ws.$defs.invoices.properties.number["x-searchable"] = true;
  ws.$defs.invoices["x-title-field"] = "number";
  return ws;
}

describe.each(testDatabases)("quick search on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  let version = 1;
  const names = async (q: string, table = "clients", title = "name") =>
    (await rt.records.list(SYSTEM_ACTOR, table, { q, pageSize: 100 })).rows.map((r) => r[title]);

  beforeAll(async () => {
    database = await kind.create();
    rt = await createRuntime({ databaseUrl: database.url });
    await rt.workspace.apply({ baseVersion: 0, schema: searchable() });
    for (const c of [
      { name: "Mercier et Fils", email: "contact@mercier.fr", code: "FR-77", phone: "+33 1 42 68 53 00" },
      { name: "Atelier Lumière", email: "bonjour@lumiere.fr", code: "FR-12", phone: "+33 4 72 00 11 22" },
      { name: "Merck Supplies", email: "sales@merck.example", code: "DE-01", phone: "+49 30 903 4120" },
      { name: "Ölmühle Schmidt", email: "info@oelmuehle.de", code: "IE3698214KH", phone: "+353 1 903 4120" },
      { name: "Mer", email: "x@mer.test", code: "ZZ-1" },
    ])
      await rt.records.create(SYSTEM_ACTOR, "clients", c);
    const acme = await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Acme" });
    await rt.records.create(SYSTEM_ACTOR, "invoices", { client: acme.id, status: "issued", date: "2026-03-01" });
    await rt.records.create(SYSTEM_ACTOR, "invoices", { client: acme.id, status: "issued", date: "2026-03-02" });
  });
  afterAll(async () => {
    await rt.close();
    await database.drop();
  });

  it("matches prefixes as you type, ranking exact and prefix matches of the title first", async () => {
    expect(await names("Merc")).toEqual(expect.arrayContaining(["Mercier et Fils", "Merck Supplies"]));
    expect(await names("Merc")).toHaveLength(2);
    expect((await names("mer"))[0]).toBe("Mer");
  });

  it("ignores case and accents both ways", async () => {
    expect(await names("LUMIERE")).toEqual(["Atelier Lumière"]);
    expect(await names("lumière")).toEqual(["Atelier Lumière"]);
    expect(await names("olmuhle")).toEqual(["Ölmühle Schmidt"]);
  });

  it("finds codes, tax ids, phone fragments and invoice numbers", async () => {
    expect(await names("IE369")).toEqual(["Ölmühle Schmidt"]);
    expect(await names("FR-77")).toEqual(["Mercier et Fils"]);
    expect((await names("4120")).sort()).toEqual(["Merck Supplies", "Ölmühle Schmidt"]);
    expect(await names("INV-2026-0002", "invoices", "number")).toEqual(["INV-2026-0002"]);
    expect(await names("sales@merck")).toEqual(["Merck Supplies"]);
  });

  it("finds words inside Chinese, Japanese and Korean names, and Armenian and Swedish ones by prefix", async () => {
    const created = [];
    for (const name of ["北京科技有限公司", "東京サービス株式会社", "서울상사 주식회사", "Երևանի Ծրագրային Համակարգեր", "Åkesson Bygg AB"])
      created.push(await rt.records.create(SYSTEM_ACTOR, "clients", { name }));
    try {
      expect(await names("科技")).toEqual(["北京科技有限公司"]);
      expect(await names("サービス")).toEqual(["東京サービス株式会社"]);
      expect(await names("상사")).toEqual(["서울상사 주식회사"]);
      expect(await names("科技 公司")).toEqual(["北京科技有限公司"]);
      expect(await names("科技 Bygg")).toEqual([]);
      expect(await names("ԾՐԱԳՐ")).toEqual(["Երևանի Ծրագրային Համակարգեր"]);
      expect(await names("երևան")).toEqual(["Երևանի Ծրագրային Համակարգեր"]);
      expect(await names("akess")).toEqual(["Åkesson Bygg AB"]);
      expect(await names("ÅKESSON bygg")).toEqual(["Åkesson Bygg AB"]);
      // A relation picker's lookup: the same search under an explicit sort.
      const picked = await rt.records.list(SYSTEM_ACTOR, "clients", { q: "有限", sort: "name", pageSize: 20 });
      expect(picked.rows.map((r) => r.name)).toEqual(["北京科技有限公司"]);
      const { globalSearch } = await import("@runtime/search/global-search.server");
      const { compiled } = await rt.workspace.current();
      const found = await globalSearch(rt.records, compiled, SYSTEM_ACTOR, "株式会社");
      expect(found.find((g) => g.table === "clients")?.rows.map((r) => r.title)).toEqual(["東京サービス株式会社"]);
    } finally {
      for (const c of created) await rt.records.remove(SYSTEM_ACTOR, "clients", c.id);
    }
  });

  it("treats search text as words, never as syntax", async () => {
    for (const q of ['"', "*", "name) OR 1=1 --", "' or ''='", "NEAR(a b)", "-", "%", "_"])
      await rt.records.list(SYSTEM_ACTOR, "clients", { q });
    expect(await names('"Merc')).toHaveLength(2);
  });

  it("sees an update, a delete and a restore at once", async () => {
    const mer = (await rt.records.list(SYSTEM_ACTOR, "clients", { q: "Mer", pageSize: 1 })).rows[0];
    await rt.records.update(SYSTEM_ACTOR, "clients", mer.id, { name: "Zephyr Trading" }, mer.version);
    expect(await names("zephyr")).toEqual(["Zephyr Trading"]);
    expect(await names("Mer")).not.toContain("Mer");
    await rt.records.remove(SYSTEM_ACTOR, "clients", mer.id);
    expect(await names("zephyr")).toEqual([]);
    await rt.records.restore(SYSTEM_ACTOR, "clients", mer.id);
    expect(await names("zephyr")).toEqual(["Zephyr Trading"]);
  });

  it("keeps working when a searchable field is renamed, and after one is removed", async () => {
    const renamed = searchable();
    const p = renamed.$defs.clients.properties;
    p.mail = p.email;
    delete p.email;
    const steps = (await rt.workspace.plan({ baseVersion: version, schema: renamed })).plan.steps.map((s) => s.op);
    expect(steps).not.toContain("drop_search_index"); // a rename keeps the index: it is named by ids
    version = (await rt.workspace.apply({ baseVersion: version, schema: renamed })).version;
    expect(await names("bonjour")).toEqual(["Atelier Lumière"]);
    await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Nouveau", mail: "salut@nouveau.fr" });
    expect(await names("salut")).toEqual(["Nouveau"]);

    const removed = clone(renamed);
    delete removed.$defs.clients.properties.phone;
    version = (await rt.workspace.apply({ baseVersion: version, schema: removed, confirmDestructive: true })).version;
    expect(await names("4120")).toEqual([]); // the phone is no longer searched
    expect(await names("Merc")).toHaveLength(2);
  });
});

describe.each(testDatabases)("global search and index advice on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  beforeAll(async () => {
    database = await kind.create();
    rt = await createSeededRuntime(database.url);
  });
  afterAll(async () => {
    await rt.close();
    await database.drop();
  });

  it("finds clients, contacts, contracts and invoices from one box, grouped by table", async () => {
    const { globalSearch } = await import("@runtime/search/global-search.server");
    const { compiled } = await rt.workspace.current();
    const invoice = (await rt.records.list(SYSTEM_ACTOR, "invoices", { filter: { field: "number", op: "notEmpty" }, pageSize: 1 })).rows[0];
    const byNumber = await globalSearch(rt.records, compiled, SYSTEM_ACTOR, String(invoice.number));
    expect(byNumber.find((g) => g.table === "invoices")?.rows.map((r) => r.title)).toContain(invoice.number);
    const client = (await rt.records.list(SYSTEM_ACTOR, "clients", { pageSize: 1 })).rows[0];
    const byName = await globalSearch(rt.records, compiled, SYSTEM_ACTOR, String(client.name).slice(0, 5));
    expect(byName.find((g) => g.table === "clients")?.rows.map((r) => r.title)).toContain(client.name);
    expect(byName.every((g) => !["invoice_items", "contract_items"].includes(g.table))).toBe(true);
    expect(await globalSearch(rt.records, compiled, SYSTEM_ACTOR, "   ")).toEqual([]);
  });

  it("advises the composite index a saved view needs, and sees it served once added", async () => {
    const { indexAdviceForViews } = await import("@runtime/search/index-advice.server");
    const { compiled, version, schema } = await rt.workspace.current();
    const invoices = compiled.tablesByKey.get("invoices")!;
    const id = (key: string) => invoices.fieldsByKey.get(key)!.id;
    await rt.views.create(SYSTEM_ACTOR, invoices.id, {
      name: "A client's invoices, newest first",
      shared: true,
      state: {
        sort: `-${id("date")}`,
        filter: {
          and: [
            { field: id("client"), op: "eq", value: 1 },
            { field: id("currency"), op: "eq", value: "EUR" },
          ],
        },
      },
    });
    const advice = (await indexAdviceForViews(rt.db, compiled)).find((a) => a.reportId === undefined)!;
    expect(advice).toMatchObject({
      table: "invoices",
      view: "A client's invoices, newest first",
      columns: ["client", "currency", "date"],
      served: false,
    });
    const next = structuredClone(schema);
    next.$defs.invoices["x-indexes"] = [
      ...(next.$defs.invoices["x-indexes"] ?? []),
      { "x-id": "i_inv_client_currency_date", ...advice.entry },
    ];
    const applied = await rt.workspace.apply({ baseVersion: version, schema: next });
    expect(applied.results.map((r) => r.op)).toContain("add_index");
    const after = await indexAdviceForViews(rt.db, (await rt.workspace.current()).compiled);
    expect(after.find((a) => a.viewId === advice.viewId)?.served).toBe(true);
  });
});
