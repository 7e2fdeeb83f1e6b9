import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken, signInPage } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";

const SCREENSHOTS = path.resolve("artifacts/screenshots");
const SEARCH_TERM = "GmbH";
const CONTACT = { first: "Ada", last: "Fairweather" };
// Quantities and prices with cents, so a rounding or parsing slip shows in the total.
const LINES = [
  { description: "Installation, first floor", quantity: "3", price: "120.50", taxRate: "23" },
  { description: "Cable, per metre", quantity: "12.5", price: "4.20", taxRate: "" },
  { description: "Annual maintenance", quantity: "1", price: "899.99", taxRate: "9" },
];
const THEIR_TERMS = "Net 14 days (changed by a colleague)";
const MY_TERMS = "Net 30 days (mine)";

/** "€1,234.50" or "1,234.50 EUR" → 1234.5; only digits, the point and a minus count. */
function amountOf(text: string): number {
  const cleaned = text.replace(/[^0-9.-]/g, "");
  if (cleaned === "" || Number.isNaN(Number(cleaned))) throw new Error(`"${text}" is not an amount`);
  return Number(cleaned);
}
const cents = (n: number) => Math.round(n * 100);

describe("a member of staff works through clients, contacts and invoices in Chromium", () => {
  let server: AppServer;
  let browser: Browser | undefined;
  let page: Page;
  let token: string;
  const browserErrors: string[] = [];
  const dialogs: string[] = [];
  // Only while the conflict step runs: the 409 the card's save answers is the point of that step.
  let expectingConflict = false;
  let shot = 0;

  let clientId = 0;
  let clientName = "";
  let invoiceId = 0;
  let invoiceTotal = 0;

  const api = async <T>(pathAndQuery: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${server.url}${pathAndQuery}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...(init.headers ?? {}) },
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  const listIds = async (query: Record<string, string>) => {
    // The API answers what the list page should show: the same service, query and page size.
    const { status, body } = await api<{ rows: { id: number }[] }>(`/api/t/clients?${new URLSearchParams({ pageSize: "50", ...query })}`);
    expect(status).toBe(200);
    return body.rows.map((r) => r.id);
  };
  /** `e2e-<nn>-<step>.png`, numbered in the order the flow takes them. */
  const screenshot = async (step: string, p: Page = page) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    shot += 1;
    await p.screenshot({ path: path.join(SCREENSHOTS, `e2e-${String(shot).padStart(2, "0")}-${step}.png`), fullPage: true });
  };
  const openTab = async (label: string) => {
    await page.click(`aria/${label}[role="tab"]`);
    await page.waitForFunction(
      (text: string) => document.querySelector('[role="tab"][aria-selected="true"]')?.textContent?.trim() === text,
      {},
      label,
    );
  };
  const watch = (p: Page) => {
    p.on("pageerror", (error) => browserErrors.push(String(error)));
    p.on("console", (message) => {
      if (message.type() !== "error") return;
      const text = message.text();
      if (expectingConflict && /Failed to load resource.*\b409\b/.test(text)) return;
      browserErrors.push(text);
    });
    // The console says only "Failed to load resource"; the address makes a failure readable.
    p.on("response", (response) => {
      if (response.status() >= 400 && !(expectingConflict && response.status() === 409))
        browserErrors.push(`${response.status()} ${response.url()}`);
    });
    p.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  };
  const rowIds = (p: Page = page) =>
    p.$$eval("table.data-grid tbody tr[data-id]", (rows) => rows.map((r) => Number(r.getAttribute("data-id"))));
  /** Waits until the list shows exactly these rows (Remix swaps them in place), then compares for a readable failure. */
  const expectRows = async (expected: number[]) => {
    await page
      .waitForFunction(
        (want: string) =>
          document.querySelector(".list-screen")?.getAttribute("aria-busy") === "false" &&
          JSON.stringify(
            [...document.querySelectorAll("table.data-grid tbody tr[data-id]")].map((r) => Number(r.getAttribute("data-id"))),
          ) === want,
        { timeout: 10_000 },
        JSON.stringify(expected),
      )
      .catch(async () => {
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SCREENSHOTS, "e2e-failed-rows.png"), fullPage: true });
      });
    expect(await rowIds(), page.url()).toEqual(expected);
  };
  /** Types like a person: click, select what is there, type over it. */
  const typeInto = async (selector: string, text: string, p: Page = page) => {
    await p.click(selector, { count: 3 });
    await p.keyboard.press("Backspace");
    await p.type(selector, text);
  };
  const valueOf = (selector: string, p: Page = page) => p.$eval(selector, (el) => (el as HTMLInputElement).value);
  /** A full page load that came from clicking a plain link: wait for the address, then for the app to hydrate. */
  const waitForPath = async (pattern: RegExp, p: Page = page) => {
    await p.waitForFunction((source: string) => new RegExp(source).test(location.pathname), { timeout: 15_000 }, pattern.source);
    await p.waitForNetworkIdle({ idleTime: 200, timeout: 15_000 });
    // A quiet network is not yet a live page: keys typed before hydration never reach the card's state.
    await p.waitForSelector("html[data-hydrated]");
  };
  const clickSave = async (p: Page = page) => p.click('.card-header button[type="submit"][value="save"]');
  /**
   * After a save Remix redirects and then loads the new page's data; the address changes before
   * that ends. A hard navigation started meanwhile is aborted (net::ERR_ABORTED), so wait for quiet.
   */
  const settle = async (p: Page = page) => p.waitForNetworkIdle({ idleTime: 300, timeout: 15_000 });
  const cardVersion = async (p: Page = page) =>
    Number(/version (\d+)/.exec(await p.$eval(".card-header__meta", (el) => el.textContent ?? ""))?.[1]);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    token = await createApiToken(server.url);
    page = await browser.newPage();
    await page.setViewport({ width: 1440, height: 900 });
    watch(page);
    await signInPage(page, server.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("01 opens the client list", async () => {
    const response = await page.goto(`${server.url}/t/clients`, { waitUntil: "networkidle0" });
    expect(response?.status(), server.output()).toBe(200);
    // The next steps search and filter in the page, which its script does only once hydrated.
    await page.waitForSelector("html[data-hydrated]");
    expect(await page.$eval("h1", (el) => el.textContent)).toBe("Clients");
    expect((await rowIds()).length).toBeGreaterThan(10);
    await screenshot("client-list");
  });

  it("02 searches with the quick search box", async () => {
    const expected = await listIds({ q: SEARCH_TERM });
    expect(expected.length, `the demo data has clients matching "${SEARCH_TERM}"`).toBeGreaterThan(1);
    await page.type("#list-q", SEARCH_TERM);
    await page.keyboard.press("Enter");
    await page.waitForFunction((q: string) => new URLSearchParams(location.search).get("q") === q, {}, SEARCH_TERM);
    await expectRows(expected);
    expect(await page.$eval(".list-header__summary", (el) => el.textContent)).toContain(`${expected.length} matching`);
    await screenshot("search");
  });

  it("03 filters with the filter builder: Status is any of Active", async () => {
    const expected = await listIds({ q: SEARCH_TERM, filter: JSON.stringify({ field: "status", op: "in", value: ["active"] }) });
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length, "the filter must narrow the search for this step to prove anything").toBeLessThan((await rowIds()).length);

    await page.click('button[aria-controls="filter-panel"]');
    await page.waitForSelector('[role="group"][aria-label="Filter builder"]');
    const builder = '[aria-label="Filter builder"]';
    await page.click(`${builder} .filter-builder__actions button:first-child`); // "+ Add condition"
    await page.select('select[aria-label="Field of condition 1"]', "status");
    await page.select('select[aria-label="Operator of condition 1"]', "in");
    const [active] = await page.$$("xpath/.//fieldset[contains(@class,'filter-options')]//label[normalize-space()='Active']/input");
    expect(active, "an Active checkbox in the status options").toBeDefined();
    await active.click();
    await screenshot("filter-builder");
    const [applyButton] = await page.$$("xpath/.//button[normalize-space()='Apply filters']");
    await applyButton.click();
    await page.waitForFunction(() => new URLSearchParams(location.search).has("f"));
    await expectRows(expected);
    expect(await page.$eval('button[aria-controls="filter-panel"]', (el) => el.textContent)).toBe("Filter (1)");
    await screenshot("filtered");
  });

  it("04 sorts by a column header", async () => {
    const filter = JSON.stringify({ field: "status", op: "in", value: ["active"] });
    const ascending = await listIds({ q: SEARCH_TERM, filter, sort: "name" });
    const descending = await listIds({ q: SEARCH_TERM, filter, sort: "-name" });
    await page.click('th a.data-grid__sort[title^="Sort by Name"]');
    await page.waitForFunction(() => new URLSearchParams(location.search).get("sort") === "name");
    await expectRows(ascending);
    expect(await page.$eval('th[aria-sort="ascending"]', (el) => el.textContent)).toContain("Name");
    // A second click turns the order round.
    await page.click('th a.data-grid__sort[title^="Sort by Name"]');
    await page.waitForFunction(() => new URLSearchParams(location.search).get("sort") === "-name");
    await expectRows(descending);
    await screenshot("sorted");
  });

  it("05 opens a client's card from the list", async () => {
    [clientId] = await rowIds();
    const { body } = await api<{ name: string }>(`/api/t/clients/${clientId}`);
    clientName = body.name;
    await page.click(`tbody tr[data-id="${clientId}"] a.data-grid__open`);
    await page.waitForFunction((id: number) => location.pathname === `/t/clients/${id}`, {}, clientId);
    await page.waitForFunction(
      (name: string) => document.querySelector("h1.card-header__title")?.textContent?.includes(name),
      {},
      clientName,
    );
    expect(await valueOf("#field-name")).toBe(clientName);
    await screenshot("client-card");
  });

  it("06 adds a contact from the card's Contacts related list", async () => {
    await openTab("Contacts");
    await page.click(`a[href="/t/contacts/new?client=${clientId}"]`);
    await waitForPath(/^\/t\/contacts\/new$/);
    // "Add" opened a contact already linked to this client.
    expect(await valueOf("#field-client")).toBe(clientName);
    await typeInto("#field-first_name", CONTACT.first);
    await typeInto("#field-last_name", CONTACT.last);
    await screenshot("new-contact");
    await clickSave();
    await page.waitForFunction(() => /^\/t\/contacts\/\d+$/.test(location.pathname), { timeout: 15_000 });
    await settle();
    const contactId = Number(new URL(page.url()).pathname.split("/").pop());
    const { body: contact } = await api<{ client: number; full_name: string }>(`/api/t/contacts/${contactId}`);
    expect(contact).toMatchObject({ client: clientId, full_name: `${CONTACT.first} ${CONTACT.last}` });

    await page.goto(`${server.url}/t/clients/${clientId}`, { waitUntil: "networkidle0" });
    await openTab("Contacts");
    const related = await page.$eval(
      `section.card-related:has(a[href="/t/contacts/new?client=${clientId}"])`,
      (el) => el.textContent ?? "",
    );
    expect(related).toContain(`${CONTACT.first} ${CONTACT.last}`);
    expect(await page.$(`section.card-related a[href="/t/contacts/${contactId}"]`)).not.toBeNull();
    await screenshot("contact-in-related-list");
  });

  it("07 creates an invoice with three lines and sees the amounts and the total follow the typing", async () => {
    await openTab("Invoices");
    await page.click(`a[href="/t/invoices/new?client=${clientId}"]`);
    await waitForPath(/^\/t\/invoices\/new$/);
    expect(await valueOf("#field-client")).toBe(clientName);
    // A date input takes its value in ISO form; set it the way React notices.
    await page.$eval("#field-date", (el) => {
      const input = el as HTMLInputElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(input, "2026-03-15");
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });

    let expectedNet = 0;
    let expectedTotal = 0;
    for (const [i, line] of LINES.entries()) {
      await page.click("#card-add-line-items");
      await page.waitForSelector(`#field-items-${i}-description`);
      await typeInto(`#field-items-${i}-description`, line.description);
      await typeInto(`#field-items-${i}-quantity`, line.quantity);
      await typeInto(`#field-items-${i}-price`, line.price);
      if (line.taxRate) await typeInto(`#field-items-${i}-tax_rate`, line.taxRate);
      const net = Number(line.quantity) * Number(line.price);
      expectedNet += net;
      expectedTotal += cents(net) + Math.round((cents(net) * Number(line.taxRate || 0)) / 100);
      expect(cents(amountOf(await valueOf(`#field-items-${i}-net`))), `line ${i + 1} net`).toBe(cents(net));
      // The invoice's net total already counts the lines typed so far.
      expect(cents(amountOf(await valueOf("#field-net_total"))), `net total after line ${i + 1}`).toBe(cents(expectedNet));
    }
    const grosses = await Promise.all(LINES.map((_, i) => valueOf(`#field-items-${i}-gross`).then(amountOf)));
    invoiceTotal = amountOf(await valueOf("#field-total"));
    // The total in the page is the sum of the lines, and what the lines' prices and taxes make.
    expect(cents(invoiceTotal)).toBe(grosses.reduce((sum, g) => sum + cents(g), 0));
    expect(cents(invoiceTotal)).toBe(expectedTotal);
    await screenshot("invoice-typed");

    await clickSave();
    await page.waitForFunction(() => /^\/t\/invoices\/\d+$/.test(location.pathname), { timeout: 15_000 });
    await settle();
    invoiceId = Number(new URL(page.url()).pathname.split("/").pop());
    // What the server stored is what the card showed before saving.
    const { body: stored } = await api<{ client: number; total: number | string; items: unknown[] }>(`/api/t/invoices/${invoiceId}`);
    expect(stored.client).toBe(clientId);
    expect(cents(Number(stored.total))).toBe(cents(invoiceTotal));
    await screenshot("invoice-saved");
  });

  it("08 reloads the invoice and finds the same lines and total", async () => {
    await page.reload({ waitUntil: "networkidle0" });
    for (const [i, line] of LINES.entries()) {
      expect(await valueOf(`#field-items-${i}-description`)).toBe(line.description);
      expect(Number(await valueOf(`#field-items-${i}-quantity`))).toBe(Number(line.quantity));
      expect(amountOf(await valueOf(`#field-items-${i}-price`))).toBe(Number(line.price));
      expect(await valueOf(`#field-items-${i}-tax_rate`).then((t) => (t === "" ? "" : String(Number(t))))).toBe(line.taxRate);
    }
    expect(await page.$(`#field-items-${LINES.length}-description`)).toBeNull();
    expect(cents(amountOf(await valueOf("#field-total")))).toBe(cents(invoiceTotal));
    await screenshot("invoice-reloaded");
  });

  it("09 meets an edit conflict from a second browser context, sees what differs and overwrites knowingly", async () => {
    const opened = await cardVersion();
    let other: BrowserContext | undefined;
    try {
      // A colleague, in a browser of their own, saves the same invoice first.
      other = await browser!.createBrowserContext();
      const colleague = await other.newPage();
      await colleague.setViewport({ width: 1280, height: 900 });
      watch(colleague);
      await signInPage(colleague, server.url);
      await colleague.goto(`${server.url}/t/invoices/${invoiceId}`, { waitUntil: "networkidle0" });
      // Typed before hydration, the terms are in the page but not in what the card's script saves.
      await colleague.waitForSelector("html[data-hydrated]");
      await typeInto("#field-payment_terms", THEIR_TERMS, colleague);
      await clickSave(colleague);
      await colleague.waitForFunction(
        (v: number) => document.querySelector(".card-header__meta")?.textContent?.includes(`version ${v}`),
        { timeout: 15_000 },
        opened + 1,
      );
    } finally {
      await other?.close();
    }

    expectingConflict = true;
    try {
      await typeInto("#field-payment_terms", MY_TERMS);
      await clickSave();
      await page.waitForSelector("#card-conflict", { timeout: 15_000 });
      await screenshot("conflict");
      const rows = await page.$$eval("#card-conflict tbody tr", (trs) =>
        trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim() ?? "")),
      );
      expect(rows).toContainEqual(["Payment terms", THEIR_TERMS, MY_TERMS]);
      // Nothing typed was lost.
      expect(await valueOf("#field-payment_terms")).toBe(MY_TERMS);

      const [overwrite] = await page.$$("xpath/.//button[normalize-space()='Overwrite with mine']");
      await overwrite.click();
      await page.waitForFunction(() => document.querySelector("#card-conflict") === null, { timeout: 15_000 });
      await page.waitForFunction(
        (v: number) => document.querySelector(".card-header__meta")?.textContent?.includes(`version ${v}`),
        { timeout: 15_000 },
        opened + 2,
      );
    } finally {
      expectingConflict = false;
    }
    const { body: final } = await api<{ payment_terms: string; total: number | string; items: { description: string }[] }>(
      `/api/t/invoices/${invoiceId}`,
    );
    expect(final.payment_terms).toBe(MY_TERMS);
    expect(cents(Number(final.total))).toBe(cents(invoiceTotal));
    expect(await valueOf("#field-payment_terms")).toBe(MY_TERMS);
    await screenshot("conflict-resolved");
  });

  it("10 had no browser errors and asked no unexpected questions", () => {
    expect(browserErrors, server.output().slice(-3000)).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
