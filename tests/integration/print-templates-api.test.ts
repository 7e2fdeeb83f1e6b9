import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken, sessionHeaders, signIn } from "../helpers/auth";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { httpClient, type HttpAnswer } from "./records-http";
import { languagePack } from "@runtime/i18n/catalogs.server";
import { createTranslator } from "@runtime/i18n/translator";
import { answeredError } from "@runtime/i18n/words";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PAGE = { size: "A4", orientation: "portrait", margins: { top: 15, right: 15, bottom: 15, left: 15 } };

/** The print-template CRUD API of the designer, through the built server (`npx remix build` first). */
describe.each(testDatabases)("the print templates API on $name", ({ create }) => {
  let database: TestDatabase | undefined;
  let server: AppServer | undefined;
  let token: string | undefined;
  const call = httpClient(
    () => server!.url,
    () => token,
  );
  const ok = (answer: HttpAnswer, status = 200) => {
    expect(answer.status, `${answer.text.slice(0, 500)}\n${server!.output().slice(-2000)}`).toBe(status);
    return answer.json as Json;
  };
  const draft = (extra: Json = {}) => ({
    table: "invoices",
    name: "Short invoice",
    html: "<p>No. {{ record.number }}</p>",
    css: "p { color: #123; }",
    page: PAGE,
    ...extra,
  });

  beforeAll(async () => {
    database = await create();
    server = await startAppServer({ database });
    token = await createApiToken(server.url);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("adds a refusal's phrase for the app's own screens, which say it in Swedish; a token gets the English alone", async () => {
    const session = await signIn(server!.url);
    const asScreen = await fetch(`${server!.url}/api/prints/no-such-template`, { headers: sessionHeaders(server!.url, session) });
    expect(asScreen.status).toBe(404);
    const body = (await asScreen.json()) as Json;
    expect(body.error).toBe('there is no print template "no-such-template"');
    expect(body.words).toEqual({ key: "refusals.print.noTemplate", values: { id: "no-such-template" } });
    expect(answeredError(body, createTranslator(languagePack("sv")).t, "")).toBe('det finns ingen utskriftsmall "no-such-template"');
    const asProgram = await call("GET", "/api/prints/no-such-template");
    expect(asProgram.status).toBe(404);
    expect(asProgram.json).toEqual({ error: 'there is no print template "no-such-template"' });
  });

  it("creates, reads, renames, duplicates and deletes a template", async () => {
    const project = {
      pages: [{ frames: [{ component: { type: "wrapper", components: [{ type: "tpl-field", expression: "record.number" }] } }] }],
      styles: [],
      note: "ünïcode ✓",
    };
    const made = ok(
      await call("POST", "/api/prints", { body: draft({ project, condition: { field: "status", op: "eq", value: "issued" } }) }),
      201,
    );
    expect(made.id).toMatch(/^tpl_/);
    const read = ok(await call("GET", `/api/prints/${made.id}`));
    expect(read).toMatchObject({
      name: "Short invoice",
      table: "invoices",
      html: "<p>No. {{ record.number }}</p>",
      css: "p { color: #123; }",
      page: PAGE,
    });
    expect(read.project).toEqual(project);
    expect(read.condition).toEqual({ field: "status", op: "eq", value: "issued" });

    const renamed = ok(await call("PUT", `/api/prints/${made.id}`, { body: { name: "Short invoice (EN)" } }));
    expect(renamed.name).toBe("Short invoice (EN)");
    expect(renamed.project).toEqual(project);

    const copy = ok(await call("POST", `/api/prints/${made.id}/duplicate`), 201);
    expect(copy).toMatchObject({ name: "Short invoice (EN) (copy)", html: read.html, project });
    expect(copy.id).not.toBe(made.id);
    // Duplicated again, the copy gets a name of its own, so the Print menu can tell them apart.
    const again = ok(await call("POST", `/api/prints/${made.id}/duplicate`), 201);
    expect(again.name).toBe("Short invoice (EN) (copy 2)");
    expect((await call("DELETE", `/api/prints/${again.id}`)).status).toBe(204);
    const named = ok(await call("POST", `/api/prints/${made.id}/duplicate`, { body: { name: "Second copy" } }), 201);
    expect(named.name).toBe("Second copy");

    const list = ok(await call("GET", "/api/prints"));
    const mine = list.templates.filter((t: Json) => t.table === "invoices").map((t: Json) => t.name);
    expect(mine).toEqual(expect.arrayContaining(["Invoice", "Short invoice (EN)", "Short invoice (EN) (copy)", "Second copy"]));
    expect(list.templates.find((t: Json) => t.id === made.id).condition).toMatch(/^Only for invoices where Status is Issued/i);

    expect((await call("DELETE", `/api/prints/${copy.id}`)).status).toBe(204);
    expect((await call("GET", `/api/prints/${copy.id}`)).status).toBe(404);
    expect((await call("DELETE", `/api/prints/${copy.id}`)).status).toBe(404);
  });

  it("saves the designer's project data and HTML together, so reopening shows what was designed", async () => {
    const made = ok(await call("POST", "/api/prints", { body: draft() }), 201);
    const project = {
      assets: [],
      pages: [
        {
          id: "p1",
          frames: [
            {
              component: {
                type: "wrapper",
                components: [
                  {
                    type: "text",
                    components: [
                      { type: "textnode", content: "Payment terms " },
                      { type: "tpl-field", expression: "record.due_date | date" },
                    ],
                  },
                ],
              },
            },
          ],
        },
      ],
      styles: [{ selectors: ["#i3x"], style: { color: "red" } }],
    };
    const html = '<div id="i3x">Payment terms {{ record.due_date | date }}</div>';
    ok(await call("PUT", `/api/prints/${made.id}`, { body: { html, css: "#i3x{color:red;}", project } }));
    const read = ok(await call("GET", `/api/prints/${made.id}`));
    expect(read).toMatchObject({ html, css: "#i3x{color:red;}", project });
    // A rename keeps the design; HTML changed outside the designer drops the project data that no
    // longer matches it, so the designer reopens from the HTML.
    expect(ok(await call("PUT", `/api/prints/${made.id}`, { body: { name: "Renamed" } })).project).toEqual(project);
    const edited = ok(await call("PUT", `/api/prints/${made.id}`, { body: { html: "<p>{{ record.number }}</p>" } }));
    expect(edited.project).toBeUndefined();
    expect(ok(await call("GET", `/api/prints/${made.id}`)).project).toBeUndefined();
  });

  it("flags a template that refers to a removed field in the list", async () => {
    const made = ok(await call("POST", "/api/prints", { body: draft({ name: "Stale", html: "<p>{{ record.vat_no_gone }}</p>" }) }), 201);
    const list = ok(await call("GET", "/api/prints"));
    const entry = list.templates.find((t: Json) => t.id === made.id);
    expect(entry.problems).toEqual([expect.objectContaining({ path: "record.vat_no_gone", field: "vat_no_gone" })]);
    expect(entry.condition).toBe("Always offered");
  });

  it("refuses a Liquid template that does not parse, naming the line and the reason", async () => {
    const answer = await call("POST", "/api/prints", {
      body: draft({ html: "<p>one</p>\n<p>two</p>\n{% if record.number %}<p>never closed</p>" }),
    });
    expect(answer.status).toBe(422);
    expect(answer.json.error).toMatch(/Liquid error/);
    expect(answer.json.error).toMatch(/line:3/);
    expect(answer.json.error).toMatch(/not closed/);
    const made = ok(await call("POST", "/api/prints", { body: draft() }), 201);
    const bad = await call("PUT", `/api/prints/${made.id}`, { body: { html: "<p>{{ record.number | no_such_filter }}</p>" } });
    expect(bad.status).toBe(422);
    expect(bad.json.error).toMatch(/undefined filter: no_such_filter, line:1/);
    // Nothing of the refused change was stored.
    expect(ok(await call("GET", `/api/prints/${made.id}`)).html).toBe("<p>No. {{ record.number }}</p>");
  });

  it("strips scripts, event handlers and javascript: URLs on save", async () => {
    const html =
      '<p onclick="alert(1)">Hi {{ record.number }}</p><script>alert(2)</script><a href="javascript:alert(3)">x</a><img src="x" onerror=alert(4)>';
    const made = ok(await call("POST", "/api/prints", { body: draft({ html }) }), 201);
    const read = ok(await call("GET", `/api/prints/${made.id}`));
    expect(read.html).not.toMatch(/<script|onclick|onerror|javascript:/i);
    expect(read.html).toContain("Hi {{ record.number }}");
    const updated = ok(
      await call("PUT", `/api/prints/${made.id}`, {
        body: { page: { ...PAGE, footer: '<span onmouseover="x()">Page {{ pageNumber }}</span>' } },
      }),
    );
    expect(updated.page.footer).toBe("<span>Page {{ pageNumber }}</span>");
  });

  it("previews an unsaved draft as a PDF for a chosen record", async () => {
    const invoices = ok(await call("GET", "/api/t/invoices?pageSize=1&sort=id"));
    const response = await fetch(`${server!.url}/api/prints/preview`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ template: draft(), recordId: invoices.rows[0].id }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode((await response.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
    const broken = await call("POST", "/api/prints/preview", {
      body: { template: draft({ html: "{% for x in %}" }), recordId: invoices.rows[0].id },
    });
    expect(broken.status).toBe(422);
  });

  it("lets only administrators manage templates, and checks CSRF for a browser session", async () => {
    const admin = await signIn(server!.url);
    const email = `staff-${Date.now()}@tessera.test`;
    const added = await fetch(`${server!.url}/api/users`, {
      method: "POST",
      headers: { ...sessionHeaders(server!.url, admin), "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Staff", email, role: "staff", password: "a-long-enough-password" }),
    });
    expect(added.status).toBe(201);
    const staff = await signIn(server!.url, email, "a-long-enough-password");
    const asStaff = (method: string, path: string, body?: unknown) =>
      fetch(`${server!.url}${path}`, {
        method,
        headers: { ...sessionHeaders(server!.url, staff), "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect((await asStaff("GET", "/api/prints/invoice")).status).toBe(403);
    expect((await asStaff("POST", "/api/prints", draft())).status).toBe(403);
    expect((await asStaff("PUT", "/api/prints/invoice", { name: "Mine" })).status).toBe(403);
    expect((await asStaff("DELETE", "/api/prints/invoice")).status).toBe(403);
    expect((await asStaff("POST", "/api/prints/invoice/duplicate")).status).toBe(403);
    expect((await fetch(`${server!.url}/admin/prints`, { headers: { Cookie: staff.cookie } })).status).toBe(403);
    // The admin's own session without the CSRF token is refused.
    const noCsrf = await fetch(`${server!.url}/api/prints`, {
      method: "POST",
      headers: { Cookie: admin.cookie, Origin: server!.url, "Content-Type": "application/json" },
      body: JSON.stringify(draft()),
    });
    expect(noCsrf.status).toBe(403);
  });
});
