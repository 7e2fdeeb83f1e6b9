import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { signInPage } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";
import { createSqliteTestDatabase, type TestDatabase } from "../helpers/databases";

const SHOTS = process.env.SCREENSHOT_DIR;

/** The list's Export menu and the Import screen: upload, preview, mapping, dry run with problems (`npx remix build` first). */
describe("import and export in Chromium", () => {
  let database: TestDatabase;
  let server: AppServer;
  let browser: Browser | undefined;
  let page: Page;
  const browserErrors: string[] = [];

  beforeAll(async () => {
    database = await createSqliteTestDatabase();
    server = await startAppServer({ database });
    browser = await launchBrowser();
    page = await (await browser.createBrowserContext()).newPage();
    await page.setViewport({ width: 1400, height: 900 });
    page.on("pageerror", (e) => browserErrors.push(String(e)));
    await signInPage(page, server.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it("offers CSV, XLSX and a printable page of the list as shown", async () => {
    await page.goto(`${server.url}/t/clients?sort=-name`, { waitUntil: "networkidle0" });
    await page.click(".data-menu summary");
    const hrefs = await page.$$eval(".data-menu a[href*='/export.']", (as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toHaveLength(3);
    expect(hrefs[0]).toMatch(/^\/api\/t\/clients\/export\.csv\?.*sort=-name/);
    expect(hrefs[2]).toMatch(/^\/api\/t\/clients\/export\.html\?.*sort=-name/);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "list-export.png") });
  });

  it("previews, maps and dry-runs a CSV, listing each row's problems", async () => {
    await page.goto(`${server.url}/import/clients`, { waitUntil: "networkidle0" });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "import-")), "clients.csv");
    fs.writeFileSync(file, "Company;Kind;Status;Email\nAlpha Ltd;company;active;a@alpha.test\nBeta Ltd;weird;active;not-an-email\n");
    const input = await page.$("input[type=file]");
    await input!.uploadFile(file);
    await page.waitForSelector("select[aria-label='Field for Company']");
    await page.select("select[aria-label='Field for Company']", "name");
    await page.click("xpath/.//button[contains(., 'dry run')]");
    await page.waitForFunction(() => document.querySelector("[aria-label=Result]")?.textContent?.includes("done"), { timeout: 20_000 });
    const text = await page.$eval("[aria-label=Result]", (el) => el.textContent ?? "");
    expect(text).toContain("would create 1");
    expect(text).toContain("kind");
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "import-dry-run.png") });
    expect(browserErrors).toEqual([]);
  });

  it("imports the fixed file with a progress bar, then undoes it after a confirmation", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "import-")), "fixed.csv");
    fs.writeFileSync(file, "Company;Kind;Status;Email\nAlpha Ltd;company;active;a@alpha.test\nBeta Ltd;company;active;b@beta.test\n");
    await (await page.$("input[type=file]"))!.uploadFile(file);
    await page.waitForSelector("select[aria-label='Field for Company']");
    await page.select("select[aria-label='Field for Company']", "name");
    const result = () => page.$eval("[aria-label=Result]", (el) => el.textContent ?? "");
    await page.click("xpath/.//button[contains(., 'dry run')]");
    await page.waitForFunction(() => document.querySelector("[aria-label=Result]")?.textContent?.includes("would create 2"), {
      timeout: 20_000,
    });
    await page.click("xpath/.//button[contains(., 'Import as new records')]");
    await page.waitForFunction(() => /Import done.*created 2/.test(document.querySelector("[aria-label=Result]")?.textContent ?? ""), {
      timeout: 20_000,
    });
    expect(await page.$eval("[aria-label=Result] progress", (el) => [el.value, el.max])).toEqual([2, 2]);
    await page.click("xpath/.//button[contains(., 'Undo this import')]");
    await page.waitForSelector("[aria-label='Confirm undo']");
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "import-undo-confirm.png") });
    await page.click("xpath/.//button[contains(., 'Yes, undo')]");
    await page.waitForSelector("[aria-label=Result] [role=status]");
    expect(await result()).toContain("Import undone: 2 new records moved to the trash");
    expect(await page.$("xpath/.//button[contains(., 'Undo this import')]")).toBeNull();
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "import-undone.png") });
    expect(browserErrors).toEqual([]);
  });
});
