import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { signInPage } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";

const SCREENSHOTS = path.resolve("artifacts/screenshots");

/** An admin imports rates on /admin/exchange-rates: a wrong row is named and nothing is imported, then the fixed file is. */
describe("exchange rates in Chromium", () => {
  let server: AppServer;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await signInPage(page, server.url);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const importRows = async (csv: string) => {
    await page.$eval("[data-testid=import-rates] textarea", (t) => ((t as HTMLTextAreaElement).value = ""));
    await page.type("[data-testid=import-rates] textarea", csv);
    await Promise.all([page.waitForNavigation({ waitUntil: "networkidle0" }), page.click("[data-testid=import-rates] button")]);
  };
  const rateRows = () => page.$$eval("[data-testid=rates-table] tbody tr", (rows) => rows.map((r) => r.textContent ?? ""));

  it(
    "names a wrong row and imports nothing, then imports the fixed rows and saves the overpayment setting",
    { timeout: 90_000 },
    async () => {
      await page.goto(`${server.url}/admin/exchange-rates`, { waitUntil: "networkidle0" });
      const before = (await rateRows()).length;

      await importRows("2031-02-01,USD,0.91\n2031-02-01,SEK,nine\n");
      // A form sent by the page's script changes the address before the answer is drawn.
      await page.waitForSelector("[data-testid=import-errors]");
      expect(await page.$eval("[data-testid=import-errors]", (e) => e.textContent)).toMatch(
        /Nothing was imported.*Row 2: the rate must be a positive number/,
      );
      expect(await rateRows()).toHaveLength(before);

      await importRows("2031-02-01,USD,0.91\n2031-02-01,SEK,0.087\n");
      await page.waitForSelector("[role=status]");
      expect(await page.$eval("[role=status]", (e) => e.textContent)).toBe("Imported 2 rates.");
      const rows = await rateRows();
      expect(rows.slice(0, 2)).toEqual([expect.stringMatching(/2031-02-01SEK1 SEK = 0\.087 EUR/), expect.stringMatching(/2031-02-01USD/)]);

      await page.select("[data-testid=exchange-settings] select[name=overpayment]", "credit");
      await Promise.all([
        page.waitForNavigation({ waitUntil: "networkidle0" }),
        page.click("[data-testid=exchange-settings] button[type=submit]"),
      ]);
      expect(await page.$eval("[data-testid=exchange-settings] select[name=overpayment]", (s) => (s as HTMLSelectElement).value)).toBe(
        "credit",
      );
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, "exchange-rates.png"), fullPage: true });
    },
  );
});
