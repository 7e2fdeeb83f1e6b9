import type { ElementHandle, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../helpers/app-server";
import { signedInSession } from "../helpers/browser";

/**
 * Keyboard only, as someone who cannot use a mouse: create a client and add a line to a draft
 * invoice with Tab, typing, Enter and Ctrl+S, never a click. Each step moves focus with Tab from
 * the page's skip link, so a control that cannot be reached, or a trap, fails the journey.
 */
describe("keyboard-only journeys in Chromium", () => {
  let session: Awaited<ReturnType<typeof signedInSession>> | undefined;
  let server: AppServer | undefined;
  let page: Page;

  /** What has the focus, in words a failure message can show. */
  const focused = () =>
    page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return `${a?.tagName.toLowerCase() ?? "none"} ${a?.getAttribute("name") ?? ""} ${(a?.textContent ?? "").trim().slice(0, 40)}`;
    });
  /** Tab until `matches` says the focused element is the one, at most `max` presses. */
  async function tabTo(matches: (el: Element) => boolean, what: string, max = 60) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press("Tab");
      const active = (await page.evaluateHandle(() => document.activeElement ?? document.body)) as ElementHandle<Element>;
      if (await active.evaluate(matches)) return;
    }
    throw new Error(`${what} was not reached with ${max} presses of Tab (focus on: ${await focused()})`);
  }
  async function openSkipped(url: string) {
    await page.goto(`${server!.url}${url}`, { waitUntil: "networkidle0" });
    // Ctrl+S and "+ Add line" are the page's script: keys pressed before hydration do nothing, or
    // post the form as a plain page.
    await page.waitForSelector("html[data-hydrated]");
    await page.keyboard.press("Tab");
    expect(await focused()).toContain("Skip to content");
    await page.keyboard.press("Enter");
  }
  async function saveWithCtrlS() {
    await page.keyboard.down("Control");
    await page.keyboard.press("s");
    await page.keyboard.up("Control");
  }

  beforeAll(async () => {
    session = await signedInSession({ width: 1280, height: 900 });
    ({ server, page } = session);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it("creates a client", async () => {
    await openSkipped("/t/clients/new");
    await tabTo((el) => el.getAttribute("name") === "name", "the Name field");
    await page.keyboard.type("Keyboard Kollektiv AB");
    await tabTo((el) => el.getAttribute("name") === "kind", "the Kind choice");
    await page.keyboard.type("Company");
    await tabTo((el) => el.getAttribute("name") === "status", "the Status choice");
    await page.keyboard.type("Active");
    await Promise.all([page.waitForFunction(() => /^\/t\/clients\/\d+$/.test(location.pathname)), saveWithCtrlS()]);
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    const client = await page.evaluate(async (n) => (await (await fetch(`/api/t/clients/${n}`)).json()) as Record<string, unknown>, id);
    expect(client).toMatchObject({ name: "Keyboard Kollektiv AB", kind: "company", status: "active" });
  });

  it("adds a line to a draft invoice and saves it", async () => {
    const draft = await page.evaluate(async () => {
      const filter = encodeURIComponent(JSON.stringify({ field: "status", op: "eq", value: "draft" }));
      return ((await (await fetch(`/api/t/invoices?pageSize=1&filter=${filter}`)).json()) as { rows: { id: number }[] }).rows[0].id;
    });
    const linesBefore = await page.evaluate(
      async (n) => ((await (await fetch(`/api/t/invoices/${n}`)).json()) as { items: unknown[] }).items.length,
      draft,
    );
    await openSkipped(`/t/invoices/${draft}`);
    await tabTo((el) => el.getAttribute("value") === "line-add:items", "the + Add line button", 80);
    await page.keyboard.press("Enter");
    await tabTo((el) => /^items\.\d+\.description$/.test(el.getAttribute("name") ?? ""), "the new line's description", 5);
    await page.keyboard.type("Accessibility review, two days");
    await tabTo((el) => /^items\.\d+\.quantity$/.test(el.getAttribute("name") ?? ""), "the new line's quantity", 3);
    await page.keyboard.down("Control");
    await page.keyboard.press("a");
    await page.keyboard.up("Control");
    await page.keyboard.type("2");
    await tabTo((el) => /^items\.\d+\.price$/.test(el.getAttribute("name") ?? ""), "the new line's price", 3);
    await page.keyboard.type("450");
    await saveWithCtrlS();
    await page.waitForFunction(
      async (n, before) => ((await (await fetch(`/api/t/invoices/${n}`)).json()) as { items: unknown[] }).items.length > before,
      { polling: 200, timeout: 10_000 },
      draft,
      linesBefore,
    );
    const invoice = await page.evaluate(
      async (n) =>
        (await (await fetch(`/api/t/invoices/${n}`)).json()) as { items: { description: string; quantity: number; price: number }[] },
      draft,
    );
    expect(invoice.items.find((l) => l.description === "Accessibility review, two days")).toMatchObject({ quantity: 2, price: 450 });
  });
});
