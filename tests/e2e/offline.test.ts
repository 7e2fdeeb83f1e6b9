import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { sessionHeaders, signIn, signInPage, type SignedIn } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";
import { networkSwitch, type NetworkSwitch } from "../helpers/network-switch";

/**
 * A salesperson's phone (390 × 844, touch) losing the network: the card opened before stays
 * readable (the service worker's copy, with a banner), a save is kept on the device and sent when
 * the network is back, a colleague's change meanwhile shows the conflict view with the kept edit,
 * and a call is logged after tapping the number. Screenshots: artifacts/screenshots/offline-*.png.
 */
const SCREENSHOTS = path.resolve("artifacts/screenshots");

interface ClientRow {
  id: number;
  version: number;
  name: string;
  phone: string;
  notes: string | null;
}

describe("Tessera offline on a phone, in Chromium", () => {
  let server: AppServer | undefined;
  let browser: Browser | undefined;
  let relay: NetworkSwitch | undefined;
  let page: Page;
  /** Where the browser goes: the relay that can drop the network. */
  let base: string;
  let colleague: SignedIn;
  let client: ClientRow;
  const unexpectedDialogs: string[] = [];

  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `offline-${name}.png`) });
  /** The record as the server has it, read by someone else. */
  const stored = async (): Promise<ClientRow> =>
    (
      await fetch(`${server!.url}/api/t/clients/${client.id}`, { headers: sessionHeaders(server!.url, colleague) })
    ).json() as Promise<ClientRow>;
  /**
   * Page and service worker both lose (or get back) the network, as on a phone in a tunnel; the
   * page's emulation also tells it so (navigator.onLine, the online event).
   */
  const network = async (online: boolean) => {
    relay!.set(online);
    await page.setOfflineMode(!online);
  };
  const typeNotes = async (text: string) => {
    await page.$eval("#field-notes", (el) => ((el as HTMLTextAreaElement).value = ""));
    await page.type("#field-notes", text);
  };
  const tapSave = () => page.tap('.card-header__actions button[value="save"]');
  const notesShown = () => page.$eval("#field-notes", (el) => (el as HTMLTextAreaElement).value);

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    relay = await networkSwitch(server!.url);
    base = relay.url;
    page = await browser.newPage();
    await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    // An unexpected "Leave without saving?" must fail the test, not hang the page.
    page.on("dialog", (dialog) => {
      unexpectedDialogs.push(dialog.message());
      void dialog.accept();
    });
    await signInPage(page, base);
    colleague = await signIn(server!.url);
    const filter = encodeURIComponent(JSON.stringify({ field: "phone", op: "notEmpty" }));
    const list = (await (
      await fetch(`${server!.url}/api/t/clients?pageSize=1&sort=id&filter=${filter}`, { headers: sessionHeaders(server!.url, colleague) })
    ).json()) as {
      rows: ClientRow[];
    };
    client = list.rows[0];
    // The worker registers on the first page; it controls the pages from then on.
    await page.goto(`${base}/t/clients`, { waitUntil: "networkidle0" });
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, { timeout: 15_000 });
  }, 120_000);

  afterEach(async () => {
    // A test that failed offline must not leave the next one without a network.
    if (relay) await network(true);
    expect(unexpectedDialogs.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await relay?.close();
    await server?.stop();
  });

  it("opens a client from the list, with its Call link, and saves an edit", async () => {
    await page.reload({ waitUntil: "networkidle0" });
    await Promise.all([
      page.waitForNavigation({ waitUntil: "networkidle0" }),
      page.tap(`.data-grid__row[data-id="${client.id}"] .data-grid__open`),
    ]);
    await page.waitForSelector(".tf-phone__call");
    expect(await page.$eval(".tf-phone__call", (a) => a.getAttribute("href"))).toBe(`tel:${client.phone.replace(/[^\d+]/g, "")}`);
    await typeNotes("Met at the fair");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(`/t/clients/${client.id}`)),
      tapSave(),
    ]);
    await page.waitForFunction(() => !document.querySelector(".card-header .badge--muted"), { timeout: 10_000 }).catch(() => {});
    await expect.poll(async () => (await stored()).notes, { timeout: 10_000 }).toBe("Met at the fair");
  });

  it("keeps a save on the device without a network, shows the kept copy of the card, and sends it once back online", async () => {
    const before = await stored();
    await network(false);
    await typeNotes("Wants a quote by Friday");
    await tapSave();
    await page.waitForSelector('[data-testid="kept-edit"]');
    expect(await page.$eval('[data-testid="kept-edit"]', (el) => el.textContent)).toContain(
      "Saved on this device — will be sent when you are back online",
    );
    expect(await page.$eval(".pending-edits__count", (el) => el.getAttribute("aria-label"))).toBe("1 edit not sent yet");
    await shot("kept");

    // Reopened without a network: the service worker's copy, said to be one, with the kept edit in it.
    await page.reload({ waitUntil: "domcontentloaded" });
    await page.waitForSelector(".offline-banner", { timeout: 10_000 });
    expect(await page.$eval(".offline-banner", (el) => el.textContent)).toMatch(/^Offline — showing the copy from .+/);
    await page.waitForFunction(
      () => (document.getElementById("field-notes") as HTMLTextAreaElement | null)?.value === "Wants a quote by Friday",
    );
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot("banner");
    await page.tap(".pending-edits__count");
    await shot("card");
    expect((await stored()).version).toBe(before.version);

    await network(true);
    await expect.poll(async () => (await stored()).notes, { timeout: 15_000 }).toBe("Wants a quote by Friday");
    expect((await stored()).version).toBe(before.version + 1);
    await page.waitForFunction(() => !document.querySelector(".pending-edits__count"), { timeout: 10_000 });
    await page.waitForFunction(() => !document.querySelector(".offline-banner"), { timeout: 10_000 });
  });

  it("shows the conflict view with the kept edit when the record changed meanwhile", async () => {
    await page.goto(`${base}/t/clients/${client.id}`, { waitUntil: "networkidle0" });
    // Keeping an edit on the device is the card's script: a save tapped before hydration is posted
    // as a plain form, into no network.
    await page.waitForSelector("html[data-hydrated]");
    await network(false);
    await typeNotes("Call back after the holidays");
    await tapSave();
    await page.waitForSelector('[data-testid="kept-edit"]');
    // A colleague changes the notes meanwhile.
    const theirs = await stored();
    const changed = await fetch(`${server!.url}/api/t/clients/${client.id}`, {
      method: "PATCH",
      headers: { ...sessionHeaders(server!.url, colleague), "Content-Type": "application/json", "If-Match": `"${theirs.version}"` },
      body: JSON.stringify({ notes: "Signed the contract" }),
    });
    expect(changed.status).toBe(200);
    const now = ((await changed.json()) as ClientRow).version;

    await network(true);
    // The conflict shows as soon as the server answers; the card then reloads their version under it.
    await page.waitForFunction(
      (version) => document.querySelector(".card-header__meta")?.textContent?.includes(`version ${version}`),
      { timeout: 15_000 },
      now,
    );
    await page.waitForSelector("#card-conflict");
    const rows = await page.$$eval("#card-conflict tbody tr", (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    expect(rows).toContainEqual(["Notes", "Signed the contract", "Call back after the holidays"]);
    expect(await notesShown()).toBe("Call back after the holidays");
    expect((await stored()).notes).toBe("Signed the contract");
    await shot("conflict");

    await Promise.all([
      page.waitForNavigation({ waitUntil: "networkidle0" }).catch(() => {}),
      page.tap('#card-conflict button[value="overwrite"]'),
    ]);
    await expect.poll(async () => (await stored()).notes, { timeout: 10_000 }).toBe("Call back after the holidays");
    await page.waitForFunction(() => !document.querySelector(".pending-edits__count"), { timeout: 10_000 });
  });

  it("offers Log call after a tap on the number, and keeps the call and its next step as a task", async () => {
    await page.goto(`${base}/t/clients/${client.id}`, { waitUntil: "networkidle0" });
    // The call prompt is the card's script: a tap before hydration goes unseen.
    await page.waitForSelector("html[data-hydrated]");
    // The test browser has no dialler: the tap is seen by the card, the tel: navigation is not followed.
    await page.evaluate(() =>
      window.addEventListener("click", (e) => {
        if ((e.target as Element).closest('a[href^="tel:"]')) e.preventDefault();
      }),
    );
    // Clear of the bottom action bar, which would take the tap.
    await page.$eval(".tf-phone__call", (a) => a.scrollIntoView({ block: "center" }));
    await page.tap(".tf-phone__call");
    await page.waitForSelector(".card-call-prompt");
    await shot("call-prompt");
    await page.tap(".card-call-prompt button");
    await page.waitForSelector('form[aria-label="Log call"]');
    await page.type('form[aria-label="Log call"] input[type="number"]', "4");
    await page.tap('input[name="call-result"][value="reached"]');
    await page.type('form[aria-label="Log call"] textarea', "Quote accepted in principle");
    await page.type('form[aria-label="Log call"] input[placeholder^="e.g."]', "Send the contract");
    await shot("log-call");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/timeline")),
      page.tap('form[aria-label="Log call"] button[type="submit"]'),
    ]);
    await page.waitForFunction(() => document.querySelector(".timeline__list")?.textContent?.includes("Call — Reached, 4 min"), {
      timeout: 10_000,
    });
    const filter = encodeURIComponent(JSON.stringify({ field: "subject", op: "eq", value: "Send the contract" }));
    const tasks = (await (
      await fetch(`${server!.url}/api/t/tasks?filter=${filter}`, { headers: sessionHeaders(server!.url, colleague) })
    ).json()) as {
      rows: { about_table: string; about_id: number; status: string; assignee: number | null }[];
    };
    expect(tasks.rows).toEqual([expect.objectContaining({ about_table: "clients", about_id: client.id, status: "open" })]);
    expect(tasks.rows[0].assignee).not.toBeNull();
  });

  it("forgets the kept copies of pages on signing out", async () => {
    const before = await page.evaluate(async () => (await caches.open("tessera-pages-v1").then((c) => c.keys())).length);
    expect(before).toBeGreaterThan(0);
    await page.evaluate(async () => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')!.content;
      await fetch("/logout", { method: "POST", body: new URLSearchParams({ _csrf: token }) });
    });
    await expect.poll(() => page.evaluate(() => caches.has("tessera-pages-v1")), { timeout: 5_000 }).toBe(false);
  });
});
