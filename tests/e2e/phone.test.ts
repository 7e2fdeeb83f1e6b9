import fs from "node:fs";
import path from "node:path";
import type { Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../helpers/app-server";
import { signedInSession } from "../helpers/browser";

/**
 * A salesperson's phone (390 × 844, touch): no page is wider than the screen, the navigation is a
 * menu, a list is a column of small cards, a card keeps Save within reach at the bottom, and a
 * phone number is called with one tap. Screenshots go to artifacts/screenshots/phone-*.png.
 */
const SCREENSHOTS = path.resolve("artifacts/screenshots");

describe("Tessera on a phone, in Chromium", () => {
  let session: Awaited<ReturnType<typeof signedInSession>> | undefined;
  let server: AppServer | undefined;
  let page: Page;

  const open = async (url: string) => {
    const response = await page.goto(`${server!.url}${url}`, { waitUntil: "networkidle0" });
    expect(response?.status(), url).toBe(200);
  };
  /** Elements reaching past the screen's right edge: a page wider than the phone zooms out. */
  const overflowing = async () => {
    // Charts measure their box after the first paint: give them a moment to settle.
    await page.waitForFunction(() => document.documentElement.scrollWidth <= 390, { timeout: 3000 }).catch(() => {});
    return page.evaluate(
      (screen) => ({
        width: document.documentElement.scrollWidth,
        culprits: [...document.querySelectorAll("body *")]
          .filter((e) => {
            if (e.getBoundingClientRect().right <= screen + 1) return false;
            // Inside a box that scrolls sideways (a wide table, the card's tabs) is fine.
            for (let a = e.parentElement; a; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return false;
            return true;
          })
          .slice(0, 5)
          .map((e) => `${e.tagName.toLowerCase()}.${String(e.className)}`),
      }),
      390,
    );
  };
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `phone-${name}.png`) });

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    session = await signedInSession({ width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    ({ server, page } = session);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it("fits every main screen to the phone's width", async () => {
    const client = await page.evaluate(async () => {
      const res = await fetch("/api/t/clients?pageSize=1&sort=id");
      return ((await res.json()) as { rows: { id: number }[] }).rows[0].id;
    });
    for (const url of ["/", "/t/clients", `/t/clients/${client}`, "/t/invoices", "/tasks", "/search?q=a"]) {
      await open(url);
      expect({ url, ...(await overflowing()) }).toEqual({ url, width: 390, culprits: [] });
    }
  });

  it("offers a web app manifest a phone can install from, served without signing in", async () => {
    const href = await page.$eval('link[rel="manifest"]', (l) => l.getAttribute("href"));
    const response = await fetch(`${server!.url}${href}`);
    expect(response.status).toBe(200);
    const manifest = (await response.json()) as {
      name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string }[];
    };
    expect(manifest).toMatchObject({ start_url: "/", display: "standalone" });
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    for (const icon of manifest.icons) expect((await fetch(`${server!.url}${icon.src}`)).status, icon.src).toBe(200);
  });

  it("opens the navigation as a menu, and closes it on the way to a table", async () => {
    await open("/");
    expect(await page.$eval("#app-navigation", (el) => getComputedStyle(el).display)).toBe("none");
    // The menu button opens the menu once the page's script has it: a tap before that is lost.
    await page.waitForSelector("html[data-hydrated]");
    await page.tap(".app-header__menu");
    expect(await page.$eval(".app-header__menu", (b) => b.getAttribute("aria-expanded"))).toBe("true");
    await shot("menu");
    const link = await page.$('#app-navigation a[href="/t/invoices"]');
    const box = await link!.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await Promise.all([page.waitForNavigation({ waitUntil: "networkidle0" }), link!.tap()]);
    expect(new URL(page.url()).pathname).toBe("/t/invoices");
    await page.waitForFunction(() => document.querySelector(".app-header__menu")?.getAttribute("aria-expanded") === "false");
    expect(await page.$eval("#app-navigation", (el) => getComputedStyle(el).display)).toBe("none");
  });

  it("shows a list as cards of a title and three fields, and a card with Save and a Call link in reach", async () => {
    await open("/t/clients");
    await shot("list");
    expect(await page.$eval(".data-grid thead", (el) => getComputedStyle(el).display)).toBe("none");
    const shown = await page.$$eval(".data-grid__row:first-child td.data-grid__cell", (cells) =>
      cells.filter((c) => getComputedStyle(c).display !== "none").map((c) => c.className),
    );
    expect(shown[0]).toContain("data-grid__cell--title");
    expect(shown.length).toBeLessThanOrEqual(4);

    const withPhone = await page.evaluate(async () => {
      const res = await fetch(`/api/t/clients?pageSize=1&filter=${encodeURIComponent(JSON.stringify({ field: "phone", op: "notEmpty" }))}`);
      return ((await res.json()) as { rows: { id: number; phone: string }[] }).rows[0];
    });
    await Promise.all([
      page.waitForNavigation({ waitUntil: "networkidle0" }),
      page.tap(`.data-grid__row[data-id="${withPhone.id}"] .data-grid__open`),
    ]);
    // The card opens in the page: the address changes before React has drawn it.
    await page.waitForSelector(".tf-phone__call");
    await shot("card");
    const call = await page.$eval(".tf-phone__call", (a) => a.getAttribute("href"));
    expect(call).toBe(`tel:${withPhone.phone.replace(/[^\d+]/g, "")}`);
    const save = await page.$('.card-header__actions button[type="submit"], .card-header__actions .button--primary');
    const box = await save!.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    expect(box!.height).toBeGreaterThanOrEqual(44);
  });
});
