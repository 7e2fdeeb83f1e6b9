import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken, signInPage } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";

/**
 * Only the pages that compile validators may eval (app/utils/browser-eval.ts). A card opened from
 * a page without 'unsafe-eval' must still validate in the browser (`npx remix build` first).
 */
describe("a card reached from a page whose policy forbids eval", () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  let client: { id: number; name: string };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    const token = await createApiToken(server.url);
    const response = await fetch(`${server.url}/api/t/clients`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ kind: "company", name: "Quixotic Evalless Ltd", status: "lead" }),
    });
    client = (await response.json()) as { id: number; name: string };
    page = await browser.newPage();
    await signInPage(page, server.url);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("is loaded as a new document with the policy it needs, and checks an email before sending it", async () => {
    const search = await page.goto(`${server.url}/search?q=quixotic`, { waitUntil: "networkidle0" });
    expect(search?.headers()["content-security-policy"]).not.toContain("unsafe-eval");
    const card = `/t/clients/${client.id}`;
    const cardDocument = page.waitForResponse((r) => new URL(r.url()).pathname === card && r.request().resourceType() === "document");
    await page.click(`a[href="${card}"]`);
    expect((await cardDocument).headers()["content-security-policy"]).toContain("'unsafe-eval'");
    await page.waitForSelector("#field-email");
    await page.waitForNetworkIdle({ idleTime: 200, timeout: 15_000 });
    // The new document validates only once React has it: a save clicked before that is posted as a
    // plain form, unchecked.
    await page.waitForSelector("html[data-hydrated]");

    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.url());
    });
    await page.type("#field-email", "not-an-email");
    await page.click('.card-header button[type="submit"][value="save"]');
    const error = await page.waitForSelector(".card-field--email .card-field__error", { timeout: 10_000 });
    expect(await error!.evaluate((el) => el.textContent)).toMatch(/email/i);
    expect(posts).toEqual([]);
  });
});
