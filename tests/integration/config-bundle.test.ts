import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfigBundleService, type ConfigBundleService } from "@runtime/config-bundle/bundle.server";
import type { ConfigBundle } from "@runtime/config-bundle/bundle-format";
import type { CardLayout } from "@runtime/layouts/types";
import type { TemplatesService } from "@runtime/print/templates.server";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import type { Runtime } from "@runtime/runtime.server";
import { listTrash } from "@runtime/workspace/trash.server";
import { putSetting } from "@runtime/auth/settings.server";
import { HOME_PANELS_SETTING } from "@runtime/home/home.server";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { docx, paragraphsOf } from "../helpers/docx";
import { createSeededRuntime } from "../helpers/default-configuration";
import { rejectedApiError as rejection } from "../helpers/thrown-api-error";

/**
 * Promotes a configuration from installation A (a test copy) to B (a fresh installation of the
 * same seed) through the bundle, on every test database.
 */
const ADMIN: Actor = { ...SYSTEM_ACTOR, name: "Admin", role: "admin" };
const STAFF: Actor = { ...SYSTEM_ACTOR, name: "Staff", role: "staff", rights: { ...SYSTEM_ACTOR.rights, admin: false } };
const VAT_EXEMPT = { type: "boolean", "x-id": "f_clients_vat_exempt", "x-kind": "boolean", title: "VAT exempt" } as const;

interface Installation {
  db: TestDatabase;
  rt: Runtime;
  bundles: ConfigBundleService;
  templates: TemplatesService;
}

async function install(kind: (typeof testDatabases)[number]): Promise<Installation> {
  const db = await kind.create();
  const rt = await createSeededRuntime(db.url);
  return { db, rt, templates: rt.templates, bundles: rt.bundles };
}

