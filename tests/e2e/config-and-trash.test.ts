import { isRelation } from "@runtime/fields/structure";
import type { FieldSchema } from "@runtime/schema/types";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken, signIn, signInPage } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";

const SCREENSHOTS = path.resolve("artifacts/screenshots");
const FIELD = { table: "clients", key: "website", label: "Website" };

/**
 * An admin removes a field, finds it in the trash and restores it with its values; downloads the
 * configuration bundle and imports it back (unchanged, then with a new field); opens the diagram.
 */
describe("an admin restores from the trash, promotes a configuration and reads the diagram in Chromium", () => {
  let server: AppServer;
  let browser: Browser | undefined;
  let page: Page;
  let token: string;
  let downloads: string;
  const browserErrors: string[] = [];
  let shot = 0;

  let clientId = 0;
  let website = "";
  let bundleFile = "";

  const api = async <T>(pathAndQuery: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${server.url}${pathAndQuery}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...(init.headers ?? {}) },
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  const screenshot = async (step: string) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    shot += 1;
    await page.screenshot({ path: path.join(SCREENSHOTS, `config-${String(shot).padStart(2, "0")}-${step}.png`), fullPage: true });
  };
  const open = async (pathname: string) => {
    const response = await page.goto(`${server.url}${pathname}`, { waitUntil: "networkidle0" });
    expect(response?.status(), server.output()).toBe(200);
  };
  const textOf = (selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText);
  /** Submits a Remix form by clicking and waits for its answer to be on the page. */
  const submitAndWait = async (button: string, answer: string) => {
    await page.click(button);
    await page.waitForSelector(answer, { timeout: 20_000 });
    await page.waitForNetworkIdle({ idleTime: 200, timeout: 15_000 });
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    token = await createApiToken(server.url);
    page = await browser.newPage();
    await page.setViewport({ width: 1440, height: 900 });
    page.on("pageerror", (error) => browserErrors.push(String(error)));
    page.on("console", (message) => {
      if (message.type() === "error") browserErrors.push(message.text());
    });
    page.on("response", (response) => {
      if (response.status() >= 400) browserErrors.push(`${response.status()} ${response.url()}`);
    });
    downloads = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-downloads-"));
    const cdp = await page.createCDPSession();
    await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads });
    await signInPage(page, server.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (downloads) fs.rmSync(downloads, { recursive: true, force: true });
    expect(browserErrors).toEqual([]);
  });

  it("01 removes a field through the schema API (its values go to the trash)", async () => {
    const { body: list } = await api<{ rows: { id: number; website: string | null }[] }>(
      `/api/t/clients?pageSize=100&filter=${encodeURIComponent(JSON.stringify({ field: "website", op: "notEmpty" }))}`,
    );
    expect(list.rows.length, "demo clients with a website").toBeGreaterThan(0);
    ({ id: clientId, website: website } = list.rows[0] as { id: number; website: string });

    const { body: current } = await api<{ version: number; schema: { $defs: Record<string, { properties: Record<string, unknown> }> } }>(
      "/api/schema",
    );
    delete current.schema.$defs[FIELD.table].properties[FIELD.key];
    const unconfirmed = await api<{ error: string }>("/api/schema", {
      method: "PUT",
      body: JSON.stringify({ baseVersion: current.version, schema: current.schema }),
    });
    expect(unconfirmed.status).toBe(409);
    const removed = await api<{ version: number }>("/api/schema", {
      method: "PUT",
      body: JSON.stringify({ baseVersion: current.version, schema: current.schema, confirmDestructive: true }),
    });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    const { body: record } = await api<Record<string, unknown>>(`/api/t/clients/${clientId}`);
    expect(record).not.toHaveProperty(FIELD.key);
  });

  it("02 sees the field in the trash with when, who and how many values, and restores it", async () => {
    await open("/admin/trash");
    const row = `[data-testid="trash-schema"] tr:has(code.trash-table__key)`;
    const text = await textOf(row);
    expect(text).toContain(FIELD.label);
    expect(text).toContain("Clients");
    expect(text).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d/);
    // Who: the admin whose token applied the schema change.
    expect(text).toContain("Administrator");
    const values = Number(/(\d+) values?/.exec(text)?.[1]);
    expect(values).toBeGreaterThan(0);
    await screenshot("trash");

    await submitAndWait(`${row} button[value="restore"]`, 'p.notice[role="status"]');
    expect(await textOf('p.notice[role="status"]')).toBe(`Restored the field “${FIELD.label}” of Clients with its ${values} values.`);
    expect(await page.$(row)).toBeNull();
    await screenshot("trash-restored");
  });

  it("03 finds the value back on the client's card", async () => {
    await open(`/t/clients/${clientId}`);
    expect(await page.$eval(`#field-${FIELD.key}`, (el) => (el as HTMLInputElement).value)).toBe(website);
    await screenshot("card-restored");
  });

  it("04 downloads the configuration bundle from /admin/config", async () => {
    await open("/admin/config");
    await screenshot("config");
    await page.click('[data-testid="download-bundle"]');
    await vi.waitFor(
      () =>
        expect(
          fs.readdirSync(downloads).some((f) => f.endsWith(".json")),
          "a .json file downloaded",
        ).toBe(true),
      {
        timeout: 15_000,
        interval: 100,
      },
    );
    const name = fs.readdirSync(downloads).find((f) => f.endsWith(".json"));
    expect(name, "a downloaded .json file").toMatch(/^tessera-config-v\d+-\d{4}-\d\d-\d\d\.json$/);
    bundleFile = path.join(downloads, name!);
    const bundle = JSON.parse(fs.readFileSync(bundleFile, "utf8")) as {
      format: string;
      schema: { $defs: Record<string, { properties: Record<string, { "x-id": string }> }> };
    };
    expect(bundle.format).toBe("tessera-config-bundle");
    expect(bundle.schema.$defs.clients.properties[FIELD.key]["x-id"]).toBe("f_clients_website");

    // The other two downloads, as the page links them.
    const get = (href: string) => fetch(`${server.url}${href}`, { headers: { Authorization: `Bearer ${token}` } });
    const hrefs = await page.$$eval(".config-downloads a", (links) => links.map((a) => a.getAttribute("href")!));
    expect(hrefs).toEqual(["/api/config/bundle?download=1", "/api/config/schema", "/api/config/types"]);
    const schemaFile = await get(hrefs[1]);
    expect(schemaFile.headers.get("content-disposition")).toMatch(/^attachment; filename="workspace-schema-v\d+\.json"$/);
    expect(((await schemaFile.json()) as { $schema: string }).$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const types = await get(hrefs[2]);
    expect(types.status).toBe(200);
    const code = await types.text();
    expect(code).toContain("DO NOT EDIT: generated by Tessera from workspace schema version");
    expect(code).toMatch(/export interface ClientRecord \{[^}]*\bwebsite\?: string \| null;/s);
  });

  it("05 imports the bundle back: the review says there is nothing to change", async () => {
    const input = await page.$('[data-testid="import-form"] input[type="file"]');
    await input!.uploadFile(bundleFile);
    await submitAndWait('[data-testid="import-form"] button[value="review"]', '[data-testid="import-review"]');
    expect(await textOf('[data-testid="import-review"]')).toContain(
      "No changes: this installation already has exactly this configuration.",
    );
    expect(await page.$('[data-testid="import-review"] button[value="apply"]')).toBeNull();
    await screenshot("import-no-changes");
  });

  it("06 imports an edited bundle: the review shows the plan, apply adds the field", async () => {
    const bundle = JSON.parse(fs.readFileSync(bundleFile, "utf8")) as {
      schema: { $defs: Record<string, { properties: Record<string, unknown> }> };
    };
    bundle.schema.$defs.clients.properties.loyalty_tier = {
      type: "string",
      "x-id": "f_clients_loyalty_tier",
      "x-kind": "select",
      title: "Loyalty tier",
      enum: ["bronze", "silver", "gold"],
    };
    const edited = path.join(downloads, "edited-bundle.json");
    fs.writeFileSync(edited, JSON.stringify(bundle));
    await open("/admin/config");
    await (await page.$('[data-testid="import-form"] input[type="file"]'))!.uploadFile(edited);
    await submitAndWait('[data-testid="import-form"] button[value="review"]', '[data-testid="import-review"]');
    const review = await textOf('[data-testid="import-review"]');
    expect(review).toMatch(/Loyalty tier/);
    expect(review).toContain("none of them removes data");
    expect(await page.$('[data-testid="import-review"] .pill--danger')).toBeNull();
    expect(await page.$('[data-testid="import-review"] input[name="confirmDestructive"]')).toBeNull();
    await screenshot("import-review");
    await submitAndWait('[data-testid="import-review"] button[value="apply"]', '[data-testid="import-result"]');
    expect(await textOf('[data-testid="import-result"]')).toMatch(/^Imported edited-bundle\.json\. .*The schema is now version \d+\.$/);
    await screenshot("import-applied");
    const { body: schema } = await api<{ schema: { $defs: Record<string, { properties: Record<string, { "x-id": string }> }> } }>(
      "/api/schema",
    );
    expect(schema.schema.$defs.clients.properties.loyalty_tier["x-id"]).toBe("f_clients_loyalty_tier");
  });

  it("07 a bundle that removes a field needs confirmation; a review gone stale is refused and can be reviewed again", async () => {
    const { body: bundle } = await api<{ schema: { $defs: Record<string, { properties: Record<string, unknown> }> } }>(
      "/api/config/bundle",
    );
    delete bundle.schema.$defs.clients.properties.notes;
    const removing = path.join(downloads, "removes-notes.json");
    fs.writeFileSync(removing, JSON.stringify(bundle));
    await open("/admin/config");
    await (await page.$('[data-testid="import-form"] input[type="file"]'))!.uploadFile(removing);
    await submitAndWait('[data-testid="import-form"] button[value="review"]', '[data-testid="import-review"]');
    expect(await textOf('[data-testid="import-review"] li.is-destructive')).toMatch(/removes data\s+Remove field “Notes” from “Clients”/);
    expect(await page.$eval('input[name="confirmDestructive"]', (el) => (el as HTMLInputElement).required)).toBe(true);
    await screenshot("import-destructive");

    // Someone changes the schema while the admin reads the review.
    const { body: current } = await api<{
      version: number;
      schema: { $defs: Record<string, { properties: Record<string, { title?: string }> }> };
    }>("/api/schema");
    current.schema.$defs.clients.properties.name.title = "Client name";
    expect(
      (await api("/api/schema", { method: "PUT", body: JSON.stringify({ baseVersion: current.version, schema: current.schema }) })).status,
    ).toBe(200);

    await page.click('input[name="confirmDestructive"]');
    await submitAndWait('[data-testid="import-review"] button[value="apply"]', '[data-testid="import-problems"]');
    expect(await textOf('[data-testid="import-problems"]')).toMatch(/changed since the review.*Nothing was imported/s);
    await screenshot("import-stale");
    await submitAndWait('[data-testid="import-problems"] button[value="review"]', '[data-testid="import-review"]');
    await page.click('input[name="confirmDestructive"]');
    await submitAndWait('[data-testid="import-review"] button[value="apply"]', '[data-testid="import-result"]');
    expect(await textOf('[data-testid="import-result"]')).toMatch(/^Imported removes-notes\.json\./);
    const { body: after } = await api<{ schema: { $defs: Record<string, { properties: Record<string, { title?: string }> }> } }>(
      "/api/schema",
    );
    expect(after.schema.$defs.clients.properties.notes).toBeUndefined();
    // The bundle was exported before the rename, so applying it puts the old label back: what the review said.
    expect(after.schema.$defs.clients.properties.name.title).toBe("Name");
  });

  it("08 refuses a file that is not a bundle, naming what is wrong", async () => {
    const wrong = path.join(downloads, "not-a-bundle.json");
    fs.writeFileSync(
      wrong,
      JSON.stringify({
        format: "tessera-config-bundle",
        formatVersion: 1,
        schema: { $defs: {} },
        layouts: [{ tableId: "t_clients" }],
        views: [],
        templates: [],
      }),
    );
    await open("/admin/config");
    await (await page.$('[data-testid="import-form"] input[type="file"]'))!.uploadFile(wrong);
    await submitAndWait('[data-testid="import-form"] button[value="review"]', '[data-testid="import-problems"]');
    expect(await textOf('[data-testid="import-problems"]')).toContain('/layouts/0 needs "layout"');
    await screenshot("import-problems");
  });

  it("09 opens the schema diagram: every table a box, every relation an arrow, boxes link to the designer", async () => {
    await open("/admin/schema-diagram");
    const { body } = await api<{ schema: { $defs: Record<string, { properties: Record<string, { "x-kind": string }> }> } }>("/api/schema");
    const tables = Object.keys(body.schema.$defs);
    const relations = Object.values(body.schema.$defs).flatMap((t) =>
      Object.values(t.properties).filter((f) => isRelation(f as FieldSchema)),
    );
    expect(
      await page.$$eval('[data-testid="schema-diagram"] a[data-table]', (els) => els.map((e) => e.getAttribute("data-table"))),
    ).toEqual(tables);
    expect((await page.$$('[data-testid="schema-diagram"] path[data-relation]')).length).toBe(relations.length);
    expect(await page.$eval('a[data-table="clients"]', (el) => el.getAttribute("href"))).toBe("/admin/schema?table=clients");
    // Wide enough to see the whole diagram in one picture.
    await page.setViewport({ width: 2300, height: 1000 });
    await screenshot("diagram");
    await page.setViewport({ width: 1440, height: 900 });
  });

  it("10 plans and applies a bundle through the API; a stale base version is refused; a cookie needs the CSRF token", async () => {
    const { body: bundle } = await api<{ schema: { $defs: Record<string, { properties: Record<string, unknown> }> } }>(
      "/api/config/bundle",
    );
    bundle.schema.$defs.clients.properties.segment = { type: "string", "x-id": "f_clients_segment", "x-kind": "text", title: "Segment" };
    const planned = await api<{ baseVersion: number; review: { summary: string; needsConfirmation: boolean } }>("/api/config/bundle/plan", {
      method: "POST",
      body: JSON.stringify({ bundle }),
    });
    expect(planned.status).toBe(200);
    expect(planned.body.review).toMatchObject({
      needsConfirmation: false,
      summary: "The database changes in 1 step; none of them removes data.",
    });
    const stale = await api<{ error: string }>("/api/config/bundle", {
      method: "POST",
      body: JSON.stringify({ bundle, baseVersion: planned.body.baseVersion - 1 }),
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatch(/changed since the review.*Nothing was imported/);
    const applied = await api<{ version: number }>("/api/config/bundle", {
      method: "POST",
      body: JSON.stringify({ bundle, baseVersion: planned.body.baseVersion }),
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.version).toBe(planned.body.baseVersion + 1);

    const session = await signIn(server.url);
    const withoutCsrf = await fetch(`${server.url}/api/config/bundle/plan`, {
      method: "POST",
      headers: { Cookie: session.cookie, Origin: server.url, "Content-Type": "application/json" },
      body: JSON.stringify({ bundle }),
    });
    expect(withoutCsrf.status).toBe(403);
    const withCsrf = await fetch(`${server.url}/api/config/bundle/plan`, {
      method: "POST",
      headers: { Cookie: session.cookie, Origin: server.url, "X-CSRF-Token": session.csrfToken, "Content-Type": "application/json" },
      body: JSON.stringify({ bundle }),
    });
    expect(withCsrf.status).toBe(200);
    expect(((await withCsrf.json()) as { review: { noChanges: boolean } }).review.noChanges).toBe(true);
  });

  it("11 keeps staff out of all three pages and the bundle API", async () => {
    const staff = { email: "staff.config@tessera.test", password: "staff-password-123" };
    const created = await api("/api/users", {
      method: "POST",
      body: JSON.stringify({ name: "Sam Staff", email: staff.email, role: "staff", password: staff.password }),
    });
    expect(created.status).toBe(201);
    const session = await signIn(server.url, staff.email, staff.password);
    for (const pathname of ["/admin/trash", "/admin/config", "/admin/schema-diagram", "/api/config/bundle", "/api/config/types"]) {
      const response = await fetch(`${server.url}${pathname}`, { headers: { Cookie: session.cookie } });
      expect(response.status, pathname).toBe(403);
    }
  });
});
