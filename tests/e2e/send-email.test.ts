import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken, signInPage } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";
import { startTestSmtp, type TestSmtp } from "../helpers/smtp";

const SCREENSHOTS = path.resolve("artifacts/screenshots");

/**
 * An invoice sent from its card in Chromium: the admin pages list the shipped message templates;
 * an invoice's *Send by email* starts from the shipped invoice message, the subject is changed
 * and it is sent; the server's workers deliver it to an SMTP server in this process and the
 * card's timeline shows it sent. (The mailing journey writes a template on the admin page.)
 */
describe("sending an invoice by email in Chromium", () => {
  let server: AppServer;
  let smtp: TestSmtp;
  let browser: Browser | undefined;
  let page: Page;
  let token: string;

  const screenshot = async (name: string) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `mail-${name}.png`) });
  };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    server = await startAppServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: "office@tessera.test" } });
    token = await createApiToken(server.url);
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

  it("sends an invoice with its PDF from the card and shows it on the timeline", async () => {
    await page.goto(`${server.url}/admin/mail`, { waitUntil: "networkidle0" });
    expect(await page.$eval("[data-testid=mail-templates]", (el) => el.textContent)).toContain("Payment reminder");
    await screenshot("admin-templates");

    const list = (await (
      await fetch(`${server.url}/api/t/invoices?pageSize=1&sort=id`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as {
      rows: { id: number; number: string }[];
    };
    const invoice = list.rows[0];
    await page.goto(`${server.url}/t/invoices/${invoice.id}`, { waitUntil: "networkidle0" });
    // The dialog opens from the card's script: a click before hydration is lost.
    await page.waitForSelector("html[data-hydrated]");
    await page.click("::-p-text(Send by email)");
    await page.waitForSelector("dialog.send-mail[open]", { visible: true });
    expect(await page.$eval("dialog.send-mail input[name=to]", (i) => (i as HTMLInputElement).value)).toMatch(/@/);
    expect(await page.$eval("dialog.send-mail input[name=subject]", (i) => (i as HTMLInputElement).value)).toMatch(
      new RegExp(`^Invoice ${invoice.number} from \\S`),
    );
    expect(await page.$eval("dialog.send-mail textarea[name=body]", (t) => (t as HTMLTextAreaElement).value)).toMatch(/^Dear .+,\n/);
    await screenshot("card-dialog");

    await page.$eval("dialog.send-mail input[name=subject]", (i) => ((i as HTMLInputElement).value = ""));
    await page.type("dialog.send-mail input[name=subject]", `Your invoice ${invoice.number}, as promised`);
    const answered = page.waitForResponse((r) => r.url().endsWith(`/api/t/invoices/${invoice.id}/email`));
    await page.click("dialog.send-mail button[type=submit]");
    const response = await answered;
    expect(response.status()).toBe(202);
    const { id } = (await response.json()) as { id: number };

    await smtp.waitFor(1);
    const mail = smtp.received[0];
    expect(mail.subject).toBe(`Your invoice ${invoice.number}, as promised`);
    expect(mail.attachments[0].content.subarray(0, 5).toString()).toBe("%PDF-");
    const status = await fetch(`${server.url}/api/mail/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(await status.json()).toEqual({ status: "sent" });

    await page.reload({ waitUntil: "networkidle0" });
    const item = await page.waitForSelector(".timeline__item--message");
    await item!.evaluate((li) => li.scrollIntoView({ block: "center" }));
    await screenshot("card-timeline");
    expect(await item!.evaluate((li) => li.textContent)).toMatch(new RegExp(`Your invoice ${invoice.number}, as promised to .+@.+Sent`));
  }, 60_000);
});
