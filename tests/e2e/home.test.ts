import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, TEST_ADMIN, type AppServer } from "../helpers/app-server";
import { createApiToken, sessionHeaders, signIn, signInPage, type SignedIn } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";

const SCREENSHOTS = path.resolve("artifacts/screenshots");
const PASSWORD = "home-e2e-password-1";
const DAY = 86_400_000;

/** Each person's home in real Chromium (`npx remix build` first), on a fresh seeded SQLite database. */
describe("the home page in Chromium", () => {
  let server: AppServer;
  let browser: Browser | undefined;
  let admin: SignedIn;
  let token: string;
  const browserErrors: string[] = [];

  const api = async <T>(method: string, pathAndQuery: string, body: unknown, headers: Record<string, string>): Promise<T> => {
    const response = await fetch(`${server.url}${pathAndQuery}`, {
      method,
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${pathAndQuery}: ${response.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };
  const addUser = async (email: string, role: string) =>
    (
      await api<{ user: { id: number } }>(
        "POST",
        "/api/users",
        { name: email.split("@")[0], email, role, password: PASSWORD },
        sessionHeaders(server.url, admin),
      )
    ).user.id;
  const addTask = async (subject: string, due: Date, assignee: number) =>
    (
      await api<{ id: number }>(
        "POST",
        "/api/t/tasks",
        { subject, due: due.toISOString(), assignee, status: "open" },
        { Authorization: `Bearer ${token}` },
      )
    ).id;
  const homeAs = async (email: string, password = PASSWORD): Promise<Page> => {
    // A context per person: a cookie jar of their own.
    const page = await (await browser!.createBrowserContext()).newPage();
    await page.setViewport({ width: 1280, height: 900 });
    page.on("pageerror", (e) => browserErrors.push(String(e)));
    page.on("console", (m) => void (m.type() === "error" && browserErrors.push(m.text())));
    await signInPage(page, server.url, email, password);
    await page.goto(`${server.url}/`, { waitUntil: "networkidle0" });
    return page;
  };
  const screenshot = async (page: Page, name: string) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `home-${name}.png`), fullPage: true });
  };
  const panels = (page: Page) => page.$$eval("[data-panel]", (els) => els.map((e) => e.getAttribute("data-panel")));

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    admin = await signIn(server.url);
    token = await createApiToken(server.url, admin);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows a staff user their overdue task first, and the card they opened", async () => {
    const staff = await addUser("staff-home@tessera.test", "staff");
    // The later task is created first: the order is the due time's, not the id's.
    await addTask("Send the renewal offer", new Date(Date.now() + 2 * DAY), staff);
    const overdue = await addTask("Call back about the late delivery", new Date(Date.now() - DAY), staff);
    const page = await homeAs("staff-home@tessera.test");
    const rows = await page.$$eval('[data-panel="my-tasks"] tbody tr', (trs) =>
      trs.map((tr) => ({ id: Number(tr.getAttribute("data-id")), overdue: tr.hasAttribute("data-overdue"), text: tr.textContent })),
    );
    expect(rows[0]).toMatchObject({ id: overdue, overdue: true });
    expect(rows[0].text).toContain("Overdue");
    expect(rows[1]).toMatchObject({ overdue: false });
    // Staff may not see the books or failed automation.
    expect(await panels(page)).not.toContain("receivables-aging");
    expect(await panels(page)).not.toContain("failed-runs");

    await Promise.all([
      page.waitForNavigation({ waitUntil: "networkidle0" }),
      page.click(`[data-panel="my-tasks"] tr[data-id="${overdue}"] a`),
    ]);
    await page.goto(`${server.url}/`, { waitUntil: "networkidle0" });
    expect(await page.$$eval('[data-panel="recent"] li a', (as) => as.map((a) => a.getAttribute("href")))).toEqual([`/t/tasks/${overdue}`]);
    await screenshot(page, "staff");
  }, 60_000);

  it("shows an accountant the books and an admin failed automation too", async () => {
    await addUser("accountant-home@tessera.test", "accountant");
    const accountant = await homeAs("accountant-home@tessera.test");
    expect(await panels(accountant)).toEqual(expect.arrayContaining(["overdue-invoices", "receivables-aging", "payments-this-month"]));
    expect(await panels(accountant)).not.toContain("failed-runs");
    expect(await accountant.$$eval('[data-panel="receivables-aging"] [data-bucket]', (els) => els.length)).toBe(6);
    await screenshot(accountant, "accountant");

    const adminPage = await homeAs(TEST_ADMIN.email, TEST_ADMIN.password);
    expect(await panels(adminPage)).toEqual(expect.arrayContaining(["my-tasks", "receivables-aging", "failed-runs", "dead-jobs"]));
    // The schema overview that / used to be is under Administration now.
    expect(await adminPage.$('[data-testid="admin-navigation"] a[href="/admin/overview"]')).not.toBeNull();
    await screenshot(adminPage, "admin");
    expect(browserErrors).toEqual([]);
  }, 60_000);
});
