import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { signInPage } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";
import { createSqliteTestDatabase, type TestDatabase } from "../helpers/databases";

/**
 * A client card's timeline in Chromium: a note, a call and a task added inline appear at its top
 * and are stored about the client; Load more brings older items (`npx remix build` first).
 */
describe("the timeline of a client card in Chromium", () => {
  let database: TestDatabase;
  let server: AppServer;
  let rt: Runtime;
  let browser: Browser | undefined;
  let page: Page;
  const browserErrors: string[] = [];
  const heads = () => page.$$eval(".timeline__item .timeline__head", (els) => els.map((e) => e.textContent ?? ""));

  beforeAll(async () => {
    database = await createSqliteTestDatabase();
    server = await startAppServer({ database, env: { TESSERA_WORKERS: "0" } });
    rt = await createRuntime({ databaseUrl: database.url });
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 1400 });
    page.on("pageerror", (e) => browserErrors.push(String(e)));
    await signInPage(page, server.url);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await rt?.close();
    await server?.stop();
    await database?.drop();
  });

  it("adds a note, logs a call and adds a task inline, newest first", async () => {
    const { rows } = await rt.records.list(SYSTEM_ACTOR, "clients", { sort: "id", pageSize: 1 });
    const client = rows[0];
    await page.goto(`${server.url}/t/clients/${client.id}`, { waitUntil: "networkidle0" });
    await page.waitForSelector('section[aria-label="Activity"]');
    // Its buttons open their forms once the page has hydrated: a click before is lost.
    await page.waitForSelector("html[data-hydrated]");

    const add = async (button: string, fill: () => Promise<void>, expected: string) => {
      await page.click(`xpath/.//button[normalize-space()="${button}"]`);
      await fill();
      await page.click('.timeline__form button[type="submit"]');
      await page.waitForFunction((text) => document.querySelector(".timeline__item .timeline__head")?.textContent === text, {}, expected);
    };
    await add("Add note", () => page.type('textarea[aria-label="Note"]', "Prefers email over calls"), "Prefers email over calls");
    await add(
      "Log call",
      async () => {
        await page.waitForSelector('form[aria-label="Log call"]');
        await page.type('form[aria-label="Log call"] input[type="number"]', "5");
        await page.click('input[name="call-result"][value="reached"]');
        await page.type('form[aria-label="Log call"] textarea', "Wants a quote for two more seats");
      },
      "Call — Reached, 5 min",
    );
    await add("Add task", () => page.type('input[aria-label="Subject"]', "Send the quote"), "Send the quote");
    expect((await heads()).slice(0, 3)).toEqual(["Send the quote", "Call — Reached, 5 min", "Prefers email over calls"]);
    // Looked at by a person after a run; a fresh machine has no such folder yet.
    fs.mkdirSync(path.resolve("artifacts/screenshots"), { recursive: true });
    await page.screenshot({ path: path.resolve("artifacts/screenshots/client-card-timeline.png"), fullPage: true });

    const about = {
      and: [
        { field: "about_table", op: "eq", value: "clients" },
        { field: "about_id", op: "eq", value: client.id },
      ],
    };
    // The demo's own notes about this client stay beside the new one.
    const notes = (await rt.records.list(SYSTEM_ACTOR, "notes", { filter: about, sort: "-id" })).rows.map((n) => n.body);
    expect(notes[0]).toBe("Prefers email over calls");
    expect(notes.filter((b) => b === "Prefers email over calls")).toHaveLength(1);
    const [task] = (await rt.records.list(SYSTEM_ACTOR, "tasks", { filter: about, sort: "-id", pageSize: 1 })).rows;
    expect(task).toMatchObject({ subject: "Send the quote", status: "open", assignee: expect.any(Number) });
    const [call] = (
      await rt.records.list(SYSTEM_ACTOR, "events", { filter: { field: "client", op: "eq", value: client.id }, sort: "-id", pageSize: 1 })
    ).rows;
    expect(call).toMatchObject({
      kind: "call",
      done: true,
      subject: "Call — Reached, 5 min",
      result: "Wants a quote for two more seats",
    });

    // The demo client has more than a page: older items come after the cursor, none twice.
    const before = (await heads()).length;
    await page.click(".timeline__more");
    await page.waitForFunction((n) => document.querySelectorAll(".timeline__item").length > n, {}, before);
    const links = await page.$$eval(".timeline__item", (items) =>
      items.map((i) => i.querySelector("a")?.getAttribute("href") ?? i.textContent),
    );
    expect(new Set(links).size).toBe(links.length);
    expect(browserErrors).toEqual([]);
  });
});
