import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { signInPage } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";

const SCREENSHOTS = path.resolve("artifacts/screenshots");
// A fixed month, so the demo's meetings are on it whatever today is.
const CALENDAR = "/t/events?layout=calendar&date=starts_at&at=2026-12-01";
const EVENT = "Quarterly service review";

/** Titles of the items on one day, as the page shows them. */
function itemsOn(page: Page, day: string): Promise<string[]> {
  return page.$$eval(`[data-day="${day}"] .calendar-item__title`, (spans) => spans.map((s) => s.textContent?.trim() ?? ""));
}

describe("the events calendar in Chromium", () => {
  let server: AppServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const browserErrors: string[] = [];

  beforeAll(async () => {
    // A zone east of UTC, so a meeting's day and time on the calendar are the firm's, not the server's.
    [server, browser] = await Promise.all([startAppServer({ env: { TESSERA_TIME_ZONE: "Europe/Berlin" } }), launchBrowser()]);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    page = await browser.newPage();
    // A wait that fails names its step, instead of the test timing out as a whole.
    page.setDefaultTimeout(10_000);
    await page.setViewport({ width: 1400, height: 1000 });
    page.on("pageerror", (error) => browserErrors.push(String(error)));
    page.on("console", (message) => {
      if (message.type() === "error") browserErrors.push(message.text());
    });
    await signInPage(page, server.url);
    await page.goto(`${server.url}${CALENDAR}`, { waitUntil: "networkidle0" });
    await page.waitForSelector("html[data-hydrated]");
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows the month as weeks from Monday with each event on its day and local time", async () => {
    expect(await page.$eval(".calendar-nav__title", (h) => h.textContent)).toBe("December 2026");
    expect(await page.$$eval(".calendar__day", (days) => days.length)).toBe(35);
    expect(await page.$eval(".calendar__day", (d) => d.getAttribute("data-day"))).toBe("2026-11-30");
    // 14:00 UTC is 15:00 in Berlin.
    const item = await page.waitForSelector(
      `xpath///*[@data-day="2026-12-03"]//*[contains(@class,"calendar-item")][.//span[normalize-space()="${EVENT}"]]`,
    );
    expect(await item!.$eval(".calendar-item__time", (t) => t.textContent)).toBe("15:00");
    expect(await page.$eval('.layout-switch [aria-current="page"]', (a) => a.textContent)).toBe("Calendar");
    expect(await page.$eval('.calendar-nav__fields [aria-current="true"]', (a) => a.textContent)).toBe("Starts at");
    await page.screenshot({ path: path.join(SCREENSHOTS, "calendar-month-1400.png") });
  });

  it("reschedules an event with the mouse, then with the keyboard; the saved record and a reload agree", async () => {
    const item = (await page.waitForSelector(
      `xpath///*[@data-day="2026-12-03"]//div[contains(@class,"calendar-item--movable")][.//span[normalize-space()="${EVENT}"]]`,
    ))!;
    const id = await item.evaluate((el) => el.getAttribute("data-item-id"));
    const from = (await item.boundingBox())!;
    const to = (await (await page.$('[data-day="2026-12-10"]'))!.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++)
      await page.mouse.move(
        from.x + from.width / 2 + ((to.x + to.width / 2 - from.x - from.width / 2) * i) / 8,
        from.y + from.height / 2 + ((to.y + 40 - from.y - from.height / 2) * i) / 8,
      );
    await page.waitForSelector('[data-day="2026-12-10"].calendar__day--over');
    await page.mouse.up();
    await page.waitForFunction(
      (title) => document.querySelector(".notice--success")?.textContent?.includes(`${title} moved to Thursday 10 December 2026`),
      {},
      EVENT,
    );
    const saved = await page.evaluate(
      async (url) => (await (await fetch(url, { headers: { Accept: "application/json" } })).json()) as { starts_at: string },
      `/api/t/events/${id}`,
    );
    // The same wall-clock time a week later: 15:00 in Berlin.
    expect(saved.starts_at).toBe("2026-12-10T14:00:00.000Z");

    // The item keeps the focus after the drop; a week down and a day back is Wednesday the 16th.
    // The page's data is fetched again after the drop: the keys go to the item once that is done,
    // as a loaded CI machine can otherwise replace it under the keyboard drag.
    await page.waitForNetworkIdle({ idleTime: 200, timeout: 10_000 });
    const moved = (await page.waitForSelector(`[data-day="2026-12-10"] [data-item-id="${id}"]`))!;
    await moved.focus();
    // Each key waits for what it does, as a person sees it before the next press.
    await page.keyboard.press("Space");
    await page.waitForSelector(`[data-item-id="${id}"].calendar-item--dragging`);
    await page.keyboard.press("ArrowDown");
    await page.waitForSelector('[data-day="2026-12-17"].calendar__day--over');
    await page.keyboard.press("ArrowLeft");
    await page.waitForSelector('[data-day="2026-12-16"].calendar__day--over');
    await page.keyboard.press("Space");
    await page.waitForFunction(
      (title) => document.querySelector(".notice--success")?.textContent?.includes(`${title} moved to Wednesday 16 December 2026`),
      {},
      EVENT,
    );

    await page.reload({ waitUntil: "networkidle0" });
    await page.waitForSelector("html[data-hydrated]");
    expect(await itemsOn(page, "2026-12-16")).toContain(EVENT);
    expect(await itemsOn(page, "2026-12-10")).not.toContain(EVENT);
    expect(await itemsOn(page, "2026-12-03")).not.toContain(EVENT);
    expect(await page.$eval(`[data-day="2026-12-16"] [data-item-id="${id}"] .calendar-item__time`, (t) => t.textContent)).toBe("15:00");
    expect(browserErrors).toEqual([]);
  });
});
