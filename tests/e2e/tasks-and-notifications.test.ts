import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_TABLES } from "@runtime/db/system-tables.server";
import { SYSTEM_ACTOR } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { startAppServer, TEST_ADMIN, type AppServer } from "../helpers/app-server";
import { signInPage } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";
import { createSqliteTestDatabase, type TestDatabase } from "../helpers/databases";

/**
 * A task due in the past rings the bell once the due rules run, and Done on My tasks closes it
 * (`npx remix build` first). The server's own workers are off: the test runs the due rules.
 */
describe("tasks and notifications in Chromium", () => {
  let database: TestDatabase;
  let server: AppServer;
  let rt: Runtime;
  let browser: Browser | undefined;
  let page: Page;
  const browserErrors: string[] = [];
  const bellLabel = () => page.$eval('[data-testid="notification-bell"]', (b) => b.getAttribute("aria-label"));

  beforeAll(async () => {
    database = await createSqliteTestDatabase();
    server = await startAppServer({ database, env: { TESSERA_WORKERS: "0" } });
    rt = await createRuntime({ databaseUrl: database.url });
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    page.on("pageerror", (e) => browserErrors.push(String(e)));
    await signInPage(page, server.url);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await rt?.close();
    await server?.stop();
    await database?.drop();
  });

  it("rings the bell for a task that fell due, and Done on My tasks closes it", async () => {
    const admin = (await rt.db(SYSTEM_TABLES.users).where({ email: TEST_ADMIN.email }).first("id")) as { id: number };
    const task = await rt.records.create(SYSTEM_ACTOR, "tasks", {
      subject: "Renew the domain",
      due: new Date(Date.now() - 3_600_000).toISOString(),
      assignee: Number(admin.id),
    });
    await page.goto(`${server.url}/tasks`, { waitUntil: "networkidle0" });
    // The bell listens for the window's focus once the page has hydrated: a focus before is unheard.
    await page.waitForSelector("html[data-hydrated]");
    expect(await bellLabel()).toBe("Notifications, 0 unread");
    expect(await page.$eval(".my-tasks__group--overdue", (g) => g.textContent)).toContain("Renew the domain");

    await rt.automation.runDue();
    // The bell refreshes when the window regains focus.
    await page.evaluate(() => window.dispatchEvent(new Event("focus")));
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="notification-bell"]')?.getAttribute("aria-label")?.endsWith(" 1 unread"),
    );
    await page.click('[data-testid="notification-bell"]');
    await page.waitForSelector(".bell__item--unread");
    expect(await page.$eval(".bell__item--unread .bell__link", (a) => [a.textContent, a.getAttribute("href")])).toEqual([
      expect.stringContaining("Task due: Renew the domain"),
      `/t/tasks/${task.id}`,
    ]);
    await page.click('button[aria-label="Mark read: Task due: Renew the domain"]');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="notification-bell"]')?.getAttribute("aria-label")?.endsWith(" 0 unread"),
    );
    await page.keyboard.press("Escape");

    await page.click('button[aria-label="Done: Renew the domain"]');
    await page.waitForFunction(() => !document.querySelector(`[data-task]`));
    expect(await page.$eval(".my-tasks__empty", (e) => e.textContent)).toContain("all caught up");
    expect(await rt.records.get(SYSTEM_ACTOR, "tasks", task.id)).toMatchObject({ status: "done", done_at: expect.any(String) });
    expect((await rt.automation.notifications.list(Number(admin.id))).unread).toBe(0);
    expect(browserErrors).toEqual([]);
  });
});
