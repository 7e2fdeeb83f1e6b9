import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken, sessionHeaders, signIn, signInPage } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";
import { createSqliteTestDatabase, type TestDatabase } from "../helpers/databases";

const STAFF = { name: "Sam Staff", email: "sam@tessera.test", password: "a-long-enough-password" };

/**
 * An admin builds "a client becomes active → a Welcome call task for its manager" in /admin/rules;
 * staff activate a client on its card, the server's workers run the rule, and the task is on the
 * manager's My tasks with the bell ringing (`npx remix build` first).
 */
describe("rules in Chromium", () => {
  let database: TestDatabase;
  let server: AppServer;
  let browser: Browser | undefined;
  const browserErrors: string[] = [];
  let clientId = 0;

  async function newPage(): Promise<Page> {
    const context = await browser!.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    page.on("pageerror", (e) => browserErrors.push(String(e)));
    return page;
  }

  beforeAll(async () => {
    database = await createSqliteTestDatabase();
    server = await startAppServer({ database });
    const admin = await signIn(server.url);
    const added = await fetch(`${server.url}/api/users`, {
      method: "POST",
      headers: { ...sessionHeaders(server.url, admin), "Content-Type": "application/json" },
      body: JSON.stringify({ ...STAFF, role: "staff" }),
    });
    expect(added.status, await added.clone().text()).toBe(201);
    const staffId = ((await added.json()) as { user: { id: number } }).user.id;
    const token = await createApiToken(server.url, admin);
    const client = await fetch(`${server.url}/api/t/clients`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Nova Ltd", status: "lead", manager: staffId }),
    });
    expect(client.status, await client.clone().text()).toBe(201);
    clientId = ((await client.json()) as { id: number }).id;
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it("builds a welcome-call rule that acts when staff activate a client", async () => {
    const page = await newPage();
    await signInPage(page, server.url);
    await page.goto(`${server.url}/admin/rules/new`, { waitUntil: "networkidle0" });
    // Typed before hydration, the name would be lost when React takes the form over.
    await page.waitForSelector("html[data-hydrated]");
    await page.type('input[data-path="/name"]', "Welcome call for new clients");
    await page.select('select[name="table"]', "clients");
    await page.click('input[name="trigger-type"][value="updated"]');
    await page.click('[data-testid="trigger-fields"] input[value="status"]');

    await page.click(".rules-condition .filter-builder__actions button:first-child"); // "+ Add condition"
    await page.select('select[aria-label="Field of condition 1"]', "status");
    await page.select('select[aria-label="Value for Status"]', "active");
    await page.click(".rules-condition .filter-builder__actions .button:not(.button--ghost)"); // "Apply filters"
    await page.waitForFunction(() => document.querySelector('[data-testid="condition-text"]')?.textContent?.includes("Status is Active"));

    await page.click(".rules-add-action .button"); // a "Create a record" action, in Tasks
    await page.type('input[data-path="/actions/0/values/subject"]', "Welcome call");
    await page.type('input[data-path="/actions/0/values/assignee"]', "{{ record.manager");
    // Checked as it is typed: the unclosed tag is named at its field.
    await page.waitForSelector('.rules-problems[data-path="/actions/0/values/assignee"]');
    await page.type('input[data-path="/actions/0/values/assignee"]', " }}");
    await page.type('input[data-path="/actions/0/values/about_table"]', "clients");
    await page.type('input[data-path="/actions/0/values/about_id"]', "{{ record.id }}");
    await page.select('select[aria-label="Action to add"]', "notify");
    await page.click(".rules-add-action .button");
    await page.type('input[data-path="/actions/1/to"]', "manager");
    await page.type('input[data-path="/actions/1/title"]', "Welcome call for {{ record.name }}");
    await page.waitForFunction(() => document.querySelector(".rules-editor__status")?.textContent === "No problems");

    await page.click("::-p-text(Save and enable)");
    await page.waitForFunction(() => /^\/admin\/rules\/\d+$/.test(location.pathname));
    await page.goto(`${server.url}/admin/rules`, { waitUntil: "networkidle0" });
    const row = await page.$eval(".rules-list tbody", (t) => t.textContent);
    expect(row).toContain("Welcome call for new clients");
    expect(row).toContain("When Status of a client changes");

    // Staff activate the client on its card.
    const staff = await newPage();
    await signInPage(staff, server.url, STAFF.email, STAFF.password);
    await staff.goto(`${server.url}/t/clients/${clientId}`, { waitUntil: "networkidle0" });
    // Chosen before hydration, the status is in the page but not in what the card's script saves.
    await staff.waitForSelector("html[data-hydrated]");
    const bellBefore = await staff.$eval('[data-testid="notification-bell"]', (b) => b.getAttribute("aria-label"));
    expect(bellBefore).toBe("Notifications, 0 unread");
    await staff.select('select[name="status"]', "active");
    await Promise.all([
      staff.waitForNavigation({ waitUntil: "networkidle0" }),
      staff.click('.card-header button[type="submit"].button:not(.button--secondary)'),
    ]);

    // The worker runs the rule's job: wait for the task on My tasks.
    const deadline = Date.now() + 12_000;
    for (;;) {
      await staff.goto(`${server.url}/tasks`, { waitUntil: "networkidle0" });
      if ((await staff.$eval(".my-tasks", (s) => s.textContent)).includes("Welcome call")) break;
      if (Date.now() > deadline) throw new Error(`no Welcome call task on My tasks\n${server.output().slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(await staff.$eval(".my-tasks", (s) => s.textContent)).toContain("Nova Ltd");
    expect(await staff.$eval('[data-testid="notification-bell"]', (b) => b.getAttribute("aria-label"))).toBe("Notifications, 1 unread");
    expect(browserErrors).toEqual([]);
  }, 60_000);
});
