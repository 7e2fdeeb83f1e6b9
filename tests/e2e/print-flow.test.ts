import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, HTTPRequest, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken, sessionHeaders, signIn, signInPage } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";

const SCREENSHOTS = path.resolve("artifacts/screenshots");

/**
 * An accountant's printing in real Chromium: the Print menu of an invoice card (also without
 * JavaScript), and three invoices selected in the list printed by a print job into one
 * downloaded PDF and into a ZIP. Also checks over HTTP that a role without the print right is
 * refused.
 */
describe("printing from cards and lists in Chromium", () => {
  let server: AppServer;
  let browser: Browser | undefined;
  let page: Page;
  let token: string;
  let downloads: string;
  const browserErrors: string[] = [];

  const api = async <T>(pathAndQuery: string, init: RequestInit = {}) => {
    const response = await fetch(`${server.url}${pathAndQuery}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...(init.headers ?? {}) },
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  const screenshot = async (name: string) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `print-${name}.png`) });
  };

  beforeAll(async () => {
    server = await startAppServer();
    token = await createApiToken(server.url);
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    page.on("pageerror", (e) => browserErrors.push(String(e)));
    page.on("console", (m) => (m.type() === "error" ? browserErrors.push(m.text()) : undefined));
    downloads = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-downloads-"));
    const cdp = await page.createCDPSession();
    await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads });
    await signInPage(page, server.url);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (downloads) fs.rmSync(downloads, { recursive: true, force: true });
  });

  it("shows the Print menu on an invoice card, with the receipt disabled for an unpaid invoice", async () => {
    const { body } = await api<{ rows: { id: number; number: string; payment_state: string }[] }>(`/api/t/invoices?pageSize=50&sort=id`);
    const unpaid = body.rows.find((r) => r.number && r.payment_state !== "paid")!;
    await page.goto(`${server.url}/t/invoices/${unpaid.id}`, { waitUntil: "networkidle0" });
    await page.click(".card-header .print-menu > summary");
    await page.waitForSelector(".print-menu[open] .print-menu__panel", { visible: true });
    const entries = await page.$$eval(".print-menu__item", (items) =>
      items.map((li) => ({
        name: li.querySelector(".print-menu__name")!.textContent,
        href: li.querySelector("a.print-menu__name")?.getAttribute("href") ?? null,
        target: li.querySelector("a.print-menu__name")?.getAttribute("target") ?? null,
        reason: li.querySelector(".print-menu__reason")?.textContent ?? null,
      })),
    );
    await screenshot("card-menu");
    const invoice = entries.find((e) => e.href === `/api/print/invoice/${unpaid.id}.pdf`);
    expect(invoice?.target).toBe("_blank");
    const receipt = entries.find((e) => /receipt/i.test(e.name ?? ""));
    expect(receipt?.href).toBeNull();
    expect(receipt?.reason).toMatch(/^Not for this invoice: only for invoices where Payment is paid/i);

    // What the link opens: the PDF with the invoice number and the client in its name.
    const answer = await page.evaluate(async (href) => {
      const r = await fetch(`${href}?download=1`);
      return {
        status: r.status,
        type: r.headers.get("content-type"),
        disposition: r.headers.get("content-disposition"),
        head: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)),
      };
    }, invoice!.href!);
    expect(answer).toMatchObject({ status: 200, type: "application/pdf", head: "%PDF-" });
    expect(answer.disposition).toContain(`attachment; filename="${unpaid.number} `);
  });

  it("renders the Print menu without JavaScript", async () => {
    const { body } = await api<{ rows: { id: number }[] }>(`/api/t/invoices?pageSize=1&sort=id`);
    const plain = await browser!.newPage();
    await plain.setJavaScriptEnabled(false);
    await plain.setCookie(...(await page.cookies()));
    await plain.goto(`${server.url}/t/invoices/${body.rows[0].id}`, { waitUntil: "load" });
    await plain.click(".print-menu > summary");
    const hrefs = await plain.$$eval(".print-menu[open] a", (as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toContain(`/api/print/invoice/${body.rows[0].id}.pdf?download=1`);
    await plain.close();
  });

  it("prints three selected invoices from the list as a job into one downloaded PDF, then as a ZIP", async () => {
    await page.goto(`${server.url}/t/invoices`, { waitUntil: "networkidle0" });
    // Choosing rows is the list's script: a box ticked before hydration brings no bulk bar.
    await page.waitForSelector("html[data-hydrated]");
    for (const n of [1, 2, 3]) await page.click(`input[aria-label="Select row ${n}"]`);
    await page.waitForSelector(".bulk-bar .batch-print select");
    // Hold the progress polls until the progress bar has been seen, so a fast job cannot skip it.
    await page.setRequestInterception(true);
    const started: string[] = [];
    let progressSeen!: () => void;
    const seen = new Promise<void>((resolve) => (progressSeen = resolve));
    const hold = (request: HTTPRequest) => {
      if (request.isInterceptResolutionHandled()) return;
      if (request.method() === "POST" && request.url().includes("/jobs")) started.push(request.postData() ?? "");
      if (request.method() === "GET" && /\/api\/print\/jobs\/[^/]+$/.test(request.url())) void seen.then(() => request.continue());
      else void request.continue();
    };
    page.on("request", hold);
    await page.click(".bulk-bar .batch-print button");
    await page.waitForSelector(".batch-print__progress progress");
    await screenshot("list-progress");
    progressSeen();
    await page.waitForSelector(".batch-print__done a", { timeout: 30_000 });
    await screenshot("list-batch");

    expect(JSON.parse(started[0])).toMatchObject({ format: "pdf" });
    expect(JSON.parse(started[0]).ids).toHaveLength(3);
    const fileName = await page.$eval(".batch-print__done a", (a) => a.getAttribute("download"));
    expect(fileName).toBe("Invoice – 3 Invoices.pdf");
    const file = path.join(downloads, fileName!);
    await vi.waitFor(() => expect(fs.existsSync(file), `${file} downloaded`).toBe(true), { timeout: 5_000, interval: 100 });
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");

    await page.select(".batch-print label:nth-of-type(2) select", "zip");
    await page.click(".bulk-bar .batch-print button");
    await page.waitForFunction(() => document.querySelector(".batch-print__done a")?.getAttribute("download")?.endsWith(".zip"), {
      timeout: 30_000,
    });
    page.off("request", hold);
    await page.setRequestInterception(false);
    const zip = path.join(downloads, "Invoice – 3 Invoices.zip");
    await vi.waitFor(() => expect(fs.existsSync(zip), `${zip} downloaded`).toBe(true), { timeout: 5_000, interval: 100 });
    // A ZIP starts with a local file header, "PK\x03\x04".
    expect(fs.readFileSync(zip).subarray(0, 4).toString("latin1")).toBe("PK\x03\x04");
    expect(browserErrors).toEqual([]);
  });

  it("selects every invoice the list finds across pages and prints them as one job", async () => {
    await page.goto(`${server.url}/t/invoices?pageSize=25`, { waitUntil: "networkidle0" });
    await page.waitForSelector("html[data-hydrated]");
    const total = (await api<{ total: number }>("/api/t/invoices?pageSize=1")).body.total;
    expect(total).toBeGreaterThan(25);
    await page.click('input[aria-label="Select all rows on this page"]');
    // The print controls load their templates after the bar appears; the offer must not move meanwhile.
    await page.waitForSelector(".bulk-bar .batch-print button");
    const offer = await page.waitForSelector(`::-p-text(Select all ${total} matching)`);
    await offer!.click();
    await page.waitForFunction(
      (t) => document.querySelector(".bulk-bar__count")?.textContent === `All ${t} matching invoices selected`,
      {},
      total,
    );
    await screenshot("list-all-matching");
    await page.click(".bulk-bar .batch-print button");
    await page.waitForSelector(".batch-print__done a", { timeout: 60_000 });
    expect(await page.$eval(".batch-print__done a", (a) => a.getAttribute("download"))).toBe(`Invoice – ${total} Invoices.pdf`);

    // A receipt fits only the paid ones: the rest are skipped and counted, not a failed job.
    const paidFilter = encodeURIComponent(JSON.stringify({ field: "payment_state", op: "eq", value: "paid" }));
    const paid = (await api<{ total: number }>(`/api/t/invoices?pageSize=1&filter=${paidFilter}`)).body.total;
    expect(paid).toBeGreaterThan(0);
    const receipt = await page.$$eval(".bulk-bar .batch-print label:nth-of-type(1) option", (options) =>
      options.find((o) => o.textContent === "Payment receipt")?.getAttribute("value"),
    );
    await page.select(".bulk-bar .batch-print label:nth-of-type(1) select", receipt!);
    await page.click(".bulk-bar .batch-print button");
    await page.waitForFunction(
      (n) => document.querySelector(".batch-print__done a")?.getAttribute("download") === `Payment receipt – ${n} Invoices.pdf`,
      { timeout: 60_000 },
      paid,
    );
    expect(await page.$eval(".batch-print__done", (e) => e.textContent)).toContain(
      `Printed ${paid} invoices. Skipped ${total - paid} that “Payment receipt” does not apply to.`,
    );
    await screenshot("list-all-matching-skipped");
    expect(browserErrors).toEqual([]);
  }, 120_000);

  it("refuses printing (403) to a role that may read invoices but not print them", async () => {
    const roles = await api<{ roles: { key: string; tables: Record<string, Record<string, unknown>> }[] }>("/api/roles");
    const accountant = roles.body.roles.find((r) => r.key === "accountant")!;
    const tables = { ...accountant.tables, t_invoices: { ...accountant.tables.t_invoices, print: false } };
    expect(
      (await api("/api/roles", { method: "PUT", body: JSON.stringify({ key: "no_print", name: "No printing", tables }) })).status,
    ).toBe(200);
    const user = { name: "Nora Print", email: "nora@tessera.test", role: "no_print", password: "nora-password-123456" };
    expect((await api("/api/users", { method: "POST", body: JSON.stringify(user) })).status).toBe(201);

    const session = await signIn(server.url, user.email, user.password);
    const headers = sessionHeaders(server.url, session);
    const ids = (await api<{ rows: { id: number }[] }>(`/api/t/invoices?pageSize=2&sort=id`)).body.rows.map((r) => r.id);
    const one = await fetch(`${server.url}/api/print/invoice/${ids[0]}.pdf`, { headers });
    expect(one.status).toBe(403);
    expect(((await one.json()) as { error: string }).error).toMatch(/may not print Invoices/);
    const batch = await fetch(`${server.url}/api/print/invoice/batch`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ ids }),
    });
    expect(batch.status).toBe(403);
    const job = await fetch(`${server.url}/api/print/invoice/jobs`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ ids, format: "zip" }),
    });
    expect(job.status).toBe(403);
    expect(((await job.json()) as { error: string }).error).toMatch(/may not print Invoices/);
    const offered = await fetch(`${server.url}/api/prints?table=invoices&id=${ids[0]}`, { headers });
    expect(await offered.json()).toEqual({ templates: [] });
    // The card shows no Print menu to this user.
    const card = await (await fetch(`${server.url}/t/invoices/${ids[0]}`, { headers })).text();
    expect(card).toContain("card-header");
    expect(card).not.toContain("print-menu");
  });
});
