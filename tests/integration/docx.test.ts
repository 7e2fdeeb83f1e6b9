import PizZip from "pizzip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoleDefinition } from "@runtime/auth/roles";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import type { Runtime } from "@runtime/runtime.server";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken } from "../helpers/auth";
import { createPreferredTestDatabase, testDatabases, type TestDatabase } from "../helpers/databases";
import { createSeededRuntime, defaultRole } from "../helpers/default-configuration";
import { docx, paragraphsOf } from "../helpers/docx";
import { withFieldRenamed } from "../helpers/schema-edits";
import { expectCleanError, httpClient } from "./records-http";

const CONTRACT = docx([
  'Contract for invoice {record.number} of {record.date | date: "iso"}',
  "Between {company.name} and {record.client.name}",
  "{#record.items}",
  "{description}: {quantity} × {price | money}",
  "{/record.items}",
  "Total {record.total | money}",
]);

const status = (p: Promise<unknown>) =>
  p.then(
    () => "resolved",
    (e: { status?: number; message?: string }) => `${e.status} ${e.message}`,
  );

const accountant = defaultRole("accountant");
const rights = (print: boolean, scope: "all" | "own"): RoleDefinition => ({
  ...accountant,
  key: "other",
  name: "Other",
  builtin: false,
  tables: { ...accountant.tables, t_invoices: { ...accountant.tables.t_invoices, print, scope } },
});
const ADMIN: Actor = { id: null, name: "Admin", role: "admin", rights: defaultRole("admin") };
const ACCOUNTANT: Actor = { id: null, name: "Accountant", role: "accountant", rights: accountant };
const NO_PRINT: Actor = { id: null, name: "Viewer", role: "other", rights: rights(false, "all") };
// Invoices have no owner field: a role that sees only its own invoices sees none of them.
const OWN_ONLY: Actor = { id: 1, name: "Own", role: "other", rights: rights(true, "own") };

describe.each(testDatabases)("Word templates on $name", ({ create }) => {
  let database: TestDatabase;
  let rt: Runtime;
  let invoice: Record<string, unknown>;
  let templateId: string;

  beforeAll(async () => {
    database = await create();
    rt = await createSeededRuntime(database.url);
    const [row] = (await rt.records.list(SYSTEM_ACTOR, "invoices", { pageSize: 1, sort: "id" })).rows;
    invoice = await rt.records.get(SYSTEM_ACTOR, "invoices", row.id);
    templateId = (await rt.docx.upload(ADMIN, { name: "Contract", table: "invoices", bytes: CONTRACT })).id;
  }, 180_000);
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  it("fills an uploaded template for an invoice: fields, relations, one paragraph per line, money", async () => {
    const client = await rt.records.get(SYSTEM_ACTOR, "clients", invoice.client);
    const [company] = (await rt.records.list(SYSTEM_ACTOR, "company", { pageSize: 1, sort: "id" })).rows;
    const items = invoice.items as Record<string, unknown>[];
    expect(items.length).toBeGreaterThan(0);

    const { docx: filled, filename } = await rt.docx.fill(ACCOUNTANT, templateId, invoice.id);
    expect(filename).toBe(`${String(invoice.number)} Contract.docx`);
    const text = paragraphsOf(filled);
    expect(text[0]).toBe(`Contract for invoice ${String(invoice.number)} of ${String(invoice.date)}`);
    expect(text[1]).toBe(`Between ${String(company.name)} and ${String(client.name)}`);
    const lines = text.filter((p) => p.includes(" × "));
    expect(lines).toHaveLength(items.length);
    expect(lines[0]).toMatch(new RegExp(`^${String(items[0].description).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `));
    // Money as the print templates format it: grouped, two decimals, with the currency.
    expect(text.at(-1)).toMatch(/^Total \D*\d{1,3}(,\d{3})*\.\d{2}\D*$/);
    expect(text.at(-1)).not.toBe(`Total ${String(invoice.total)}`);

    expect((await rt.docx.list(ACCOUNTANT, "invoices")).map((t) => t.name)).toEqual(["Contract"]);
  });

  it("refuses an actor without the print right (403) and a record outside the actor's scope (404)", async () => {
    expect(await status(rt.docx.fill(NO_PRINT, templateId, invoice.id))).toMatch(/^403 Your role \(Other\) may not print Invoices/);
    expect(await rt.docx.list(NO_PRINT, "invoices")).toEqual([]);
    expect(await status(rt.docx.fill(OWN_ONLY, templateId, invoice.id))).toMatch(/^404 /);
    expect(await status(rt.docx.fill(ACCOUNTANT, "docx_nope", invoice.id))).toMatch(/^404 /);
    expect(await status(rt.docx.upload(ACCOUNTANT, { name: "X", table: "invoices", bytes: CONTRACT }))).toMatch(/^403 /);
  });

  it("refuses broken templates and files that are not Word documents, naming the problem (422)", async () => {
    const upload = (bytes: Uint8Array, table = "invoices") => status(rt.docx.upload(ADMIN, { name: "Broken", table, bytes }));
    expect(await upload(docx(["{#record.items}", "{description}"]))).toMatch(
      /^422 the Word template has a problem: The loop with tag "record\.items" is unclosed \(in word\/document\.xml\)$/,
    );
    expect(await upload(docx(["{record.total | shout}"]))).toMatch(/^422 .*\{record\.total \| shout\}: there is no filter "shout"/);
    expect(await upload(Buffer.from("number,client\n1,Acme\n"))).toMatch(/^422 the file is not a Word document/);
    expect(await upload(CONTRACT, "nope")).toMatch(/^422 there is no table "nope"/);
    const bomb = new PizZip(CONTRACT);
    bomb.file("word/media/zeros.bin", Buffer.alloc(65 * 1024 * 1024));
    expect(await upload(bomb.generate({ type: "nodebuffer", compression: "DEFLATE" }))).toMatch(
      /^422 the Word document unpacks to more than 64 MB/,
    );
    expect((await rt.docx.list(ADMIN)).map((t) => t.name)).toEqual(["Contract"]);
  });

  it("deletes a template; uploads and deletes are audited", async () => {
    const { id } = await rt.docx.upload(ADMIN, { name: "Letter", table: "invoices", bytes: docx(["Dear {record.client.name}"]) });
    await rt.docx.remove(ADMIN, id);
    expect(await status(rt.docx.fill(ACCOUNTANT, id, invoice.id))).toMatch(/^404 /);
    const audited = (await rt.db("crm_audit").where({ action: "template", table_key: "crm_docx_templates" }).select("changes")) as {
      changes: string;
    }[];
    expect(audited.map((a) => Object.keys(JSON.parse(a.changes))[0])).toEqual(["uploaded", "uploaded", "deleted"]);
  });

  it("follows a renamed field: a tag Word split over runs is rewritten, and the filled document still shows the value", async () => {
    // `{record.legal_name}` as Word saves it after a spell-check mark: three runs.
    const split = docx([
      "Client: {record.le</w:t></w:r><w:r><w:t>gal_na</w:t></w:r><w:r><w:t>me}",
      "{#record.contacts}{email}{/record.contacts}",
    ]);
    const { id } = await rt.docx.upload(ADMIN, { name: "Client sheet", table: "clients", bytes: split });
    const { version, schema } = await rt.workspace.current();
    const renamed = withFieldRenamed(schema, "clients", "legal_name", "registered_name");
    await rt.workspace.apply({ baseVersion: version, schema: renamed });

    const filter = { field: "registered_name", op: "notEmpty" } as const;
    const [client] = (await rt.records.list(SYSTEM_ACTOR, "clients", { filter, pageSize: 1 })).rows;
    expect(client.registered_name).toBeTruthy();
    expect(paragraphsOf((await rt.docx.fill(ADMIN, id, client.id)).docx)[0]).toBe(`Client: ${String(client.registered_name)}`);
    const audited = (await rt.db("crm_audit").where({ action: "template", table_key: "crm_docx_templates" }).select("changes")) as {
      changes: string;
    }[];
    // Only the template that names the field was rewritten.
    expect(audited.filter((a) => "renamed" in JSON.parse(a.changes))).toHaveLength(1);

    // Nothing is left naming a field the schema lacks; a tag that does is flagged for the admin.
    expect(await rt.docx.problems(ADMIN)).toEqual({});
    const typo = await rt.docx.upload(ADMIN, { name: "Typo", table: "clients", bytes: docx(["{record.legal_name}"]) });
    // Each problem also carries its words (key and values), for screens in other languages.
    expect(await rt.docx.problems(ADMIN)).toMatchObject({
      [typo.id]: [{ path: "record.legal_name", message: '{record.legal_name}: there is no field "legal_name" in Clients' }],
    });
    expect(await status(rt.docx.problems(ACCOUNTANT))).toMatch(/^403 /);
  });
});

