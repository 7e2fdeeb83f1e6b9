import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "puppeteer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createPreferredTestDatabase } from "../helpers/databases";
import { createApiToken, sessionHeaders, signIn, signInPage } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";

const SCREENSHOTS = path.resolve("artifacts/screenshots");
const STAFF_PASSWORD = "designer-e2e-password-1";

interface Client {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  website: string | null;
}

/**
 * The form designer in real Chromium (`npx remix build` first), each test on its own fresh SQLite
 * server: an admin moves Email into the second tab, widens it, adds a "Bank details" section with
 * two fields, saves; a staff member then finds the client card laid out exactly so.
 */
describe("an admin designs the client card and staff see it", () => {
  let browser: Browser | undefined;
  const browserErrors: string[] = [];
  const leaveWarnings: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  // Each test's pages speak for it alone: a failed test's pages, left open, lose their server.
  afterEach(async () => {
    for (const context of browser?.browserContexts() ?? []) if (context !== browser?.defaultBrowserContext()) await context.close();
    browserErrors.length = 0;
  });

  const screenshot = async (page: Page, name: string) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `form-designer-${name}.png`), fullPage: true });
  };

  const newPage = async (): Promise<Page> => {
    const page = await (await browser!.createBrowserContext()).newPage();
    await page.setViewport({ width: 1440, height: 1000 });
    page.on("pageerror", (e) => browserErrors.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "error") browserErrors.push(m.text());
    });
    page.on("dialog", (d) => {
      // Leaving with unsaved changes asks first; these tests leave on purpose.
      if (d.type() === "beforeunload") {
        leaveWarnings.push(page.url());
        void d.accept();
        return;
      }
      browserErrors.push(`unexpected dialog: ${d.message()}`);
      void d.dismiss();
    });
    return page;
  };

  /** The dnd-kit live region exists only once the designer is hydrated. */
  const openDesigner = async (page: Page, server: AppServer) => {
    const answer = await page.goto(`${server.url}/admin/forms/clients`, { waitUntil: "networkidle0" });
    expect(answer?.status(), server.output()).toBe(200);
    await listen(page);
  };
  const listen = async (page: Page) => {
    await page.waitForSelector('[id^="DndLiveRegion"]');
    // The live region holds only the latest announcement: keep them all, as a screen reader hears them.
    await page.evaluate(() => {
      const region = document.querySelector('[id^="DndLiveRegion"]')!;
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      new MutationObserver(() => heard.push(region.textContent ?? "")).observe(region, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
  };
  const announced = (page: Page) => page.evaluate(() => (window as unknown as { heard: string[] }).heard.join(" | "));
  const waitAnnounced = (page: Page, text: string) =>
    page
      .waitForFunction(
        (t: string) => (window as unknown as { heard: string[] }).heard.some((h) => h.includes(t)),
        { timeout: 15_000 },
        text,
      )
      .catch(async () => {
        await screenshot(page, "failed");
        throw new Error(`expected the announcement "${text}", heard "${await announced(page)}"`);
      });
  const center = async (page: Page, selector: string) => {
    const box = await (await page.waitForSelector(selector, { visible: true }))!.boundingBox();
    if (!box) throw new Error(`${selector} has no box`);
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  /** A pointer drag: press, a small move to wake the PointerSensor, optionally hover a tab header, then the target. */
  const drag = async (page: Page, from: string, to: string, via?: { selector: string; until: string }) => {
    // dnd-kit listens only once the page has come alive.
    await page.waitForSelector("html[data-hydrated]");
    const start = await center(page, from);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 10, start.y + 6, { steps: 4 });
    if (via) {
      const over = await center(page, via.selector);
      await page.mouse.move(over.x, over.y, { steps: 12 });
      await page.waitForSelector(via.until, { visible: true });
    }
    // As a person does, look again before letting go: the canvas can re-measure and shift its
    // gaps after the pointer first reaches the target (on a busy machine, a frame or two late),
    // and the drop then lands where the target used to be.
    for (let look = 0; ; look++) {
      const end = await center(page, to);
      await page.mouse.move(end.x, end.y, { steps: look === 0 ? 12 : 2 });
      await page
        // A busy machine (CI beside other work) can take seconds to measure the droppables.
        .waitForFunction((sel: string) => document.querySelector(sel)?.classList.contains("is-over"), { timeout: 15_000 }, to)
        .catch(async (error) => {
          await page.screenshot({ path: path.join(SCREENSHOTS, "form-designer-failed-drag.png") });
          throw error;
        });
      const settled = await page.evaluate(
        (sel: string) =>
          new Promise<boolean>((resolve) =>
            requestAnimationFrame(() =>
              requestAnimationFrame(() => resolve(document.querySelector(sel)?.classList.contains("is-over") === true)),
            ),
          ),
        to,
      );
      const now = await center(page, to);
      if ((settled && Math.abs(now.x - end.x) < 1 && Math.abs(now.y - end.y) < 1) || look === 4) break;
    }
    await page.mouse.up();
  };
  /**
   * Replaces what `input` holds with `name` and waits until React holds all of it. On a busy
   * machine a key can land while the canvas re-renders after a drop and be lost (CI saw "tx_id"
   * for "tax_id" in the palette's search); a person would see the text short and type it again.
   */
  const typeFully = async (page: Page, input: string, name: string) => {
    for (let tries = 0; ; tries++) {
      await page.focus(input);
      await page.keyboard.down("Control");
      await page.keyboard.press("a");
      await page.keyboard.up("Control");
      await page.keyboard.press("Backspace");
      await page.keyboard.type(name);
      const held = await page
        .waitForFunction(
          (sel: string, want: string) => document.querySelector<HTMLInputElement>(sel)?.value === want,
          { timeout: 5_000 },
          input,
          name,
        )
        .then(
          () => true,
          () => false,
        );
      if (held) return;
      if (tries === 2) throw new Error(`${input} never held "${name}"`);
    }
  };
  /** Types a new section's name and waits until React holds all of it: Enter before then adds a part. */
  const typeSectionName = (page: Page, name: string) => typeFully(page, 'input[aria-label="New section name"]', name);
  /** Keyboard drag: press `key` until the drop position `selector` is the one under the dragged field. */
  const stepUntil = async (page: Page, key: "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight", selector: string, max = 40) => {
    const never = async () => new Error(`${selector} was never reached with ${key}; last announcement: "${await announced(page)}"`);
    for (let i = 0; i < max; i++) {
      if (await page.$(`${selector}.is-over`)) return;
      const was = await page.evaluate(() => document.querySelector(".is-over[data-drop]")?.getAttribute("data-drop") ?? null);
      // Every press goes to another drop position, which then shows it: none further is a dead end.
      // One press more first: a press just after a tab opened can come before its positions were measured.
      let moved = false;
      for (let attempt = 0; attempt < 2 && !moved; attempt++) {
        await page.keyboard.press(key);
        moved = await page
          .waitForFunction(
            (before: string | null) => {
              const now = document.querySelector(".is-over[data-drop]");
              return now !== null && now.getAttribute("data-drop") !== before;
            },
            { timeout: 4_000 },
            was,
          )
          .then(() => true)
          .catch(() => false);
      }
      if (!moved) throw await never();
    }
    throw await never();
  };

  const widthOfCell = (page: Page, field: string) =>
    page.$eval(`.fd-cell[data-field="${field}"]`, (el) => (el as HTMLElement).style.gridColumn);

  /** What staff see: Phone and Website in "Bank details" on the first tab, Email alone across the second. */
  const checkAsStaff = async (server: AppServer, label: string) => {
    const admin = await signIn(server.url);
    const token = await createApiToken(server.url, admin);
    const email = `staff-${label}@tessera.test`;
    const added = await fetch(`${server.url}/api/users`, {
      method: "POST",
      headers: { ...sessionHeaders(server.url, admin), "Content-Type": "application/json" },
      body: JSON.stringify({ name: `Staff ${label}`, email, role: "staff", password: STAFF_PASSWORD }),
    });
    expect(added.status, await added.clone().text()).toBe(201);
    const { rows } = (await (
      await fetch(`${server.url}/api/t/clients?pageSize=200`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as { rows: Client[] };
    const client = rows.find((c) => c.email && c.phone && c.website);
    expect(client, "the demo data has a client with email, phone and website").toBeTruthy();

    const page = await newPage();
    await signInPage(page, server.url, email, STAFF_PASSWORD);
    // Staff may not open the designer.
    const staff = await signIn(server.url, email, STAFF_PASSWORD);
    for (const adminPath of ["/admin/forms", "/admin/forms/clients"])
      expect((await fetch(`${server.url}${adminPath}`, { headers: { Cookie: staff.cookie } })).status, adminPath).toBe(403);
    await page.goto(`${server.url}/t/clients/${client!.id}`, { waitUntil: "networkidle0" });
    const bank = 'section.card-section[aria-label="Bank details"]';
    expect(await page.$eval(`#card-panel-0 ${bank} #field-phone`, (el) => (el as HTMLInputElement).value)).toBe(client!.phone);
    expect(await page.$eval(`#card-panel-0 ${bank} #field-website`, (el) => (el as HTMLInputElement).value)).toBe(client!.website);
    const bankOrder = await page.$$eval(`#card-panel-0 ${bank} .card-grid`, (rows) =>
      rows.map((r) => [...r.querySelectorAll("input[id^=field-]")].map((i) => i.id)),
    );
    expect(bankOrder).toEqual([["field-phone"], ["field-website"]]);
    expect(await page.$("#card-panel-0 #field-email")).toBeNull();
    await page.click('#card-tab-1[role="tab"]');
    await page.waitForSelector("#card-panel-1 #field-email", { visible: true });
    expect(await page.$eval("#card-panel-1 #field-email", (el) => (el as HTMLInputElement).value)).toBe(client!.email);
    expect(await page.$eval("#card-panel-1 .card-field--email", (el) => (el as HTMLElement).style.gridColumn)).toBe("span 12");
    expect(await page.$eval("#card-tab-1", (el) => el.textContent)).toBe("Contacts");
    await screenshot(page, `${label}-staff-contacts-tab`);
    await page.click('#card-tab-0[role="tab"]');
    await screenshot(page, `${label}-staff-details-tab`);
    await page.browserContext().close();
  };

  /** Saving checks the JSON Schema and the fields on the server, and only for administrators. */
  const checkSaveIsGuarded = async (server: AppServer) => {
    const routeData = `${server.url}/admin/forms/clients?_data=${encodeURIComponent("routes/admin.forms.$table")}`;
    const post = async (session: Awaited<ReturnType<typeof signIn>>, layout: unknown) => {
      const response = await fetch(routeData, {
        method: "POST",
        headers: { ...sessionHeaders(server.url, session), "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "save", layout: JSON.stringify(layout), version: "1" }).toString(),
      });
      return {
        status: response.status,
        body: (await response.json()) as { error?: string; problems?: { path: string; message: string }[] },
      };
    };
    const admin = await signIn(server.url);
    const ghost = await post(admin, {
      type: "VerticalLayout",
      elements: [{ type: "HorizontalLayout", elements: [{ type: "Control", scope: "#/properties/ghost", "x-field": "f_ghost" }] }],
    });
    expect(ghost.status).toBe(422);
    expect(ghost.body.error).toContain("points at fields, lists or columns that do not exist");
    // Each problem also carries its catalog phrase, so the designer says it in its reader's language.
    expect(ghost.body.problems).toMatchObject([
      {
        path: "/elements/0/elements/0/x-field",
        message: 'Clients have no field with id "f_ghost"',
        words: { key: "formDesigner.notices.noField" },
      },
    ]);
    const shapeless = await post(admin, { type: "VerticalLayout", elements: [{ type: "Control", scope: "name" }] });
    expect(shapeless.status).toBe(422);
    expect(shapeless.body.problems?.length).toBeGreaterThan(0);
    const badColumn = await post(admin, {
      type: "VerticalLayout",
      elements: [{ type: "RelatedList", list: "contacts", columns: ["f_not_a_contact_field"] }],
    });
    expect(badColumn.status).toBe(422);
    expect(badColumn.body.error).toContain("points at fields, lists or columns that do not exist");
    expect(badColumn.body.problems?.[0].message).toBe('Contacts have no field with id "f_not_a_contact_field" to show as a column');
    const staff = await signIn(server.url, "staff-mouse@tessera.test", STAFF_PASSWORD);
    expect((await post(staff, { type: "VerticalLayout", elements: [] })).status).toBe(403);
  };

  it("with the mouse: drag Email into the second tab, widen it, add a section with two fields, save", async () => {
    const server = await startAppServer();
    try {
      const page = await newPage();
      // Tall enough for the whole first tab: a drag near the window's edge would scroll it.
      await page.setViewport({ width: 1440, height: 1500 });
      await signInPage(page, server.url);
      await page.goto(`${server.url}/admin/forms`, { waitUntil: "networkidle0" });
      expect(await page.$eval('[data-testid="forms-table"]', (t) => t.textContent ?? "")).toContain("Clients");
      await screenshot(page, "01-tables");

      await openDesigner(page, server);
      await screenshot(page, "02-designer");

      await drag(page, 'button[aria-label="Drag Email"]', '[data-drop="gap:1.1"]', {
        selector: '[data-drop="tab:1"]',
        until: "#fd-panel-1",
      });
      await waitAnnounced(page, "Email moved to tab Contacts, row 1.");
      await page.waitForSelector('#fd-panel-1 .fd-cell[data-field="email"]');
      expect(await page.$('#fd-panel-0 .fd-cell[data-field="email"]')).toBeNull();

      // Email is selected after the drop: the side panel widens it to the full width.
      await screenshot(page, "03-dropped");
      await page.select('[data-testid="width-select"]', "12");
      await page.waitForFunction(
        () => (document.querySelector('.fd-cell[data-field="email"]') as HTMLElement | null)?.style.gridColumn === "span 12",
      );
      await screenshot(page, "03-email-in-contacts");

      await page.click("#fd-tab-0");
      // Email sits on the Contacts tab: the side panel lets go of it once Details opens.
      await page.waitForFunction(() => document.querySelector(".fd-inspector .fd-inspector__title")?.textContent === "Nothing selected");
      // Back to the palette and onto the card again: the field leaves the layout, not the table.
      await drag(page, 'button[aria-label="Drag Tax / VAT ID"]', '[data-drop="palette"]');
      await waitAnnounced(page, "Tax / VAT ID was taken off the card; its data stays.");
      expect(await page.$('.fd-cell[data-field="tax_id"]')).toBeNull();
      await typeFully(page, ".fd-palette input[type=search]", "tax_id");
      await screenshot(page, "03b-palette");
      await drag(page, '.fd-palette button[aria-label^="Tax / VAT ID"][aria-label$="drag onto the card"]', '[data-drop="gap:0.0.2"]');
      await waitAnnounced(page, "Tax / VAT ID moved to tab Details, section Details, row 3.");
      await typeSectionName(page, "Bank details");
      await page.keyboard.press("Enter");
      await page.waitForSelector('section.fd-section[data-section="Bank details"]');
      // A second section of that name beside it is refused, and the name stays to be corrected.
      await typeSectionName(page, "bank Details");
      await page.keyboard.press("Enter");
      await page.waitForSelector(".fd-error[role=alert]");
      expect(await page.$eval(".fd-error[role=alert]", (el) => el.textContent)).toBe(
        "This tab already has a section called “Bank details”; pick another name",
      );
      expect(await page.$eval('input[aria-label="New section name"]', (el) => (el as HTMLInputElement).value)).toBe("bank Details");
      expect(await page.$$eval('section.fd-section[data-section="Bank details"]', (els) => els.length)).toBe(1);
      await page.click('input[aria-label="New section name"]', { count: 3 });
      await page.keyboard.press("Backspace");
      await drag(page, 'button[aria-label="Drag Phone"]', '[data-drop="gap:0.1.0"]');
      await waitAnnounced(page, "Phone moved to tab Details, section Bank details, row 1.");
      await drag(page, 'button[aria-label="Drag Website"]', '[data-drop="gap:0.1.1"]');
      await waitAnnounced(page, "Website moved to tab Details, section Bank details, row 2.");
      await screenshot(page, "04-bank-details");

      // The palette searches by label and by key.
      expect(await page.$('.fd-palette button[aria-label^="Email"][aria-label$="drag onto the card"]')).toBeNull();

      await page.click('[data-testid="save-layout"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="designer-status"]')?.textContent === "Saved · version 1", {
        timeout: 10_000,
      });
      await screenshot(page, "05-saved");

      // A reload shows the saved card, not a stale draft.
      await openDesigner(page, server);
      expect(await page.$eval('[data-testid="designer-status"]', (el) => el.textContent)).toBe("Saved · version 1");
      expect(await widthOfCell(page, "email")).toBe("span 12");

      // Preview with a real record: its values, read-only, where the design puts them.
      const previewed = await page.$eval(".fd-preview-pick select option:nth-child(2)", (o) => (o as HTMLOptionElement).value);
      await page.select(".fd-preview-pick select", previewed);
      await page.waitForSelector(".fd-preview #field-preview-phone");
      const token = await createApiToken(server.url);
      const record = (await (
        await fetch(`${server.url}/api/t/clients/${previewed}`, { headers: { Authorization: `Bearer ${token}` } })
      ).json()) as Client;
      expect(await page.$eval(".fd-preview #field-preview-name", (el) => (el as HTMLInputElement).value)).toBe(record.name);
      expect(
        await page.$eval('.fd-preview section[aria-label="Bank details"] #field-preview-phone', (el) => (el as HTMLInputElement).readOnly),
      ).toBe(true);
      await screenshot(page, "06-preview");
      await page.click(".fd-preview-banner button");
      await page.waitForSelector('[id^="DndLiveRegion"]');
      await page.browserContext().close();

      await checkAsStaff(server, "mouse");
      await checkSaveIsGuarded(server);

      // The schema changes under the saved card: Website is renamed, Address line 2 removed.
      const api = async (method: string, url: string, body?: unknown) => {
        const response = await fetch(`${server.url}${url}`, {
          method,
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        expect(response.status, text).toBeLessThan(300);
        return JSON.parse(text) as {
          version: number;
          schema: { $defs: Record<string, { properties: Record<string, unknown>; required?: string[] }> };
        };
      };
      const current = await api("GET", "/api/schema");
      const next = structuredClone(current.schema);
      const props = next.$defs.clients.properties;
      next.$defs.clients.properties = Object.fromEntries(
        Object.entries(props).flatMap(([k, v]) => (k === "address_line2" ? [] : [[k === "website" ? "homepage" : k, v]])),
      );
      await api("PUT", "/api/schema", { baseVersion: current.version, schema: next, confirmDestructive: true });
      const again = await newPage();
      await again.setViewport({ width: 1440, height: 1500 });
      await signInPage(again, server.url);
      await openDesigner(again, server);
      const notices = await again.$eval('[data-testid="schema-notices"]', (el) => el.textContent ?? "");
      expect(notices).toContain('The field "website" is now "homepage"; the card follows it');
      expect(notices).toContain('The field "address_line2" was removed from Clients');
      expect(await again.$('.fd-cell[data-field="homepage"]')).not.toBeNull();
      expect(await again.$('.fd-cell[data-field="address_line2"]')).toBeNull();
      await screenshot(again, "07-schema-changed");
      await again.browserContext().close();
      expect(browserErrors).toEqual([]);
    } finally {
      await server.stop();
    }
  }, 180_000);

  // The mouse run uses SQLite; this one MariaDB when the tests have it (always on CI).
  it("with the keyboard only: the same move with the drag handle, Space, arrows and Space", async () => {
    const database = await createPreferredTestDatabase();
    const server = await startAppServer({ database });
    try {
      const page = await newPage();
      await page.setViewport({ width: 1440, height: 1500 });
      await signInPage(page, server.url);
      await openDesigner(page, server);

      await page.focus('button[aria-label="Drag Email"]');
      await page.keyboard.press("Space");
      await waitAnnounced(page, "Picked up Email");
      await stepUntil(page, "ArrowUp", ".fd-tab");
      const overTab = await page.$eval(".fd-tab.is-over", (el) => Number(el.getAttribute("data-drop")!.slice(4)));
      await stepUntil(page, overTab > 1 ? "ArrowLeft" : "ArrowRight", '[data-drop="tab:1"]');
      await page.waitForSelector("#fd-panel-1", { visible: true });
      await stepUntil(page, "ArrowDown", '#fd-panel-1 [data-drop="gap:1.0"]');
      // Not full-page: resizing the viewport would cancel a keyboard drag.
      await page.screenshot({ path: path.join(SCREENSHOTS, "form-designer-kb-01-over-contacts.png") });
      await page.keyboard.press("Space");
      await waitAnnounced(page, "Email moved to tab Contacts, row 1.");
      await page.waitForSelector('#fd-panel-1 .fd-cell[data-field="email"]');

      // A reload asks first, then brings the draft back from sessionStorage.
      await page.reload({ waitUntil: "networkidle0" });
      expect(leaveWarnings.length).toBeGreaterThan(0);
      await listen(page);
      await page.waitForSelector('#fd-panel-0 .fd-cell[data-field="phone"]');
      expect(await page.$('.fd-cell[data-field="email"]')).not.toBeNull();
      expect(await page.$eval('.fd-cell[data-field="email"]', (el) => el.closest('[role="tabpanel"]')!.id)).toBe("fd-panel-1");
      expect(await page.$eval('[data-testid="designer-status"]', (el) => el.textContent)).toBe("Unsaved changes");
      await page.click("#fd-tab-1");

      // Shift+→ on the handle widens: 6 → 8 → 12 columns.
      await page.focus('button[aria-label="Drag Email"]');
      await page.keyboard.down("Shift");
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      await page.keyboard.up("Shift");
      expect(await widthOfCell(page, "email")).toBe("span 12");

      await page.focus("#fd-tab-1");
      await page.keyboard.press("ArrowLeft");
      await page.waitForSelector("#fd-panel-0", { visible: true });
      await typeSectionName(page, "Bank details");
      await page.keyboard.press("Enter");
      await page.waitForSelector('section.fd-section[data-section="Bank details"]');

      await page.focus('button[aria-label="Drag Phone"]');
      await page.keyboard.press("Space");
      await waitAnnounced(page, "Picked up Phone");
      await stepUntil(page, "ArrowDown", '[data-drop="gap:0.1.0"]');
      await page.keyboard.press("Space");
      await waitAnnounced(page, "Phone moved to tab Details, section Bank details, row 1.");
      // Ctrl+Z puts it back, Ctrl+Shift+Z moves it again.
      const sectionOfPhone = () => page.$eval('.fd-cell[data-field="phone"]', (el) => el.closest("section")!.getAttribute("data-section"));
      await page.keyboard.down("Control");
      await page.keyboard.press("z");
      expect(await sectionOfPhone()).toBe("Details");
      await page.keyboard.down("Shift");
      await page.keyboard.press("z");
      await page.keyboard.up("Shift");
      await page.keyboard.up("Control");
      expect(await sectionOfPhone()).toBe("Bank details");

      await page.focus('button[aria-label="Drag Website"]');
      await page.keyboard.press("Space");
      await waitAnnounced(page, "Picked up Website");
      await stepUntil(page, "ArrowDown", '[data-drop="gap:0.1.1"]');
      await page.keyboard.press("Space");
      await waitAnnounced(page, "Website moved to tab Details, section Bank details, row 2.");
      // Focus follows the moved field, so the next key press acts on it.
      await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Drag Website");
      await screenshot(page, "kb-02-bank-details");

      await page.focus('[data-testid="save-layout"]');
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.querySelector('[data-testid="designer-status"]')?.textContent === "Saved · version 1", {
        timeout: 10_000,
      });
      await page.browserContext().close();

      await checkAsStaff(server, "keyboard");
      expect(browserErrors).toEqual([]);

      // Two admins on the same card: the second save is refused, said plainly, and the work stays.
      const [first, second] = [await newPage(), await newPage()];
      for (const p of [first, second]) {
        await p.setViewport({ width: 1440, height: 1500 });
        await signInPage(p, server.url);
        await openDesigner(p, server);
      }
      for (const [p, label] of [
        [second, "Theirs"],
        [first, "Mine"],
      ] as const) {
        await typeFully(p, 'input[aria-label="New section name"]', label);
        await p.keyboard.press("Enter");
        await p.waitForSelector(`section.fd-section[data-section="${label}"]`);
        await p.click('[data-testid="save-layout"]');
        if (p === second)
          await second.waitForFunction(
            () => document.querySelector('[data-testid="designer-status"]')?.textContent === "Saved · version 2",
          );
      }
      const refused = await first.waitForSelector('[data-testid="save-error"]');
      expect(await refused!.evaluate((el) => el.textContent)).toContain("was saved by someone else meanwhile (version 2, you edited 1)");
      expect(await first.$('section.fd-section[data-section="Mine"]')).not.toBeNull();
      expect(await first.$eval('[data-testid="designer-status"]', (el) => el.textContent)).toBe("Unsaved changes");
      await screenshot(first, "kb-03-conflict");

      // Many tabs wrap inside the canvas (each header is a drop target), and the side panel's
      // buttons naming a long tab hold their words.
      for (const label of ["Bank and payment terms", "Notes from the account manager"]) {
        await typeFully(first, 'input[aria-label="New tab name"]', label);
        await first.keyboard.press("Enter");
        await first.waitForFunction(
          (l: string) => [...document.querySelectorAll('[role="tab"]')].some((t) => t.textContent === l),
          {},
          label,
        );
      }
      const outside = await first.evaluate(() => {
        const canvas = document.querySelector(".fd-canvas")!.getBoundingClientRect();
        return [...document.querySelectorAll('[role="tab"]')]
          .filter((t) => t.getBoundingClientRect().right > canvas.right + 0.5)
          .map((t) => t.textContent);
      });
      expect(outside).toEqual([]);
      const spilled = await first.$$eval(".fd-inspector button", (bs) =>
        bs.filter((b) => b.scrollHeight > b.clientHeight + 1).map((b) => b.textContent),
      );
      expect(spilled).toEqual([]);
      await screenshot(first, "kb-04-many-tabs");
      browserErrors.splice(0, browserErrors.length, ...browserErrors.filter((e) => !/status of 409/.test(e)));
      expect(browserErrors).toEqual([]);
    } finally {
      await server.stop();
      await database?.drop();
    }
  }, 180_000);
});
