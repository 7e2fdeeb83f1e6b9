import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken, sessionHeaders, signIn } from "../helpers/auth";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { expectCleanError, httpClient, type HttpAnswer } from "./records-http";

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const enc = (value: unknown) => encodeURIComponent(JSON.stringify(value));

/** `POST /api/import/:table` and `GET /api/import/jobs/:id` through the built app (`npx remix build` first). */
describe.each(testDatabases)("importing a sheet on $name", ({ create }) => {
  let database: TestDatabase | undefined;
  let server: AppServer | undefined;
  let token: string | undefined;
  const call = httpClient(
    () => server!.url,
    () => token,
  );
  const ok = (answer: HttpAnswer, status = 200) => {
    expect(answer.status, `${answer.text.slice(0, 500)}\n${server!.output().slice(-2000)}`).toBe(status);
    return answer.json;
  };
  const upload = async (table: string, file: Uint8Array | string, fields: Record<string, string>, bearer = token) => {
    const form = new FormData();
    form.set("file", new Blob([typeof file === "string" ? file : new Uint8Array(file)]), "sheet");
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    const response = await fetch(`${server!.url}/api/import/${table}`, {
      method: "POST",
      body: form,
      headers: { Authorization: `Bearer ${bearer}` },
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined } as HttpAnswer;
  };
  const finished = async (jobId: string, bearer = token): Promise<Row> => {
    for (let i = 0; i < 200; i++) {
      const status = ok(await call("GET", `/api/import/jobs/${jobId}`, { headers: { Authorization: `Bearer ${bearer}` } }));
      if (status.state !== "queued" && status.state !== "running") return status;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`import ${jobId} did not finish`);
  };
  const run = async (table: string, file: Uint8Array | string, fields: Record<string, string>) =>
    finished(ok(await upload(table, file, fields), 202).jobId);
  const byName = async (name: string) =>
    ok(await call("GET", `/api/t/clients?filter=${enc({ field: "name", op: "eq", value: name })}`)).rows as Row[];

  beforeAll(async () => {
    database = await create();
    server = await startAppServer({ database });
    token = await createApiToken(server.url);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("dry-runs: every row's problems, nothing written", async () => {
    const csv =
      "Name;Kind;Status;Emäil\nDry Alpha;Company;active;a@b.test\nDry Beta;company;active;not-an-email\nDry Gamma;nonsense;active;\n";
    const status = await run("clients", csv, { mode: "dry-run" });
    // created and updated say what a real run would do.
    expect(status).toMatchObject({ state: "done", processed: 3, total: 3, created: 1, updated: 0 });
    expect(status.errors).toEqual([
      expect.objectContaining({ row: 4, field: "kind" }),
      expect.objectContaining({ row: 3, field: "email" }),
    ]);
    expect(await byName("Dry Alpha")).toEqual([]);
  });

  it("inserts a Windows-1252 CSV with quoted newlines and a mapping, each record through the records service", async () => {
    const csv = iconv.encode('Firma,Kind,Status,Notes\r\n"Café Müller",company,Active,"line one\r\nline two"\r\n', "win1252");
    const status = await run("clients", csv, { mode: "insert", mapping: JSON.stringify({ Firma: "name" }) });
    expect(status).toMatchObject({ state: "done", created: 1, errors: [] });
    const [made] = await byName("Café Müller");
    expect(made).toMatchObject({ status: "active", notes: "line one\r\nline two" });
  });

  it("upserts an XLSX by a unique key, and finds relations by title", async () => {
    const product = ok(await call("GET", "/api/t/products?pageSize=1&sort=id")).rows[0];
    const category = ok(await call("GET", "/api/t/product_categories?pageSize=1&sort=-id")).rows[0];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("x");
    sheet.addRow(["SKU", "Name", "Kind", "Category", "Price"]);
    sheet.addRow([product.sku, "Renamed by import", product.kind, category.name, 12.5]);
    sheet.addRow(["IMPORT-NEW-1", "Brand new product", product.kind, category.name, 3]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const status = await run("products", bytes, { mode: "upsert", key: "sku" });
    expect(status).toMatchObject({ state: "done", updated: 1, created: 1, errors: [] });
    expect(ok(await call("GET", `/api/t/products/${product.id}`))).toMatchObject({ name: "Renamed by import", category: category.id });
    const added = ok(await call("GET", `/api/t/products?filter=${enc({ field: "sku", op: "eq", value: "IMPORT-NEW-1" })}`)).rows;
    expect(added).toHaveLength(1);
    expect(Number(added[0].price)).toBe(3);
  });

  /** A bearer token of a new user whose role is staff with `rights` on clients. */
  const userWithClientRights = async (role: string, rights: Row) => {
    const url = server!.url;
    const admin = await signIn(url);
    const headers = { ...sessionHeaders(url, admin), "Content-Type": "application/json" };
    const { roles } = (await (await fetch(`${url}/api/roles`, { headers })).json()) as {
      roles: { key: string; tables: Record<string, Row> }[];
    };
    const staff = roles.find((r) => r.key === "staff")!;
    const base = staff.tables.t_clients ?? staff.tables["*"];
    const tables = { ...staff.tables, t_clients: { ...base, ...rights } };
    expect(
      (await fetch(`${url}/api/roles`, { method: "PUT", headers, body: JSON.stringify({ key: role, name: role, tables }) })).status,
    ).toBe(200);
    const email = `import-${role}@tessera.test`;
    const password = "a-long-enough-password";
    expect(
      (await fetch(`${url}/api/users`, { method: "POST", headers, body: JSON.stringify({ name: role, email, role, password }) })).status,
    ).toBe(201);
    return createApiToken(url, await signIn(url, email, password));
  };

  it("refuses a role without create rights", async () => {
    const reader = await userWithClientRights("readers", { create: false, update: false });
    const refused = await upload("clients", "Name\nNope Inc\n", { mode: "insert" }, reader);
    expect(refused.status).toBe(403);
    expectCleanError(refused, "import without create rights");
  });

  it("undoes an insert once: the new records go to the trash and can be restored", async () => {
    const csv = "Name,Kind,Status\nUndo Alpha,company,active\nUndo Beta,company,active\n";
    const { jobId } = ok(await upload("clients", csv, { mode: "insert" }), 202);
    expect(await finished(jobId)).toMatchObject({ state: "done", created: 2, undone: false });
    const [alpha] = await byName("Undo Alpha");
    expect(ok(await call("POST", `/api/import/jobs/${jobId}/undo`))).toEqual({ trashed: 2, restored: 0 });
    expect([...(await byName("Undo Alpha")), ...(await byName("Undo Beta"))]).toEqual([]);
    expect(ok(await call("GET", `/api/import/jobs/${jobId}`))).toMatchObject({ undone: true });
    const again = await call("POST", `/api/import/jobs/${jobId}/undo`);
    expect(again.status).toBe(409);
    expectCleanError(again, "second undo");
    expect(ok(await call("POST", `/api/t/clients/${alpha.id}/restore`))).toMatchObject({ id: alpha.id, name: "Undo Alpha" });
  });

  it("undoes an upsert: updated records get their old values back from the audit trail", async () => {
    const [product] = ok(await call("GET", "/api/t/products?pageSize=1&sort=-id")).rows as Row[];
    const csv = `SKU,Name,Kind,Price\n${product.sku},Renamed then undone,${product.kind},99\nUNDO-NEW-1,Undo new product,${product.kind},1\n`;
    const { jobId } = ok(await upload("products", csv, { mode: "upsert", key: "sku" }), 202);
    expect(await finished(jobId)).toMatchObject({ state: "done", created: 1, updated: 1, errors: [] });
    expect(ok(await call("GET", `/api/t/products/${product.id}`))).toMatchObject({ name: "Renamed then undone" });
    expect(ok(await call("POST", `/api/import/jobs/${jobId}/undo`))).toEqual({ trashed: 1, restored: 1 });
    const back = ok(await call("GET", `/api/t/products/${product.id}`));
    expect(back).toMatchObject({ name: product.name, version: product.version + 2 });
    expect(Number(back.price)).toBe(Number(product.price));
    expect(ok(await call("GET", `/api/t/products?filter=${enc({ field: "sku", op: "eq", value: "UNDO-NEW-1" })}`)).rows).toEqual([]);
  });

  it("refuses to undo, changing nothing, once a record was changed since; and a dry run", async () => {
    const csv = "Name,Kind,Status\nChanged Since,company,active\nLeft Alone,company,active\n";
    const { jobId } = ok(await upload("clients", csv, { mode: "insert" }), 202);
    await finished(jobId);
    const [changed] = await byName("Changed Since");
    ok(await call("PATCH", `/api/t/clients/${changed.id}`, { body: { notes: "edited" }, headers: { "If-Match": `"${changed.version}"` } }));
    const refused = await call("POST", `/api/import/jobs/${jobId}/undo`);
    expect(refused.status).toBe(409);
    expectCleanError(refused, "undo after a change");
    expect(refused.json.error).toContain(`#${changed.id}`);
    expect(refused.json.details.records).toEqual([expect.objectContaining({ id: changed.id })]);
    expect(await byName("Left Alone")).toHaveLength(1);
    expect(ok(await call("GET", `/api/import/jobs/${jobId}`))).toMatchObject({ undone: false });
    const dry = ok(await upload("clients", csv, { mode: "dry-run" }), 202).jobId;
    await finished(dry);
    expect((await call("POST", `/api/import/jobs/${dry}/undo`)).status).toBe(409);
  });

  it("refuses an undo to a role that may not delete, and to anyone but the importer", async () => {
    const importer = await userWithClientRights("importers", { create: true, update: true, delete: false });
    const answer = await upload("clients", "Name,Kind,Status\nNo Delete Ltd,company,active\n", { mode: "insert" }, importer);
    const { jobId } = ok(answer, 202);
    expect(await finished(jobId, importer)).toMatchObject({ state: "done", created: 1 });
    const refused = await call("POST", `/api/import/jobs/${jobId}/undo`, { headers: { Authorization: `Bearer ${importer}` } });
    expect(refused.status).toBe(403);
    expectCleanError(refused, "undo without delete rights");
    expect(await byName("No Delete Ltd")).toHaveLength(1);
    const other = await userWithClientRights("others", {});
    expect((await call("POST", `/api/import/jobs/${jobId}/undo`, { headers: { Authorization: `Bearer ${other}` } })).status).toBe(404);
  });

  it("keeps formulas and markup in cells as plain text, on screens too", async () => {
    const csv = 'Name,Kind,Status,City\n"<img src=x onerror=alert(1)>",company,active,=1+1\n"@SUM(A1) Ltd",company,active,<b>Cork</b>\n';
    const status = await run("clients", csv, { mode: "insert" });
    expect(status).toMatchObject({ state: "done", created: 2, errors: [] });
    const [img] = await byName("<img src=x onerror=alert(1)>");
    expect(img).toMatchObject({ city: "=1+1" });
    expect((await byName("@SUM(A1) Ltd"))[0]).toMatchObject({ city: "<b>Cork</b>" });
    const admin = await signIn(server!.url);
    const conditions = encodeURIComponent(JSON.stringify([["name", "eq", "<img src=x onerror=alert(1)>"]]));
    const page = await fetch(`${server!.url}/t/clients?f=${conditions}`, {
      headers: sessionHeaders(server!.url, admin),
    });
    const html = await page.text();
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain("<img src=x");
  });

  it("takes an upload larger than the old 20 MB cap, streamed to disk, in batches", async () => {
    // 1,500 rows of 15 KB: 22 MB.
    const notes = "n".repeat(15 * 1024);
    const csv = `Name,Kind,Status,Notes\n${Array.from({ length: 1500 }, (_, i) => `Big Upload ${i},company,active,${notes}`).join("\n")}\n`;
    expect(csv.length).toBeGreaterThan(20 * 1024 * 1024);
    const status = await run("clients", csv, { mode: "insert" });
    expect(status).toMatchObject({ state: "done", processed: 1500, total: 1500, created: 1500, errors: [] });
    const [last] = await byName("Big Upload 1499");
    expect(ok(await call("GET", `/api/t/clients/${last.id}`)).notes).toHaveLength(notes.length);
  }, 60_000);

  it("answers a malformed file with a clear 4xx", async () => {
    const cases: [Uint8Array | string, Record<string, string>][] = [
      ["", { mode: "insert" }],
      ['Name,Kind\n"unterminated,company\n', { mode: "insert" }],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), { mode: "insert" }],
      [new Uint8Array([0, 1, 2, 3, 0, 0, 255]), { mode: "insert" }],
      ["Nothing,Matches\n1,2\n", { mode: "insert" }],
      ["Name\nX\n", { mode: "insert", mapping: "{not json" }],
      ["Name\nX\n", { mode: "explode" }],
      ["Name\nX\n", { mode: "upsert", key: "notes" }],
    ];
    for (const [file, fields] of cases) {
      const answer = await upload("clients", file, fields);
      expect(answer.status, `${JSON.stringify(fields)}: ${answer.text}`).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expectCleanError(answer, JSON.stringify(fields));
    }
    // Too wide, too big.
    const wide = await upload("clients", `${Array.from({ length: 10_000 }, (_, i) => `C${i}`).join(",")}\n${"x,".repeat(9_999)}x\n`, {
      mode: "dry-run",
    });
    expect([wide.status, wide.json?.error]).toEqual([400, expect.stringContaining("the file has 10000 columns; at most 500")]);
    const huge = await upload("clients", `Name,Notes\nBig,"${"a".repeat(50 * 1024 * 1024)}"\n`, { mode: "insert" });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    expect(await byName("Big")).toEqual([]);
    const notMultipart = await call("POST", "/api/import/clients", { body: { file: "x" } });
    expect(notMultipart.status).toBe(415);
    expect((await call("GET", "/api/import/jobs/nope")).status).toBe(404);
  });
});
