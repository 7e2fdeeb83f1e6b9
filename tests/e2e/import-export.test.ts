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

/** The list's Export menu and the Import screen: upload, map, dry run with problems, fix, dry run clean, import with progress, undo (`npx remix build` first). */
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

  const csv = (name: string, text: string) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "import-")), name);
    fs.writeFileSync(file, text);
    return file;
  };
  const result = () => page.$eval("[aria-label=Result]", (el) => el.textContent ?? "");
  const resultShows = (pattern: RegExp) =>
    page.waitForFunction(
      (source) => new RegExp(source).test(document.querySelector("[aria-label=Result]")?.textContent ?? ""),
      {
        timeout: 20_000,
      },
      pattern.source,
    );
  /** Chooses a file and maps its first column, as the user would after each upload. */
  const upload = async (file: string) => {
    await (await page.$("input[type=file]"))!.uploadFile(file);
    await page.waitForSelector("select[aria-label='Field for Company']");
    await page.select("select[aria-label='Field for Company']", "name");
  };
  const namesInClients = (q: string) =>
    page.evaluate(async (query) => {
      const body = (await (await fetch(`/api/t/clients?q=${encodeURIComponent(query)}`)).json()) as { rows: { name: string }[] };
      return body.rows.map((r) => r.name);
    }, q);

  it("previews, maps and dry-runs a CSV, naming the row and the column of each problem", async () => {
    await page.goto(`${server.url}/import/clients`, { waitUntil: "networkidle0" });
    // The file is read by the page's script: one chosen before hydration is never previewed.
    await page.waitForSelector("html[data-hydrated]");
    await upload(
      csv(
        "clients.csv",
        "Company;Kind;Status;Email\nZephyr Imports;company;active;a@zephyr.test\nQuokka Trading;weird;active;b@quokka.test\nWombat Works;company;active;not-an-email\n",
      ),
    );
    await page.click("xpath/.//button[contains(., 'dry run')]");
    await resultShows(/done/);
    expect(await result()).toMatch(/would create 1\b.*2 rows have problems/);
    const problems = await page.$$eval("[aria-label=Problems] tbody tr", (rows) =>
      rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent ?? "")),
    );
    // Rows of the file (the header is row 1), under the file's own column names.
    expect(problems.map(([row, column]) => `${row} ${column}`)).toEqual(["3 Kind", "4 Email"]);
    expect(problems[0][2]).toContain("weird");
    expect(problems[1][2]).toMatch(/email/i);
    // The same cells are marked in the preview, whose rows carry the file's numbers.
    expect(await page.$$eval("[aria-label=Preview] td.is-problem", (tds) => tds.map((td) => td.textContent))).toEqual([
      "weird",
      "not-an-email",
    ]);
    expect(await page.$eval("xpath/.//button[contains(., 'Import as new records')]", (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "import-dry-run.png"), fullPage: true });
    expect(browserErrors).toEqual([]);
  });

  it("takes the fixed file, dry-runs it clean, imports it with a progress bar, then undoes it after a confirmation", async () => {
    await upload(
      csv(
        "fixed.csv",
        "Company;Kind;Status;Email\nZephyr Imports;company;active;a@zephyr.test\nQuokka Trading;company;active;b@quokka.test\nWombat Works;company;active;c@wombat.test\n",
      ),
    );
    // A new file is a new check: the old problems are gone until it is dry-run.
    expect(await page.$("[aria-label=Result]")).toBeNull();
    await page.click("xpath/.//button[contains(., 'dry run')]");
    await resultShows(/would create 3.*no problems/);
    expect(await page.$("[aria-label=Problems]")).toBeNull();

    await page.click("xpath/.//button[contains(., 'Import as new records')]");
    await page.waitForSelector("[aria-label=Result] progress", { visible: true });
    await resultShows(/Import done.*created 3/);
    expect(await page.$eval("[aria-label=Result] progress", (el) => [el.value, el.max])).toEqual([3, 3]);
    const imported = async () => [
      ...(await namesInClients("Zephyr Imports")),
      ...(await namesInClients("Quokka Trading")),
      ...(await namesInClients("Wombat Works")),
    ];
    expect(await imported()).toEqual(["Zephyr Imports", "Quokka Trading", "Wombat Works"]);
    // The same file cannot be imported twice by accident.
    expect(await page.$eval("xpath/.//button[contains(., 'dry run')]", (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "import-done.png"), fullPage: true });

    await page.click("xpath/.//button[contains(., 'Undo this import')]");
    await page.waitForSelector("[aria-label='Confirm undo']");
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "import-undo-confirm.png") });
    await page.click("xpath/.//button[contains(., 'Yes, undo')]");
    await page.waitForSelector("[aria-label=Result] [role=status]");
    expect(await result()).toContain("Import undone: 3 new records moved to the trash");
    expect(await page.$("xpath/.//button[contains(., 'Undo this import')]")).toBeNull();
    expect(await imported()).toEqual([]);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "import-undone.png") });
    expect(browserErrors).toEqual([]);
  });
});
