import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { signInPage } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";

const SCREENSHOTS = path.resolve("artifacts/screenshots");

/**
 * A report built, charted, drilled into, saved and put on a dashboard in real Chromium, on the
 * seeded example (`npx remix build` first). One journey, as an admin would take it.
 */
describe("reports and dashboards in Chromium", () => {
  let server: AppServer;
  let browser: Browser | undefined;
  let page: Page;
  const browserErrors: string[] = [];

  const settle = () => page.waitForNetworkIdle({ idleTime: 150 });
  const shot = async (name: string) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `reports-${name}.png`), fullPage: true });
  };
  const clickText = async (selector: string, text: string) => {
    const handles = await page.$$(selector);
    for (const h of handles) if ((await h.evaluate((e) => e.textContent?.trim())) === text) return h.click();
    throw new Error(`no ${selector} reads "${text}"`);
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    page.on("pageerror", (e) => browserErrors.push(String(e)));
    page.on("console", (m) => void (m.type() === "error" && browserErrors.push(m.text())));
    await signInPage(page, server.url);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("builds a report, switches charts, drills down, saves it and arranges it on a dashboard", async () => {
    await page.goto(`${server.url}/reports`, { waitUntil: "networkidle0" });
    // The builder is the page's script: a choice made before hydration is not heard.
    await page.waitForSelector("html[data-hydrated]");
    await page.select(".report-builder__item select", "invoices");
    await settle();
    // Each choice is a navigation, drawn after the address changes: a grouping chosen while the
    // builder still shows the first table would group that table.
    await page.waitForSelector('.report-builder[data-table="invoices"]');
    await page.select("#report-group-0", "status");
    await settle();
    // Rows of the ungrouped count are there before the grouped ones: wait for the Status column.
    await page.waitForFunction(
      () =>
        document.querySelector("[data-testid=report-table] thead th")?.textContent?.trim() === "Status" &&
        document.querySelectorAll("[data-testid=report-table] tbody tr").length > 0,
    );
    const rows = await page.$$eval("[data-testid=report-table] tbody tr", (trs) =>
      trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent?.trim() ?? "")),
    );
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(["Issued"]));
    expect(await page.$eval("[data-testid=report-chart] svg", (svg) => svg.querySelectorAll("path, rect").length)).toBeGreaterThan(0);

    for (const [chart, selector] of [
      ["Pie", "[data-testid=report-chart] .recharts-pie"],
      ["Number", "[data-testid=report-number]"],
      ["Bars", "[data-testid=report-chart] .recharts-bar"],
    ] as const) {
      await clickText(".report-chart-types button", chart);
      await page.waitForSelector(selector);
    }
    expect(new URL(page.url()).searchParams.get("chart")).toBe("bar");
    await shot("builder");

    // Drill down: the row's link opens the list of exactly the records it counts.
    const issued = rows.find((r) => r[0] === "Issued")!;
    await Promise.all([
      page.waitForNavigation({ waitUntil: "networkidle0" }),
      clickText("[data-testid=report-table] tbody th a", "Issued"),
    ]);
    expect(new URL(page.url()).pathname).toBe("/t/invoices");
    await page.waitForSelector("table.data-grid tbody tr[data-id]");
    const listed = await page.$$eval("table.data-grid tbody tr[data-id]", (trs) => trs.length);
    expect(listed).toBe(Number(issued[1]));
    await page.goBack({ waitUntil: "networkidle0" });
    await page.waitForSelector(".report-save input[name=name]");

    await page.type(".report-save input[name=name]", "Invoices by status");
    await Promise.all([page.waitForNavigation({ waitUntil: "networkidle0" }), clickText(".report-save button", "Save report")]);
    const reportPath = new URL(page.url()).pathname;
    expect(reportPath).toMatch(/^\/reports\/\d+$/);
    // The saved report is drawn after the address changes: the list of saved ones then marks it open.
    await page.waitForSelector('.reports-page__saved a[aria-current="page"]');
    expect(await page.$eval("h1", (h) => h.textContent)).toBe("Invoices by status");

    // Onto the owner's dashboard, then moved up by keyboard and saved.
    await page.goto(`${server.url}/dashboards/1`, { waitUntil: "networkidle0" });
    // Arrange is the page's script: a click before hydration is lost.
    await page.waitForSelector("html[data-hydrated]");
    const before = await page.$$eval(".dashboard-widget h2", (hs) => hs.map((h) => h.textContent));
    await clickText("button", "Arrange");
    const option = await page.$$eval(
      ".dashboard-page__add option",
      (os, name) => os.find((o) => o.textContent === name)?.getAttribute("value"),
      "Invoices by status",
    );
    await page.select(".dashboard-page__add select", option!);
    await Promise.all([page.waitForNavigation({ waitUntil: "networkidle0" }), clickText(".dashboard-page__add button", "Add")]);
    await page.waitForFunction((n) => document.querySelectorAll(".dashboard-widget h2").length === n, {}, before.length + 1);
    const added = await page.$$eval(".dashboard-widget h2", (hs) => hs.map((h) => h.textContent));
    expect(added).toEqual([...before, "Invoices by status"]);

    // Still arranging after the add: the page kept its state.
    await page.waitForSelector("[data-widget-handle]");
    const last = `w${added.length - 1}`;
    await page.focus(`[data-widget-handle=${last}]`);
    // Each key waits for what dnd-kit says of it, as a screen reader's user would: on a busy
    // machine a key pressed before the lift was measured moves nothing.
    const heard = (text: RegExp, timeout = 10_000) =>
      page.waitForFunction(
        (source) => new RegExp(source).test(document.querySelector('[id^="DndLiveRegion"]')?.textContent ?? ""),
        { timeout },
        text.source,
      );
    await page.keyboard.press("Space");
    // Lifted, it is said to be over its own place at once.
    await heard(/Picked up Invoices by status\.|Invoices by status is over Invoices by status\./);
    for (let tries = 0; ; tries++) {
      await page.keyboard.press("ArrowUp");
      const moved = await heard(/Invoices by status is over (?!Invoices by status\.)/, 3_000).then(
        () => true,
        () => false,
      );
      if (moved) break;
      if (tries === 5) throw new Error("ArrowUp never moved the widget over another");
    }
    await page.keyboard.press("Space");
    await heard(/was dropped where/);
    await page.waitForFunction(
      (n) => document.querySelectorAll(".dashboard-widget h2")[n]?.textContent !== "Invoices by status",
      {},
      added.length - 1,
    );
    await shot("dashboard-arranging");
    await Promise.all([page.waitForNavigation({ waitUntil: "networkidle0" }), clickText("button", "Save arrangement")]);
    const after = await page.$$eval(".dashboard-widget h2", (hs) => hs.map((h) => h.textContent));
    expect(after).toHaveLength(added.length);
    expect(after.indexOf("Invoices by status")).toBeLessThan(added.length - 1);
    expect(browserErrors).toEqual([]);
  }, 120_000);
});
