import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableRights } from "@runtime/auth/roles";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken, sessionHeaders, signIn, signInPage, type SignedIn } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";
import { defaultRole } from "../helpers/default-configuration";

const SCREENSHOTS = path.resolve("artifacts/screenshots");
const PASSWORD = "roles-e2e-password-1";

/**
 * Roles in real Chromium (`npx remix build` first): an accountant without the admin screens who
 * prints an invoice from its card, and a staff member who sees only the clients they manage.
 */
describe("what each role sees in Chromium", () => {
  let server: AppServer;
  let browser: Browser | undefined;
  let admin: SignedIn;
  let adminToken: string;
  const browserErrors: string[] = [];

  const api = async <T>(method: string, pathAndQuery: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.url}${pathAndQuery}`, {
      method,
      headers: { Authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${pathAndQuery}: ${response.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };
  const addUser = async (email: string, role: string): Promise<number> => {
    const response = await fetch(`${server.url}/api/users`, {
      method: "POST",
      headers: { ...sessionHeaders(server.url, admin), "Content-Type": "application/json" },
      body: JSON.stringify({ name: email.split("@")[0], email, role, password: PASSWORD }),
    });
    const text = await response.text();
    if (response.status !== 201) throw new Error(`adding ${email}: ${response.status} ${text}`);
    return (JSON.parse(text) as { user: { id: number } }).user.id;
  };
  const newPage = async (): Promise<Page> => {
    // Each role in its own incognito context: a cookie jar of its own.
    const page = await (await browser!.createBrowserContext()).newPage();
    await page.setViewport({ width: 1280, height: 800 });
    page.on("pageerror", (e) => browserErrors.push(String(e)));
    return page;
  };
  const screenshot = async (page: Page, name: string) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `roles-${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    server = await startAppServer();
    admin = await signIn(server.url);
    adminToken = await createApiToken(server.url, admin);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("keeps the accountant out of the admin screens and lets them print an invoice from its card", async () => {
    const accountant = defaultRole("accountant");
    expect(accountant.admin).toBe(false);
    expect(tableRights(accountant, "t_invoices").print).toBe(true);
    await addUser("accountant-e2e@tessera.test", "accountant");
    const page = await newPage();
    await signInPage(page, server.url, "accountant-e2e@tessera.test", PASSWORD);

    await page.goto(`${server.url}/`, { waitUntil: "networkidle0" });
    const navLinks = await page.$$eval("nav.side-nav a", (as) => as.map((a) => a.getAttribute("href")));
    expect(navLinks).toContain("/t/invoices");
    expect(navLinks).not.toContain("/admin/users");
    expect(navLinks).not.toContain("/admin/roles");
    expect(await page.$('[data-testid="admin-navigation"]')).toBeNull();
    await screenshot(page, "accountant-home");

    for (const adminPath of ["/admin/users", "/admin/roles"]) {
      const answer = await page.goto(`${server.url}${adminPath}`, { waitUntil: "networkidle0" });
      expect(answer?.status(), adminPath).toBe(403);
    }
    await screenshot(page, "accountant-admin-refused");

    // Read-only rights: no New on the list, a client card without Save or Delete and nothing to type into.
    await page.goto(`${server.url}/t/clients`, { waitUntil: "networkidle0" });
    expect(await page.$$eval(".list-header a.button", (as) => as.map((a) => a.textContent))).toEqual([]);
    const clientId = await page.$eval("table.data-grid tbody tr[data-id]", (tr) => Number(tr.getAttribute("data-id")));
    await page.goto(`${server.url}/t/clients/${clientId}`, { waitUntil: "networkidle0" });
    const actions = await page.$$eval(".card-header__actions button", (bs) => bs.map((b) => b.textContent?.trim()));
    expect(actions.filter((t) => /Save|Delete/.test(t ?? ""))).toEqual([]);
    expect(await page.$eval("#field-name", (i) => (i as HTMLInputElement).readOnly)).toBe(true);
    await screenshot(page, "accountant-client-read-only");

    const { rows } = await api<{ rows: { id: number }[] }>("GET", "/api/t/invoices?pageSize=1&sort=id");
    const invoiceId = rows[0].id;
    await page.goto(`${server.url}/t/invoices/${invoiceId}`, { waitUntil: "networkidle0" });
    await page.click(".card-header .print-menu > summary");
    await page.waitForSelector(".print-menu[open] .print-menu__panel", { visible: true });
    await screenshot(page, "accountant-print-menu");
    const href = await page.$eval(`.print-menu[open] a.print-menu__name[href^="/api/print/invoice/${invoiceId}"]`, (a) =>
      a.getAttribute("href"),
    );
    expect(href).toBeTruthy();

    // What the link answers, with the accountant's own cookies.
    const cookie = (await page.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const pdf = await fetch(`${server.url}${href}`, { headers: { Cookie: cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString("latin1"),
    ).toBe("%PDF-");
    await page.browserContext().close();
    expect(browserErrors).toEqual([]);
  }, 120_000);

  it("shows a staff member with own-records scope on clients only the clients they manage", async () => {
    // Clients need an owner field for "only records I own".
    const current = await api<{ version: number; schema: { $defs: Record<string, Record<string, unknown>> } }>("GET", "/api/schema");
    if (current.schema.$defs.clients["x-owner-field"] !== "manager") {
      const next = structuredClone(current.schema);
      next.$defs.clients["x-owner-field"] = "manager";
      await api("PUT", "/api/schema", { baseVersion: current.version, schema: next });
    }
    const staff = defaultRole("staff");
    await api("PUT", "/api/roles", {
      key: "own_clients",
      name: "Own clients",
      tables: { ...staff.tables, t_clients: { ...tableRights(staff, "t_clients"), scope: "own" } },
    });
    const ownerId = await addUser("manager-e2e@tessera.test", "own_clients");
    const mine: number[] = [];
    for (const name of ["Mine Alpha Ltd", "Mine Beta Ltd"])
      mine.push((await api<{ id: number }>("POST", "/api/t/clients", { kind: "company", name, status: "lead", manager: ownerId })).id);
    const { rows: everyone } = await api<{ rows: { id: number }[]; total: number }>("GET", "/api/t/clients?pageSize=500");
    expect(everyone.length).toBeGreaterThan(mine.length);

    const page = await newPage();
    await signInPage(page, server.url, "manager-e2e@tessera.test", PASSWORD);
    await page.goto(`${server.url}/t/clients`, { waitUntil: "networkidle0" });
    const shown = await page.$$eval("table.data-grid tbody tr[data-id]", (trs) => trs.map((tr) => Number(tr.getAttribute("data-id"))));
    expect(shown.sort((a, b) => a - b)).toEqual([...mine].sort((a, b) => a - b));
    expect(await page.$eval("table.data-grid", (t) => t.textContent ?? "")).toContain("Mine Alpha Ltd");
    await screenshot(page, "staff-own-clients");

    // Someone else's client, opened by its address, is not found.
    const other = everyone.find((r) => !mine.includes(r.id))!;
    const answer = await page.goto(`${server.url}/t/clients/${other.id}`, { waitUntil: "networkidle0" });
    expect(answer?.status()).toBe(404);
    await screenshot(page, "staff-other-client");
    await page.browserContext().close();
    expect(browserErrors).toEqual([]);
  }, 120_000);
});
