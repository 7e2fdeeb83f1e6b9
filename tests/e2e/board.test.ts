import path from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { signInPage } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";

const SCREENSHOTS = path.resolve("artifacts/screenshots");
const BOARD = "/t/deals?layout=board&groupBy=stage";

/** Titles of the cards in the column of one stage, as the page shows them. */
function cardsIn(page: Page, stage: string): Promise<string[]> {
  return page.$$eval(`[data-column="${stage}"] .board-card__title`, (links) => links.map((a) => a.textContent?.trim() ?? ""));
}

async function cardBox(page: Page, title: string) {
  // Not before the board has hydrated: an early key press makes React redo the page (error 421).
  await page.waitForSelector(".board[data-ready]");
  const handle = await page.waitForSelector(`xpath///article[contains(@class,"board-card")][.//a[normalize-space()="${title}"]]`);
  const box = await handle!.boundingBox();
  return { handle: handle!, box: box! };
}

describe("the deals board in Chromium", () => {
  let server: AppServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const browserErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    // Hydration mismatches and a board chunk that fails to load only show up here.
    page.on("pageerror", (error) => browserErrors.push(String(error)));
    page.on("console", (message) => {
      if (message.type() === "error") browserErrors.push(message.text());
    });
    await signInPage(page, server.url);
    // A slow phone's CPU: the board's chunk arrives after the page has started hydrating, where an
    // update to the list above it made React discard the server's board (error 421).
    await page.emulateCPUThrottling(6);
    await page.goto(`${server.url}${BOARD}`, { waitUntil: "networkidle0" });
    await page.waitForSelector(".board[data-ready]");
    await page.emulateCPUThrottling(null);
    expect(browserErrors).toEqual([]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows stages in option order with counts and sums", async () => {
    const titles = await page.$$eval(".board__column-title", (hs) => hs.map((h) => h.firstChild?.textContent?.trim()));
    expect(titles).toEqual(["Prospecting", "Qualification", "Proposal", "Negotiation", "Won", "Lost"]);
    expect(await page.$eval('[data-column="lost"] .board__count', (el) => el.textContent)).toBe("2");
    expect(await page.$eval('[data-column="negotiation"] .board__sum', (el) => el.textContent)).toContain("48,000");
    await page.screenshot({ path: path.join(SCREENSHOTS, "board-1400.png") });
  });

  it("moves a card to the next stage with the mouse and with the keyboard; a reload shows both there", async () => {
    const { box } = await cardBox(page, "Point-of-sale upgrade");
    const target = (await page.$('[data-column="proposal"] .board__cards'))!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 6);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++)
      await page.mouse.move(box.x + box.width / 2 + ((to.x + to.width / 2 - box.x - box.width / 2) * i) / 8, to.y + 30);
    await page.waitForSelector('[data-column="proposal"].board__column--over');
    await page.mouse.up();
    await page.waitForFunction(() =>
      document.querySelector(".notice--success")?.textContent?.includes("Point-of-sale upgrade moved to Proposal"),
    );

    const keyboard = await cardBox(page, "Production planning");
    await keyboard.handle.focus();
    await page.keyboard.press("Space");
    // dnd-kit hears the arrows only once the lift has started, when the card's own column is "over":
    // an arrow pressed before that is lost.
    await page.waitForSelector('[data-column="prospecting"].board__column--over');
    await page.keyboard.press("ArrowRight");
    await page.waitForSelector('[data-column="qualification"].board__column--over');
    await page.keyboard.press("Space");
    await page.waitForFunction(() =>
      document.querySelector(".notice--success")?.textContent?.includes("Production planning moved to Qualification"),
    );

    await page.reload({ waitUntil: "networkidle0" });
    expect(await cardsIn(page, "proposal")).toContain("Point-of-sale upgrade");
    expect(await cardsIn(page, "qualification")).toContain("Production planning");
    expect(await cardsIn(page, "prospecting")).not.toContain("Production planning");
  });

  it("two people move the same deal: the second sees the conflict, and the card shows what is saved", async () => {
    // The second person opened the board before the first moved the deal.
    const other = await browser!.createBrowserContext();
    const second = await other.newPage();
    await second.setViewport({ width: 1400, height: 900 });
    await signInPage(second, server!.url);
    await second.goto(`${server!.url}${BOARD}`, { waitUntil: "networkidle0" });
    // Keys pressed before the lazily loaded board hydrates hit React mid-hydration (error 421).
    await second.waitForSelector(".board[data-ready]");

    const byKeyboard = async (p: Page, title: string, to: string[]) => {
      const { handle } = await cardBox(p, title);
      await handle.focus();
      await p.keyboard.press("Space");
      // The drag has started once the card's own column is "over": an arrow pressed before that is lost.
      await p.waitForSelector(".board__column--over");
      // Each step waits for its column.
      for (const stage of to) {
        await p.keyboard.press("ArrowRight");
        await p.waitForSelector(`[data-column="${stage}"].board__column--over`);
      }
      await p.keyboard.press("Space");
    };
    await byKeyboard(page, "Support renewal 2027", ["negotiation"]);
    await page.waitForFunction(() => document.querySelector(".notice--success")?.textContent?.includes("moved to Negotiation"));

    await byKeyboard(second, "Support renewal 2027", ["negotiation", "won"]);
    await second.waitForFunction(() =>
      document.querySelector(".notice--error")?.textContent?.includes("changed by someone else meanwhile"),
    );
    // Its card went back to where it is saved: the first person's move stands.
    await second.waitForFunction(() =>
      [...document.querySelectorAll('[data-column="negotiation"] .board-card__title')].some(
        (a) => a.textContent?.trim() === "Support renewal 2027",
      ),
    );
    expect(await cardsIn(second, "won")).not.toContain("Support renewal 2027");
    await other.close();

    await page.setViewport({ width: 390, height: 844 });
    await page.$eval(".list-header", (el) => el.scrollIntoView());
    await page.screenshot({ path: path.join(SCREENSHOTS, "board-390.png") });
    expect(browserErrors).toEqual([]);
    // A second browser session signing in is the slow part on a busy machine.
  }, 60_000);
});
