import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { signInPage } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";

const SCREENSHOTS = path.resolve("artifacts/screenshots");

/**
 * Web-to-lead in Chromium: an admin publishes the leads card as a web form; a visitor with
 * JavaScript switched off sends it; the admin finds the lead, assigned by the routing rule.
 */
describe("a lead from the public web form in Chromium", () => {
  let server: AppServer;
  let browser: Browser | undefined;
  let admin: Page;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchBrowser();
    admin = await browser.newPage();
    await admin.setViewport({ width: 1280, height: 900 });
    await signInPage(admin, server.url);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("publishes the form, takes a post without JavaScript and shows the lead assigned", { timeout: 90_000 }, async () => {
    await admin.goto(`${server.url}/admin/public-forms?new=leads`, { waitUntil: "networkidle0" });
    await admin.type(".web-forms__form input[name=title]", "Talk to sales");
    await admin.type(".web-forms__form input[name=slug]", "talk-to-sales");
    await admin.click(".web-forms__form button[type=submit]");
    await admin.waitForSelector("#web-form-link");
    const link = await admin.$eval("#web-form-link", (i) => (i as HTMLInputElement).value);
    expect(link).toBe(`${server.url}/f/talk-to-sales`);

    const visitorContext = await browser!.createBrowserContext();
    const visitor = await visitorContext.newPage();
    await visitor.setJavaScriptEnabled(false);
    await visitor.goto(`${link}?utm_source=e2e&utm_campaign=trade-fair-2026`, { waitUntil: "load" });
    await visitor.type("input[name=name]", "Nuala Byrne");
    await visitor.type("input[name=company]", "Offaly County Council");
    await visitor.select("select[name=industry]", "public");
    await Promise.all([visitor.waitForNavigation({ waitUntil: "load" }), visitor.click("button[type=submit]")]);
    expect(await visitor.$eval(".public-form__thanks", (p) => p.textContent)).toMatch(/Thank you/);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await visitor.screenshot({ path: path.join(SCREENSHOTS, "public-form-thanks.png") });
    await visitorContext.close();

    // The routing rule runs on the server's workers: the card shows the owner once it has run.
    await admin.goto(`${server.url}/t/leads?q=Nuala`, { waitUntil: "networkidle0" });
    await Promise.all([admin.waitForNavigation({ waitUntil: "networkidle0" }), admin.click("::-p-text(Nuala Byrne)")]);
    const cardUrl = admin.url();
    let owner = "";
    for (let i = 0; i < 30 && !owner.includes("Anna Keane"); i++) {
      await admin.goto(cardUrl, { waitUntil: "networkidle0" });
      // Linked records show their titles in the pickers' inputs.
      owner = (await admin.$$eval("main input", (inputs) => inputs.map((i) => (i as HTMLInputElement).value))).join("\n");
      if (!owner.includes("Anna Keane")) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(owner).toContain("Anna Keane");
    expect(owner).toContain("Dublin trade fair");
    await admin.screenshot({ path: path.join(SCREENSHOTS, "public-form-lead-card.png") });
  });
});
