import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken, signInPage } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";

const SCREENSHOTS = path.resolve("artifacts/screenshots");

describe("the schema overview (Administration) in Chromium, on a fresh SQLite database", () => {
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
    await signInPage(page, server.url);
    const response = await page.goto(`${server.url}/admin/overview`, { waitUntil: "networkidle0" });
    if (response?.status() !== 200) throw new Error(`GET /admin/overview answered ${response?.status()}\n${server.output()}`);
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
    const token = await createApiToken(server!.url);
    const { version } = (await (await fetch(`${server!.url}/api/schema`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      version: number;
    };
    expect(await page.$eval('[data-testid="schema-version"]', (el) => el.textContent)).toBe(`Schema v${version}`);
  });

  it("lists the seeded tables in the navigation, each linking to its list and described on the overview", async () => {
    const links = await page.$$eval('nav[aria-label="Tables"] .side-nav__link', (anchors) =>
      anchors.map((a) => ({ label: a.textContent?.trim() ?? "", href: a.getAttribute("href") ?? "" })),
    );
    expect(links.map((l) => l.label)).toEqual(expect.arrayContaining(["Clients", "Contracts", "Invoices"]));
    const tableLinks = links.filter((l) => l.href.startsWith("/t/"));
    expect(tableLinks.length).toBeGreaterThanOrEqual(10);
    for (const link of tableLinks) {
      expect(link.href).toMatch(/^\/t\/[a-z][a-z0-9_]*$/);
      expect(await page.$(`[id="${link.href.slice(3)}"]`), `overview card for ${link.href}`).not.toBeNull();
    }
  });

  it("shows record counts from the database, with clients seeded", async () => {
    const clients = await page.$eval('[data-table="clients"] [data-record-count]', (el) => el.getAttribute("data-record-count"));
    expect(Number(clients)).toBeGreaterThan(0);
    const fieldRows = await page.$$eval('[data-table="clients"] .field-list tbody tr', (rows) => rows.length);
    expect(fieldRows).toBeGreaterThan(0);
  });

  it("opens a table's list from the navigation", async () => {
    await page.click('nav[aria-label="Tables"] a[href="/t/invoices"]');
    // Remix navigates in place: wait for the list's heading rather than a page load.
    await page.waitForFunction(
      () => location.pathname === "/t/invoices" && document.querySelector("h1")?.textContent?.includes("Invoices"),
    );
    expect(await page.$$eval("tbody tr", (rows) => rows.length)).toBeGreaterThan(0);
    await page.goto(`${server!.url}/admin/overview`, { waitUntil: "networkidle0" });
  });

  it("renders without browser errors, and leaves a screenshot to look at", async () => {
    await page.goto(`${server!.url}/admin/overview`, { waitUntil: "networkidle0" });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, "overview.png"), fullPage: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, "overview-first-screen.png") });
    expect(fs.statSync(path.join(SCREENSHOTS, "overview.png")).size).toBeGreaterThan(10_000);
    expect(browserErrors, server!.output()).toEqual([]);
  });
});