describe.each(testDatabases)("configuration bundles on $name", (kind) => {
  let a: Installation;
  let b: Installation;
  let promoted: ConfigBundle;

  beforeAll(async () => {
    [a, b] = await Promise.all([install(kind), install(kind)]);
  }, 240_000);
  afterAll(async () => {
    for (const i of [a, b]) {
      await i?.rt.close();
      await i?.db.drop();
    }
  });

  it("exports the schema, card layouts, shared views and print templates of A; staff may not", async () => {
    const bundle = await a.bundles.exportBundle(ADMIN);
    expect(bundle).toMatchObject({ format: "tessera-config-bundle", formatVersion: 1, layouts: [] });
    // The seed's only view: the invoices list everyone starts from.
    expect(bundle.views.map((v) => [v.tableId, v.default])).toEqual([["t_invoices", true]]);
    // Names in other languages travel with the items (ADR 035).
    expect(bundle.views[0].translations?.sv).toEqual({ name: "Fakturor" });
    expect(bundle.templates.find((t) => t.id === "receipt")?.translations?.zh).toEqual({ name: "付款收据" });
    expect(Object.keys(bundle.schema.$defs)).toContain("clients");
    expect(bundle.templates.map((t) => t.id).sort()).toEqual(["contract", "invoice", "receipt"]);
    expect((await rejection(a.bundles.exportBundle(STAFF))).status).toBe(403);
  });

  it("carries a new field, a layout tweak, a template edit and a shared view from A into a fresh B", async () => {
    // Changes on A, as an admin would make them in the designers.
    const { version, schema } = await a.rt.workspace.current();
    const next = structuredClone(schema);
    next.$defs.clients.properties.vat_exempt = { ...VAT_EXEMPT };
    await a.rt.workspace.apply({ baseVersion: version, schema: next });
    const { layouts } = a.rt;
    const card = (await layouts.get(ADMIN, "clients")).layout as CardLayout & { elements: { label?: string }[] };
    const tweaked = structuredClone(card);
    (tweaked.elements[0] as { label?: string }).label = "Who they are";
    await layouts.save(ADMIN, "clients", tweaked);
    await a.templates.update("invoice", {
      css: `${(await a.templates.get("invoice")).css}\n.promoted { color: navy; }`,
      translations: { sv: { name: "Faktura (ny)" } },
    });
    await a.rt.views.create(ADMIN, "t_clients", {
      name: "VAT exempt",
      translations: { sv: { name: "Momsbefriade" }, hy: { name: "ԱԱՀ-ից ազատված" } },
      shared: true,
      state: { columns: ["f_clients_name", "f_clients_vat_exempt"] },
    });

    // A new rule, and a shipped one switched off.
    const welcome = await a.rt.automation.rules.create(ADMIN, {
      name: "Welcome call",
      table: "clients",
      enabled: true,
      trigger: { type: "updated", fields: ["status"] },
      condition: { field: "status", op: "eq", value: "active" },
      actions: [{ type: "create", table: "tasks", values: { subject: "Welcome {{ record.name }}", assignee: "{{ record.manager }}" } }],
    });
    const shipped = (await a.rt.automation.rules.list()).find((r) => r.name !== welcome.name)!;
    const { id, version: ruleVersion, createdAt, updatedAt, problems, ...definition } = shipped;
    void [createdAt, updatedAt, problems];
    await a.rt.automation.rules.update(ADMIN, id, { ...definition, enabled: false }, ruleVersion);

    // A's home page without its last panel.
    const panels = await a.rt.home.panels();
    await putSetting(a.rt.db, HOME_PANELS_SETTING, JSON.stringify(panels.slice(0, -1)));

    // Word templates: a new one, and one B has under the same name (other case) with other text.
    await a.rt.docx.upload(ADMIN, { name: "Contract", table: "invoices", bytes: docx(["Contract {record.number}"]) });
    await a.rt.docx.upload(ADMIN, { name: "Letter", table: "invoices", bytes: docx(["Dear {record.client.name}"]) });
    await b.rt.docx.upload(ADMIN, { name: "letter", table: "invoices", bytes: docx(["Hello"]) });

    promoted = JSON.parse(JSON.stringify(await a.bundles.exportBundle(ADMIN))) as ConfigBundle;

    expect(promoted.wordTemplates!.map((t) => [t.table, t.name, t.size])).toEqual([
      ["invoices", "Contract", expect.any(Number)],
      ["invoices", "Letter", expect.any(Number)],
    ]);
    const { baseVersion, review } = await b.bundles.review(ADMIN, promoted);
    expect(review.wordTemplates.map((t) => [t.name, t.action])).toEqual([
      ["Word template “Contract” of Invoices", "add"],
      ["Word template “Letter” of Invoices", "replace"],
    ]);
    expect(review.home).toEqual([{ key: "home", name: `Home page panels (${panels.length - 1})`, action: "replace" }]);
    expect(review.rules.filter((r) => r.action !== "unchanged").map((r) => [r.key, r.action])).toEqual([
      [shipped.name.toLowerCase(), "replace"],
      ["welcome call", "add"],
    ]);
    expect(review.needsConfirmation).toBe(false);
    expect(review.schema.steps.map((s) => s.description).join("\n")).toMatch(/VAT exempt/);
    expect(review.layouts).toEqual([{ key: "t_clients", name: "Card of Clients", action: "add" }]);
    expect(review.views.filter((v) => v.action !== "unchanged")).toEqual([
      expect.objectContaining({ name: "View “VAT exempt” of Clients", action: "add" }),
    ]);
    expect(review.templates.map((t) => [t.key, t.action]).sort()).toEqual([
      ["contract", "unchanged"],
      ["invoice", "replace"],
      ["receipt", "unchanged"],
    ]);

    const applied = await b.bundles.apply(ADMIN, promoted, { baseVersion });
    expect(applied.version).toBe(baseVersion + 1);

    const after = await b.rt.workspace.current();
    expect(after.schema.$defs.clients.properties.vat_exempt).toMatchObject({ "x-id": "f_clients_vat_exempt", "x-kind": "boolean" });
    const client = (await b.rt.records.list(ADMIN, "clients", { pageSize: 1 })).rows[0];
    expect(client).toHaveProperty("vat_exempt");
    expect((await b.rt.layouts.get(ADMIN, "clients")).layout).toEqual(tweaked);
    expect((await b.templates.get("invoice")).css).toContain(".promoted { color: navy; }");
    expect((await b.templates.get("invoice")).translations).toEqual({ sv: { name: "Faktura (ny)" } });
    const shared = (await b.rt.views.list(ADMIN, "t_clients")).find((v) => v.name === "VAT exempt");
    expect(shared).toMatchObject({ shared: true, state: { columns: ["f_clients_name", "f_clients_vat_exempt"] } });
    expect(shared?.translations).toEqual({ sv: { name: "Momsbefriade" }, hy: { name: "ԱԱՀ-ից ազատված" } });
    const rulesOfB = await b.rt.automation.rules.list();
    expect(rulesOfB.find((r) => r.name === "Welcome call")).toMatchObject({
      enabled: true,
      table: "clients",
      trigger: welcome.trigger,
      problems: [],
    });
    expect(rulesOfB.find((r) => r.name === shipped.name)).toMatchObject({ enabled: false, actions: shipped.actions });
    expect(rulesOfB.map((r) => r.name).sort()).toEqual((await a.rt.automation.rules.list()).map((r) => r.name).sort());
    expect(await b.rt.home.panels()).toEqual(await a.rt.home.panels());
    const wordTemplates = await b.rt.docx.list(ADMIN, "invoices");
    expect(wordTemplates.map((t) => t.name)).toEqual(["Contract", "Letter"]);
    const invoice = (await b.rt.records.list(ADMIN, "invoices", { pageSize: 1, sort: "id" })).rows[0];
    const filled = await b.rt.docx.fill(ADMIN, wordTemplates[1].id, invoice.id);
    expect(paragraphsOf(filled.docx)[0]).toMatch(/^Dear \S/);
  });

  it("finds nothing to do when the same bundle is imported again", async () => {
    const { baseVersion, review } = await b.bundles.review(ADMIN, promoted);
    expect(review.noChanges).toBe(true);
    expect(review.wordTemplates.map((t) => t.action)).toEqual(["unchanged", "unchanged"]);
    const { version } = await b.bundles.apply(ADMIN, promoted, { baseVersion });
    expect(version).toBe(baseVersion);
  });

  it("leaves the installation's Word templates alone when the bundle has none", async () => {
    const { wordTemplates: _carried, ...without } = structuredClone(promoted);
    void _carried;
    await b.rt.docx.upload(ADMIN, { name: "Only on B", table: "clients", bytes: docx(["{record.name}"]) });
    const { baseVersion, review } = await b.bundles.review(ADMIN, without);
    expect([review.wordTemplates, review.noChanges]).toEqual([[], true]);
    await b.bundles.apply(ADMIN, without, { baseVersion });
    expect((await b.rt.docx.list(ADMIN)).map((t) => t.name).sort()).toEqual(["Contract", "Letter", "Only on B"]);
  });

  it("matches fields by x-id: a key renamed on A is renamed on B, with B's values kept", async () => {
    const { version, schema } = await a.rt.workspace.current();
    const renamed = structuredClone(schema);
    const props = renamed.$defs.clients.properties;
    renamed.$defs.clients.properties = Object.fromEntries(
      Object.entries(props).map(([k, f]) => [k === "legal_name" ? "registered_name" : k, f]),
    );
    await a.rt.workspace.apply({ baseVersion: version, schema: renamed });
    const bundle = await a.bundles.exportBundle(ADMIN);

    const before = (await b.rt.records.list(ADMIN, "clients", { filter: { field: "legal_name", op: "notEmpty" }, pageSize: 1 })).rows[0];
    const { baseVersion, review } = await b.bundles.review(ADMIN, bundle);
    expect(review.schema.steps).toEqual([
      expect.objectContaining({ destructive: false, description: expect.stringMatching(/legal_name.*registered_name|Rename/i) }),
    ]);
    await b.bundles.apply(ADMIN, bundle, { baseVersion });
    const after = await b.rt.records.get(ADMIN, "clients", before.id);
    expect(after.registered_name).toBe(before.legal_name);
    expect(after).not.toHaveProperty("legal_name");
    promoted = JSON.parse(JSON.stringify(bundle)) as ConfigBundle;
  });

  it("refuses an invalid bundle with the JSON path of each problem", async () => {
    const broken = structuredClone(promoted) as unknown as Record<string, unknown>;
    (broken.layouts as { tableId: string }[])[0].tableId = "t_nowhere";
    const error = await rejection(b.bundles.review(ADMIN, broken));
    expect(error.status).toBe(422);
    expect((error.details as { problems: { path: string }[] }).problems).toEqual([expect.objectContaining({ path: "/layouts/0/tableId" })]);

    // A rule is checked as the rule editor checks it, against the bundle's schema.
    const badRule = structuredClone(promoted);
    const welcome = promoted.rules!.find((r) => r.name === "Welcome call")!;
    badRule.rules = [{ ...welcome, condition: { field: "no_such_field", op: "eq", value: 1 } }, welcome];
    const problems = ((await rejection(b.bundles.review(ADMIN, badRule))).details as { problems: { path: string; message: string }[] })
      .problems;
    expect(problems.map((p) => p.path)).toEqual(["/rules/0/condition", "/rules/1/name"]);
    expect(problems[1].message).toMatch(/a second rule named/);

    // So is a home panel, against the bundle's schema.
    const badPanel = structuredClone(promoted);
    badPanel.home = [{ ...promoted.home![0], kind: "list", table: "nowhere" } as (typeof badPanel.home & object)[number]];
    const panelProblems = (
      (await rejection(b.bundles.review(ADMIN, badPanel))).details as { problems: { path: string; message: string }[] }
    ).problems;
    expect(panelProblems).toEqual([{ path: "/home/0", message: expect.stringContaining('the table "nowhere" is gone') }]);

    // A Word template is read and its tags compiled as an upload is.
    const badDocx = structuredClone(promoted);
    badDocx.wordTemplates![0].content = Buffer.from("a,b\n1,2\n").toString("base64");
    badDocx.wordTemplates![1].content = docx(["{#record.items}"]).toString("base64");
    const docxProblems = ((await rejection(b.bundles.review(ADMIN, badDocx))).details as { problems: { path: string; message: string }[] })
      .problems;
    expect(docxProblems).toEqual([
      {
        path: "/wordTemplates/0/content",
        message: 'the Word template "Contract": the file is not a Word document (.docx): it is not a zip archive',
      },
      {
        path: "/wordTemplates/1/content",
        message: expect.stringMatching(/^the Word template "Letter": .*The loop with tag "record\.items" is unclosed/),
      },
    ]);
  });

  it("asks for confirmation before a bundle removes a field, then moves its values to the trash", async () => {
    // A removes the field its card layout shows: the export leaves the dangling cell out.
    const { version, schema } = await a.rt.workspace.current();
    const without = structuredClone(schema);
    delete without.$defs.clients.properties.notes;
    await a.rt.workspace.apply({ baseVersion: version, schema: without, confirmDestructive: true });
    const removing = await a.bundles.exportBundle(ADMIN);
    expect(JSON.stringify(removing.layouts)).not.toContain("f_clients_notes");
    const { baseVersion, review } = await b.bundles.review(ADMIN, removing);
    expect(review.needsConfirmation).toBe(true);
    expect(review.schema.steps.filter((s) => s.destructive)).toEqual([
      expect.objectContaining({ description: expect.stringMatching(/Notes/) }),
    ]);

    const refused = await rejection(b.bundles.apply(ADMIN, removing, { baseVersion }));
    expect(refused.status).toBe(409);
    expect(refused.message).toMatch(/removes or converts data.*confirm/);
    expect((await b.rt.workspace.current()).schema.$defs.clients.properties.notes).toBeDefined();

    await b.bundles.apply(ADMIN, removing, { baseVersion, confirmDestructive: true });
    expect((await b.rt.workspace.current()).schema.$defs.clients.properties.notes).toBeUndefined();
    expect((await listTrash(b.rt.db, { kind: "field" })).map((e) => e.field)).toContain("notes");
  });

  it("says what is in when the rest fails after the schema, and importing again finishes it", async () => {
    const { version, schema } = await a.rt.workspace.current();
    const next = structuredClone(schema);
    next.$defs.clients.properties.sector = { type: "string", "x-id": "f_clients_sector", "x-kind": "text", title: "Sector" };
    await a.rt.workspace.apply({ baseVersion: version, schema: next });
    await a.templates.update("contract", { css: `${(await a.templates.get("contract")).css}\n.sector { font-weight: bold; }` });
    const bundle = JSON.parse(JSON.stringify(await a.bundles.exportBundle(ADMIN))) as ConfigBundle;

    // B's database refuses the second part (a full disk, a lost connection).
    const broken = new Proxy(b.rt.db, {
      get: (target, prop, receiver) =>
        prop === "transaction" ? () => Promise.reject(new Error("disk full")) : Reflect.get(target, prop, receiver),
    });
    const failing = createConfigBundleService({
      db: broken,
      workspace: b.rt.workspace,
      templates: b.templates,
      rules: b.rt.automation.rules,
      home: b.rt.home,
      docx: b.rt.docx,
    });
    const { baseVersion } = await failing.review(ADMIN, bundle);
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    const error = await rejection(failing.apply(ADMIN, bundle, { baseVersion })).finally(() => (console.error = original));
    expect([error.status, error.message]).toEqual([
      503,
      `The schema was imported as version ${baseVersion + 1}, but the card layouts, shared views, print templates, rules, home panels and Word templates could not be written (the server log has the reason). Import the same file again to finish.`,
    ]);
    expect(logged).toHaveLength(1);
    expect((await b.rt.workspace.current()).schema.$defs.clients.properties.sector).toBeDefined();
    expect((await b.templates.get("contract")).css).not.toContain(".sector");

    const again = await b.bundles.review(ADMIN, bundle);
    expect(again.review.schema.changed).toBe(false);
    expect(again.review.templates.filter((t) => t.action !== "unchanged").map((t) => t.key)).toEqual(["contract"]);
    await b.bundles.apply(ADMIN, bundle, { baseVersion: again.baseVersion });
    expect((await b.templates.get("contract")).css).toContain(".sector { font-weight: bold; }");
  });

  it("refuses to apply a review made on a schema version that has moved on, and changes nothing", async () => {
    const { baseVersion } = await b.bundles.review(ADMIN, promoted);
    const { schema } = await b.rt.workspace.current();
    const meanwhile = structuredClone(schema);
    meanwhile.$defs.clients.properties.name.title = "Client name";
    await b.rt.workspace.apply({ baseVersion, schema: meanwhile });

    const error = await rejection(b.bundles.apply(ADMIN, promoted, { baseVersion, confirmDestructive: true }));
    expect(error.status).toBe(409);
    expect(error.message).toBe(
      `The schema of this installation changed since the review: the review was made on version ${baseVersion}, version ${baseVersion + 1} is current now. Nothing was imported; review the bundle again and apply the new review.`,
    );
    expect((await b.rt.workspace.current()).schema.$defs.clients.properties.name.title).toBe("Client name");
  });
});
