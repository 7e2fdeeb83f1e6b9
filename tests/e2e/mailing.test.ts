import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { signInPage } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";
import { startTestSmtp, type TestSmtp } from "../helpers/smtp";

const SCREENSHOTS = path.resolve("artifacts/screenshots");

/**
 * A mailing in Chromium: an admin writes a client template and raises the rate, previews the
 * mailing for one client, sends it to every client and watches the recipients go out; a recipient
 * unsubscribes on the public page, and the admin finds the address on the suppression list.
 */
describe("a mailing in Chromium", () => {
  let server: AppServer;
  let smtp: TestSmtp;
  let browser: Browser | undefined;
  let page: Page;

  const screenshot = async (name: string) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `mailing-${name}.png`), fullPage: true });
  };
  const submit = async (selector: string) => Promise.all([page.waitForNavigation({ waitUntil: "networkidle0" }), page.click(selector)]);

  beforeAll(async () => {
    smtp = await startTestSmtp();
    server = await startAppServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: "news@tessera.test" } });
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 860 });
    await signInPage(page, server.url);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  it("previews, sends to every client at the set rate, and honours an unsubscribe", async () => {
    await page.goto(`${server.url}/admin/mail`, { waitUntil: "networkidle0" });
    await page.$eval("[data-testid=mailing-rate] input[name=rate]", (i) => ((i as HTMLInputElement).value = "3000"));
    await submit("[data-testid=mailing-rate] button[type=submit]");
    const form = "[data-testid=mail-template-form]";
    await page.select(`${form} select[name=table]`, "clients");
    await page.type(`${form} input[name=name]`, "Spring news");
    await page.type(`${form} input[name=subject]`, "Spring news for {{ record.name }}");
    await page.type(`${form} textarea[name=body]`, "Dear {{ record.name }}, our spring prices are out.");
    await submit(`${form} button[type=submit]`);
    await page.waitForSelector("[data-testid=mail-templates]");
    expect(await page.$eval("[data-testid=mailing-rate] input[name=rate]", (i) => (i as HTMLInputElement).value)).toBe("3000");

    await page.click("nav ::-p-text(Mailings)");
    await page.waitForSelector("h1::-p-text(Mailings)");
    // Links navigate in the page: wait for what the new page shows, not for a navigation.
    await page.click("a::-p-text(New mailing)");
    await page.waitForSelector("[data-testid=mailing-preview]");
    // The shipped invoice and contract messages come first; this journey mails its own.
    const spring = await page.$$eval(
      "[data-testid=mailing-choice] select[name=template] option",
      (os) => (os as HTMLOptionElement[]).find((o) => o.textContent?.trim() === "Spring news")?.value ?? "",
    );
    await Promise.all([
      page.waitForFunction((id) => new URL(location.href).searchParams.get("template") === id, {}, spring),
      page.select("[data-testid=mailing-choice] select[name=template]", spring),
    ]);
    // The address changes before the page has drawn the new preview: until then the recipients
    // offered are the last template's, of another table.
    await page.waitForSelector(`[data-testid=mailing-preview][data-template="${spring}"]`);
    const second = await page.$$eval("[data-testid=mailing-choice] select[name=record] option", (os) => (os[1] as HTMLOptionElement).value);
    await Promise.all([
      page.waitForResponse((r) => r.url().includes(`record=${second}`)),
      page.select("[data-testid=mailing-choice] select[name=record]", second),
    ]);
    await page.waitForFunction((id) => new URL(location.href).searchParams.get("record") === id, {}, second);
    await page.waitForSelector(`[data-testid=mailing-preview][data-record="${second}"]`);
    const subject = await page.$eval("[data-testid=mailing-preview] dd:nth-of-type(2)", (d) => d.textContent);
    expect(subject).toMatch(/^Spring news for /);
    expect(await page.$eval("[data-testid=mailing-preview] pre", (p) => p.textContent)).toContain("/unsubscribe/");
    await screenshot("new");

    const label = await page.$eval(".mailing-send button", (b) => b.textContent ?? "");
    const total = Number(/Send to (\d+)/.exec(label)?.[1]);
    expect(total).toBeGreaterThan(5);
    await page.click(".mailing-send button");
    // The page follows the mailing by itself until every recipient is sent or skipped.
    await page.waitForSelector("[data-testid=mailing-summary] .mailing-pill--done", { timeout: 30_000 });
    expect(page.url()).toMatch(/\/mailings\/\d+$/);
    const sent = await page.$$eval("[data-testid=mailing-recipients] .mailing-pill--sent", (p) => p.length);
    expect(sent).toBeGreaterThan(0);
    expect(smtp.received.length).toBe(sent);
    await screenshot("done");

    // A recipient opens the link from their message, signed out.
    const link = /https?:\/\/\S+\/unsubscribe\/\S+/.exec(smtp.received[0].text ?? "")![0];
    const address = smtp.received[0].to && "text" in smtp.received[0].to ? smtp.received[0].to.text : "";
    const visitor = await browser!.createBrowserContext();
    const outside = await visitor.newPage();
    await outside.goto(link, { waitUntil: "networkidle0" });
    expect(await outside.$eval("main", (m) => m.textContent)).toContain(address);
    await Promise.all([outside.waitForNavigation({ waitUntil: "networkidle0" }), outside.click("button::-p-text(Unsubscribe)")]);
    await outside.waitForSelector("[data-testid=unsubscribed]");
    await visitor.close();

    await page.goto(`${server.url}/mailings/unsubscribed`, { waitUntil: "networkidle0" });
    expect(await page.$eval("[data-testid=suppressions]", (t) => t.textContent)).toContain(address);
    await screenshot("unsubscribed");
  }, 90_000);
});
