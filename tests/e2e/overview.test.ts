import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { launchBrowser } from "../helpers/browser";

const SCREENSHOTS = path.resolve("artifacts/screenshots");

describe("the workspace overview in Chromium, on a fresh SQLite database", () => {
  let server: AppServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const browserErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    page = await browser.newPage();
    await page.setViewport({ width: 1440, height: 900 });
    // Hydration mismatches and failed scripts only show up here.
    page.on("pageerror", (error) => browserErrors.push(String(error)));
    page.on("console", (message) => {
      if (message.type() === "error") browserErrors.push(message.text());
    });
    const response = await page.goto(`${server.url}/`, { waitUntil: "networkidle0" });
    if (response?.status() !== 200) throw new Error(`GET / answered ${response?.status()}\n${server.output()}`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("answers /healthz once the database is up", async () => {
    const response = await fetch(`${server!.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("shows the product name and the schema version in the header", async () => {
    const header = await page.$eval(".app-header", (el) => el.textContent ?? "");
    expect(header).toContain("Tessera");
    const { version } = (await (await fetch(`${server!.url}/api/schema`)).json()) as { version: number };
    expect(await page.$eval('[data-testid="schema-version"]', (el) => el.textContent)).toBe(`Schema v${version}`);
  });

  it("lists the seeded tables in the navigation, each linking to its card", async () => {
    const links = await page.$$eval('nav[aria-label="Tables"] .side-nav__link', (anchors) =>
      anchors.map((a) => ({ label: a.textContent?.trim() ?? "", href: a.getAttribute("href") ?? "" })),
    );
    expect(links.map((l) => l.label)).toEqual(expect.arrayContaining(["Clients", "Contracts", "Invoices"]));
    for (const link of links) {
      expect(link.href).toMatch(/^\/#[\w-]+$/);
      expect(await page.$(`[id="${link.href.slice(2)}"]`), `card for ${link.href}`).not.toBeNull();
    }
  });

  it("shows record counts from the database, with clients seeded", async () => {
    const clients = await page.$eval('[data-table="clients"] [data-record-count]', (el) => el.getAttribute("data-record-count"));
    expect(Number(clients)).toBeGreaterThan(0);
    const fieldRows = await page.$$eval('[data-table="clients"] .field-list tbody tr', (rows) => rows.length);
    expect(fieldRows).toBeGreaterThan(0);
  });

  it("jumps to a table's card from the navigation", async () => {
    await page.click('nav[aria-label="Tables"] a[href="/#invoices"]');
    await page.waitForFunction(() => location.hash === "#invoices");
    const targeted = await page.$eval("#invoices", (el) => el.matches(":target"));
    expect(targeted).toBe(true);
  });

  it("renders without browser errors, and leaves a screenshot to look at", async () => {
    await page.goto(`${server!.url}/`, { waitUntil: "networkidle0" });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, "overview.png"), fullPage: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, "overview-first-screen.png") });
    expect(fs.statSync(path.join(SCREENSHOTS, "overview.png")).size).toBeGreaterThan(10_000);
    expect(browserErrors, server!.output()).toEqual([]);
  });
});
