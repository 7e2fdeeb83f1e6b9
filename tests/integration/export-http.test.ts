import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken, sessionHeaders, signIn, type SignedIn } from "../helpers/auth";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { httpClient, type HttpAnswer } from "./records-http";
import { languagePack } from "@runtime/i18n/catalogs.server";
import { createTranslator } from "@runtime/i18n/translator";
import { answeredError } from "@runtime/i18n/words";

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const enc = (value: unknown) => encodeURIComponent(JSON.stringify(value));

/** `GET /api/t/:table/export.csv|xlsx` through the built app (`npx remix build` first). */
describe.each(testDatabases)("exporting a list view on $name", ({ create }) => {
  let database: TestDatabase | undefined;
  let server: AppServer | undefined;
  let token: string | undefined;
  let admin: SignedIn;
  const call = httpClient(
    () => server!.url,
    () => token,
  );
  const ok = (answer: HttpAnswer, status = 200) => {
    expect(answer.status, `${answer.text.slice(0, 500)}\n${server!.output().slice(-2000)}`).toBe(status);
    return answer.json;
  };
  const download = async (path: string, bearer = token) => {
    const response = await fetch(`${server!.url}${path}`, { headers: { Authorization: `Bearer ${bearer}` } });
    expect(response.status, path).toBe(200);
    return response;
  };
  const csvRows = async (path: string, bearer = token): Promise<string[][]> => {
    const bytes = Buffer.from(await (await download(path, bearer)).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return parse(bytes.subarray(3).toString("utf8")) as string[][];
  };

  beforeAll(async () => {
    database = await create();
    server = await startAppServer({ database });
    admin = await signIn(server.url);
    token = await createApiToken(server.url, admin);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("words its refusals for a browser session, in Swedish on its screens, and keeps the English alone for a token", async () => {
    const sv = createTranslator(languagePack("sv")).t;
    const get = (path: string, headers: Record<string, string>) => fetch(`${server!.url}${path}`, { headers });
    const column = "/api/t/clients/export.csv?columns=nope";
    const session = await get(column, sessionHeaders(server!.url, admin));
    expect(session.status).toBe(400);
    const body = (await session.json()) as Record<string, unknown>;
    expect(body.words).toEqual({ key: "refusals.export.notVisible", values: { field: "nope", table: "Clients" } });
    expect(answeredError(body, sv, "")).toBe('columns: "nope" är inget fält i Clients som du får se');
    // A Swedish reader's refusal names the table as their schema does; the English stays the stored name.
    const swedish = (await (await get(column, { ...sessionHeaders(server!.url, admin), "Accept-Language": "sv" })).json()) as Record<
      string,
      unknown
    >;
    expect(answeredError(swedish, sv, "")).toBe('columns: "nope" är inget fält i Kunder som du får se');
    expect(swedish.error).toBe('columns: "nope" is not a field of Clients you may see');
    const api = await get(column, { Authorization: `Bearer ${token}`, "Accept-Language": "sv" });
    expect(await api.json()).toEqual({ error: 'columns: "nope" is not a field of Clients you may see' });
    // A filter value the field kind refuses: the list API says it in the kind's own words.
    const filter = `/api/t/invoices?filter=${enc({ field: "due_date", op: "lt", value: "soon" })}`;
    const refused = (await (await get(filter, sessionHeaders(server!.url, admin))).json()) as Record<string, unknown>;
    expect(refused.error).toMatch(/^filter on "due_date": /);
    expect(answeredError(refused, sv, "")).toMatch(/^filter på "due_date": /);
    expect(answeredError(refused, sv, "")).not.toContain(String(refused.error).slice('filter on "due_date": '.length));
  });

  it("honours the list's filter, sort and columns in CSV", async () => {
    const filter = { field: "status", op: "eq", value: "active" };
    const list = ok(await call("GET", `/api/t/clients?filter=${enc(filter)}&sort=-name&pageSize=500`));
    const rows = await csvRows(`/api/t/clients/export.csv?filter=${enc(filter)}&sort=-name&columns=name,status,city`);
    expect(rows[0]).toEqual(["Name", "Status", "City"]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(list.rows.map((r: Row) => r.name));
    expect(rows.slice(1).every((r) => r[1] === "active")).toBe(true);
    expect(list.rows.length).toBeGreaterThan(1);
  });

  it("exports every row of the list exactly once", async () => {
    const all = ok(await call("GET", "/api/t/clients?pageSize=1")).total as number;
    const whole = ok(await call("GET", "/api/t/clients?sort=city&pageSize=500")).rows.map((r: Row) => r.name);
    const rows = await csvRows(`/api/t/clients/export.csv?columns=name&sort=city`);
    expect(rows.slice(1).map((r) => r[0])).toEqual(whole);
    expect(whole.length).toBe(all);
  });

  it("neutralises a cell a spreadsheet would run as a formula", async () => {
    const made = ok(
      await call("POST", "/api/t/clients", {
        body: { kind: "company", name: '=HYPERLINK("http://evil","x")', status: "active", city: "@SUM(A1)" },
      }),
      201,
    );
    const filter = { field: "id", op: "eq", value: made.id };
    const rows = await csvRows(`/api/t/clients/export.csv?filter=${enc(filter)}&columns=name,city`);
    expect(rows[1]).toEqual(['\'=HYPERLINK("http://evil","x")', "'@SUM(A1)"]);
    const workbook = new ExcelJS.Workbook();
    const xlsx = await download(`/api/t/clients/export.xlsx?filter=${enc(filter)}&columns=name`);
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const cell = workbook.worksheets[0].getCell("A2");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('\'=HYPERLINK("http://evil","x")');
  });

  it("exports a report as CSV and XLSX, its figures as numbers, the same as it runs", async () => {
    const spec = { table: "clients", groupBy: [{ field: "status" }], measures: [{ op: "count" }] };
    const run = ok(await call("POST", "/api/reports/run", { body: spec }));
    const rows = await csvRows(`/api/reports/export.csv?spec=${enc(spec)}`);
    expect(rows[0]).toEqual(["Status", "Count"]);
    expect(rows.slice(1).map((r) => Number(r[1]))).toEqual(run.rows.map((r: unknown[]) => r[1]));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await download(`/api/reports/export.xlsx?spec=${enc(spec)}`)).arrayBuffer());
    expect(workbook.worksheets[0].getCell("B2").type).toBe(ExcelJS.ValueType.Number);
    const refused = await fetch(`${server!.url}/api/reports/export.csv?spec=%7Bnot-json`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(400);
  });

  it("shows the list as a printable page: its columns and order, values as text, no script", async () => {
    const made = ok(
      await call("POST", "/api/t/clients", {
        body: { kind: "company", name: "<img src=x onerror=alert(1)> & Co", status: "active", city: "Cork" },
      }),
      201,
    );
    const filter = {
      or: [
        { field: "id", op: "eq", value: made.id },
        { field: "city", op: "eq", value: "Dublin" },
      ],
    };
    const response = await download(`/api/t/clients/export.html?filter=${enc(filter)}&sort=name&columns=name,city`);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^inline; filename="Clients.html"/);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain("<td>&lt;img src=x onerror=alert(1)&gt; &amp; Co</td><td>Cork</td>");
    expect(html).not.toMatch(/<img|<script/);
    const names = [...html.matchAll(/<tr><td>([^<]*)<\/td>/g)].map((m) => m[1]);
    const list = ok(await call("GET", `/api/t/clients?filter=${enc(filter)}&sort=name&pageSize=500`));
    expect(names.length).toBe(list.rows.length);
    expect(html).toContain(`<th scope="col">Name</th><th scope="col">City</th>`);
    // Money as the list shows it, in the record's currency, right-aligned.
    const invoices = await (await download(`/api/t/invoices/export.html?sort=id&columns=number,total`)).text();
    expect(invoices).toMatch(/<td class="num">(€|NOK |\$)[\d,]+\.\d\d<\/td>/);
  });

  it("speaks the reader's language on the printable page, while CSV keeps the stored names", async () => {
    const swedish = async (path: string) =>
      fetch(`${server!.url}${path}`, { headers: { Authorization: `Bearer ${token}`, "Accept-Language": "sv-SE,sv;q=0.9" } });
    const html = await (await swedish(`/api/t/clients/export.html?sort=name&columns=name,city&q=Dublin`)).text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain("<h1>Kunder</h1>");
    expect(html).toContain(`<th scope="col">Namn</th><th scope="col">Ort</th>`);
    expect(html).toContain("som matchar ”Dublin”; exporterad");
    expect(html).toMatch(/<p class="meta">\d+ poster?<\/p>/);
    expect(html).not.toMatch(/records|exported|Print this page/);
    const csv = await (await swedish(`/api/t/clients/export.csv?sort=name&columns=name,city`)).text();
    expect(csv.split("\n")[0].replace(/^\uFEFF/, "")).toBe("Name,City");
  });

  it("writes dates, numbers and money as real spreadsheet types in XLSX", async () => {
    const list = ok(await call("GET", "/api/t/invoices?sort=id&pageSize=5&expand=client"));
    const response = await download(`/api/t/invoices/export.xlsx?sort=id&columns=number,client,date,total`);
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    expect(response.headers.get("content-disposition")).toContain(".xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(["Number", "Client", "Date", "Total"]);
    const first = list.rows[0];
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe(first.number);
    expect(row.getCell(2).value).toBe(first._expanded.client.title);
    expect(row.getCell(3).type).toBe(ExcelJS.ValueType.Date);
    expect((row.getCell(3).value as Date).toISOString().slice(0, 10)).toBe(first.date);
    expect(row.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(4).value).toBeCloseTo(Number(first.total), 2);
    expect(sheet.rowCount - 1).toBe(ok(await call("GET", "/api/t/invoices?pageSize=1")).total);
  });

  it("never exports a field the role may not see", async () => {
    const url = server!.url;
    const headers = { ...sessionHeaders(url, admin), "Content-Type": "application/json" };
    const { roles } = (await (await fetch(`${url}/api/roles`, { headers })).json()) as {
      roles: { key: string; tables: Record<string, Row> }[];
    };
    const staff = roles.find((r) => r.key === "staff")!;
    const tables = {
      ...staff.tables,
      t_clients: { ...(staff.tables.t_clients ?? staff.tables["*"]), fields: { f_clients_email: "hidden" } },
    };
    expect(
      (await fetch(`${url}/api/roles`, { method: "PUT", headers, body: JSON.stringify({ key: "noemail", name: "No email", tables }) }))
        .status,
    ).toBe(200);
    const email = "export-noemail@tessera.test";
    const password = "a-long-enough-password";
    const made = await fetch(`${url}/api/users`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name: "noemail", email, role: "noemail", password }),
    });
    expect(made.status, await made.clone().text()).toBe(201);
    const restricted = await createApiToken(url, await signIn(url, email, password));
    const rows = await csvRows(`/api/t/clients/export.csv`, restricted);
    expect(rows[0]).toContain("Name");
    expect(rows[0]).not.toContain("Email");
    const adminRows = await csvRows(`/api/t/clients/export.csv`);
    expect(adminRows[0]).toContain("Email");
    const refused = await fetch(`${url}/api/t/clients/export.xlsx?columns=name,email`, {
      headers: { Authorization: `Bearer ${restricted}` },
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).not.toContain("@");
    const page = await (await download(`/api/t/clients/export.html`, restricted)).text();
    expect(page).toContain('<th scope="col">Name</th>');
    expect(page).not.toContain("Email");
  });

  it("answers a bad filter or an unknown table with a clean 4xx", async () => {
    expect((await call("GET", `/api/t/clients/export.csv?filter=${encodeURIComponent("{nope")}`)).status).toBe(400);
    expect((await call("GET", `/api/t/nope/export.xlsx`)).status).toBeGreaterThanOrEqual(400);
  });
});