/** The routes, through the built server (`npx remix build` first), once: MariaDB when the tests have one. */
describe("the Word templates API over HTTP", () => {
  let database: TestDatabase | undefined;
  let server: AppServer | undefined;
  let token: string | undefined;
  const call = httpClient(
    () => server!.url,
    () => token,
  );
  const upload = (name: string, bytes: Buffer) => {
    const form = new FormData();
    form.set("name", name);
    form.set("table", "invoices");
    form.set("file", new Blob([new Uint8Array(bytes)]), `${name}.docx`);
    return call("POST", "/api/docx-templates", { rawBody: form });
  };

  beforeAll(async () => {
    database = await createPreferredTestDatabase();
    server = await startAppServer({ database });
    token = await createApiToken(server.url);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("uploads, lists, fills as a download and deletes; refuses a file that is not a .docx", async () => {
    const created = await upload("Contract", CONTRACT);
    expect(created.status, created.text).toBe(201);
    const refused = await upload("Sheet", Buffer.from("a,b\n1,2\n"));
    expect(refused.status).toBe(422);
    expectCleanError(refused, "a CSV as a Word template");
    expect((await call("GET", "/api/docx-templates?table=invoices")).json.templates.map((t: { name: string }) => t.name)).toEqual([
      "Contract",
    ]);

    const [row] = (await call("GET", "/api/t/invoices?pageSize=1&sort=id")).json.rows as { id: number; number: string }[];
    const filled = await fetch(`${server!.url}/api/docx/${created.json.id}/${row.id}.docx`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(filled.status).toBe(200);
    expect(filled.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(filled.headers.get("content-disposition")).toContain(`attachment; filename="${row.number} Contract.docx"`);
    expect(paragraphsOf(Buffer.from(await filled.arrayBuffer()))[0]).toContain(row.number);

    expect((await call("DELETE", `/api/docx-templates/${created.json.id}`)).status).toBe(204);
    expect((await call("GET", `/api/docx/${created.json.id}/${row.id}.docx`)).status).toBe(404);
  });
});
