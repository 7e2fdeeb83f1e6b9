import fs from "node:fs";
import path from "node:path";
import type { Browser, ElementHandle, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken, sessionHeaders, signIn, signInPage } from "../helpers/auth";
import { launchBrowser } from "../helpers/browser";
import { testDatabases, type TestDatabase } from "../helpers/databases";

const SCREENSHOTS = path.resolve("artifacts/screenshots");
const STAFF = { email: "staff-schema@tessera.test", password: "staff-schema-password-1" };

describe.each(testDatabases)("an admin reshapes clients in the schema designer ($name)", { timeout: 60_000 }, ({ name, create }) => {
  let database: TestDatabase | undefined;
  let server: AppServer;
  let browser: Browser | undefined;
  let admin: Page;
  let staff: Page;
  let token: string;
  let clientId = 0;
  let clientPhone = "";
  const browserErrors: string[] = [];
  // Only while the stale-version step runs: the 409 is the point of that step.
  let expectingConflict = false;

  const api = async <T>(method: string, pathAndQuery: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${server.url}${pathAndQuery}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  const screenshot = async (page: Page, step: string) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `schema-designer-${name}-${step}.png`), fullPage: true });
  };
  const watch = (page: Page) => {
    page.on("pageerror", (error) => browserErrors.push(String(error)));
    page.on("console", (message) => {
      if (message.type() === "error" && !(expectingConflict && /\b409\b/.test(message.text()))) browserErrors.push(message.text());
    });
    page.on("response", (response) => {
      if (response.status() >= 400 && !(expectingConflict && response.status() === 409))
        browserErrors.push(`${response.status()} ${response.url()}`);
    });
  };
  /** Field keys of the selected table, in the order the designer shows them. */
  const fieldOrder = () => admin.$$eval("ol.sd-fields > li[data-field]", (rows) => rows.map((r) => r.getAttribute("data-field")));
  const clickButton = async (page: Page, text: string, within = "") => {
    const [button] = await page.$$(`xpath/.${within}//button[normalize-space()='${text}']`);
    expect(button, `a button "${text}"`).toBeDefined();
    await (button as ElementHandle<HTMLButtonElement>).click();
  };
  const typeInto = async (page: Page, selector: string, text: string) => {
    await page.click(selector, { count: 3 });
    await page.keyboard.press("Backspace");
    await page.type(selector, text);
  };
  const center = async (handle: ElementHandle<Element> | null) => {
    const box = await handle!.boundingBox();
    return { x: box!.x + box!.width / 2, y: box!.y + box!.height / 2 };
  };
  const versionNow = async () => (await api<{ version: number }>("GET", "/api/schema")).body.version;

  beforeAll(async () => {
    database = await create();
    [server, browser] = await Promise.all([startAppServer({ database }), launchBrowser()]);
    const session = await signIn(server.url);
    token = await createApiToken(server.url, session);
    const added = await fetch(`${server.url}/api/users`, {
      method: "POST",
      headers: { ...sessionHeaders(server.url, session), "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Sam Staff", email: STAFF.email, role: "staff", password: STAFF.password }),
    });
    expect(added.status, await added.clone().text()).toBe(201);
    // A saved view sorted by a field without an index: the index advisor proposes one.
    const saved = await fetch(`${server.url}/t/clients?index`, {
      method: "POST",
      redirect: "manual",
      headers: { ...sessionHeaders(server.url, session), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        _csrf: session.csrfToken,
        intent: "save-view",
        name: "By postcode",
        shared: "on",
        search: "sort=postcode",
      }).toString(),
    });
    expect(saved.status, await saved.clone().text()).toBeLessThan(400);

    admin = await browser.newPage();
    await admin.setViewport({ width: 1440, height: 1400 });
    watch(admin);
    await signInPage(admin, server.url);
    staff = await (await browser.createBrowserContext()).newPage();
    await staff.setViewport({ width: 1280, height: 900 });
    watch(staff);
    await signInPage(staff, server.url, STAFF.email, STAFF.password);

    const { body } = await api<{ rows: { id: number; phone: string | null }[] }>(
      "GET",
      `/api/t/clients?pageSize=50&sort=id&filter=${encodeURIComponent(JSON.stringify({ field: "phone", op: "notEmpty" }))}`,
    );
    clientId = body.rows[0].id;
    clientPhone = body.rows[0].phone ?? "";
    expect(clientPhone, "the demo data has clients with a phone number").not.toBe("");
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it("refuses staff with 403", async () => {
    const answer = await staff.goto(`${server.url}/admin/schema`, { waitUntil: "networkidle0" });
    expect(answer?.status()).toBe(403);
    // The refusal is the point of this step, not a browser error.
    browserErrors.length = 0;
  });

  it("shows the tables by group and the fields of clients with kind, key and flags", async () => {
    const answer = await admin.goto(`${server.url}/admin/schema`, { waitUntil: "networkidle0" });
    expect(answer?.status(), server.output()).toBe(200);
    const groups = await admin.$$eval(".sd-tables__group > h3", (hs) => hs.map((h) => h.textContent));
    expect(groups.slice(0, 6)).toEqual(["CRM", "Service", "Sales", "Catalog", "Purchasing", "Settings"]);
    await admin.click('button[data-table="clients"]');
    await admin.waitForSelector('li[data-field="phone"]');
    expect(await admin.$eval('li[data-field="manager"] .sd-field__kind', (el) => el.textContent)).toMatch(/Link to record → Users/);
    expect(await admin.$eval('li[data-field="name"] .sd-flags-list', (el) => el.textContent)).toContain("required");
    expect(
      await admin.$$eval(
        'a[href="/admin/trash"], a[href="/admin/config"], a[href="/admin/schema-diagram"]',
        (as) => as.filter((a) => !a.closest(".side-nav")).length,
      ),
    ).toBe(3);
    await screenshot(admin, "01-clients");
  });

  it("adds a Region choice field to the draft", async () => {
    await clickButton(admin, "+ Add field");
    await admin.waitForSelector('form[aria-labelledby="sd-add-field-title"]');
    const form = 'form[aria-labelledby="sd-add-field-title"]';
    await admin.select(`${form} select[name="kind"]`, "select");
    await admin.type(`${form} input[name="title"]`, "Region");
    expect(await admin.$eval(`${form} input[name="key"]`, (el) => (el as HTMLInputElement).value)).toBe("region");
    await admin.type(`${form} textarea[name="choices"]`, "North\nSouth\nEast\nWest");
    await screenshot(admin, "02-add-field");
    await clickButton(admin, "Add to draft", `//form[@aria-labelledby='sd-add-field-title']`);
    await admin.waitForSelector('li[data-field="region"]');
    expect((await fieldOrder()).at(-1)).toBe("region");
    expect(await admin.$eval(".sd-bar__state", (el) => el.textContent)).toContain("1 edit in the draft");
  });

  it("drags Region above Phone with the mouse", async () => {
    await admin.$eval('li[data-field="region"]', (el) => el.scrollIntoView({ block: "end" }));
    const from = await center(await admin.$('li[data-field="region"] .sd-handle'));
    const to = await center(await admin.$('li[data-field="phone"]'));
    await admin.mouse.move(from.x, from.y);
    await admin.mouse.down();
    // Past the activation distance first, then on to Phone in small steps, as a hand would.
    await admin.mouse.move(from.x, from.y - 10, { steps: 3 });
    await admin.mouse.move(to.x, to.y - 4, { steps: 25 });
    // Let go only once dnd-kit has taken Phone as the target: on a busy machine its pointer
    // handling runs behind the mouse, and a release before that drops Region where it last was.
    await admin.waitForFunction(
      () => [...document.querySelectorAll("[id^='DndLiveRegion']")].some((e) => e.textContent?.includes("where Phone was")),
      { timeout: 15_000 },
    );
    await admin.mouse.up();
    await admin
      .waitForFunction(
        () => {
          const keys = [...document.querySelectorAll("ol.sd-fields > li[data-field]")].map((r) => r.getAttribute("data-field"));
          return keys.indexOf("region") === keys.indexOf("phone") - 1;
        },
        { timeout: 5000 },
      )
      .catch(() => undefined);
    const order = await fieldOrder();
    expect(order.indexOf("region"), order.join(", ")).toBe(order.indexOf("phone") - 1);
  });

  it("renames Phone to Mobile phone, then its key to mobile_phone", async () => {
    await admin.click('li[data-field="phone"] .sd-field__open');
    // The editor still shows Region (just added) until React has taken the click: typing before
    // that renamed Region instead of Phone.
    const settings = '.sd-editor[data-field="phone"] form[aria-labelledby="sd-settings-title"]';
    await admin.waitForSelector(settings);
    await typeInto(admin, `${settings} input[name="title"]`, "Mobile phone");
    await clickButton(admin, "Save to draft", `//div[@data-field='phone']//form[@aria-labelledby='sd-settings-title']`);
    await admin.waitForFunction(() => document.querySelector('li[data-field="phone"] .sd-field__label')?.textContent === "Mobile phone");
    await typeInto(admin, '.sd-editor[data-field="phone"] input[name="newKey"]', "mobile_phone");
    await clickButton(admin, "Change key");
    await admin.waitForSelector('li[data-field="mobile_phone"]');
    expect(await admin.$('li[data-field="phone"]')).toBeNull();
    await screenshot(admin, "03-renamed");
  });

  it("reorders with the keyboard only: Space, ArrowUp, Space on a drag handle", async () => {
    const before = await fieldOrder();
    const i = before.indexOf("city");
    // On a loaded machine a key press can land before React has settled after the last edit:
    // lifting is retried (a lift is visible as .is-dragging, so a second Space never drops).
    for (let attempt = 0; attempt < 3; attempt++) {
      await admin.focus('li[data-field="city"] .sd-handle');
      expect(await admin.evaluate(() => document.activeElement?.getAttribute("data-field-handle"))).toBe("city");
      await admin.keyboard.press("Space");
      if (await admin.waitForSelector('li[data-field="city"].is-dragging', { timeout: 5000 }).catch(() => null)) break;
    }
    await admin.waitForSelector('li[data-field="city"].is-dragging', { timeout: 1000 });
    await admin.keyboard.press("ArrowUp");
    // Drop only once dnd-kit has moved City over the field above (its announcement says so): on a
    // busy machine a Space right after the arrow dropped City where it was.
    await admin.waitForFunction(
      (position: number) =>
        [...document.querySelectorAll("[id^='DndLiveRegion']")].some((e) =>
          e.textContent?.includes(`Field City is now at position ${position} of`),
        ),
      { timeout: 15_000 },
      i,
    );
    await admin.keyboard.press("Space");
    await admin.waitForFunction(
      (at: number) => document.querySelectorAll("ol.sd-fields > li[data-field]")[at]?.getAttribute("data-field") === "city",
      {},
      i - 1,
    );
    const after = await fieldOrder();
    expect(after.indexOf("city")).toBe(i - 1);
    expect(after[i]).toBe(before[i - 1]);
    // dnd-kit's live region told a screen reader what happened, by the field's label.
    const announced = await admin.$$eval("[id^='DndLiveRegion']", (els) => els.map((e) => e.textContent).join(" "));
    expect(announced).toMatch(/Field City was dropped at position \d+ of \d+/);
  });

  it("keeps the draft across a reload", async () => {
    await admin.reload({ waitUntil: "networkidle0" });
    await admin.waitForFunction(() => document.querySelector(".sd-bar__state")?.textContent?.includes("5 edits in the draft"));
    await admin.click('button[data-table="clients"]');
    const order = await fieldOrder();
    expect(order).toContain("mobile_phone");
    expect(order.indexOf("region")).toBe(order.indexOf("mobile_phone") - 1);
  });

  it("adds the index advised for a slow saved view to the draft", async () => {
    const advice = await admin.$eval(".sd-advice", (el) => el.textContent ?? "");
    expect(advice).toMatch(/Create this index on Clients: Postcode/);
    expect(advice).toContain("“By postcode”");
    const [tick] = await admin.$$("xpath/.//section[contains(@class,'sd-advice')]//label[contains(., 'Postcode')]/input");
    await (tick as ElementHandle<HTMLInputElement>).click();
    await admin.waitForFunction(() => document.querySelector(".sd-bar__state")?.textContent?.includes("6 edits in the draft"));
  });

  it("reviews the plan in plain words and applies it", async () => {
    const before = await versionNow();
    await admin.click('[data-testid="open-review"]');
    await admin.waitForSelector(".sd-review__steps li");
    const steps = await admin.$$eval(".sd-review__steps li", (lis) => lis.map((li) => li.textContent ?? ""));
    expect(steps.join("\n")).toMatch(/Add field “Region”/);
    expect(steps.join("\n")).toMatch(/phone/i);
    expect(steps.join("\n")).toMatch(/index/i);
    const impacts = await admin.$$eval(".sd-review__impacts li", (lis) => lis.map((li) => li.textContent ?? ""));
    expect(impacts.join("\n")).toMatch(/The key change of “Mobile phone” \(Clients\): (used in|not used)/);
    await screenshot(admin, "04-review");
    await clickButton(admin, "Apply the change");
    await admin.waitForSelector('[data-testid="schema-applied"]', { timeout: 30_000 });
    expect(await versionNow()).toBe(before + 1);
    expect(await admin.$eval('[data-testid="schema-applied"]', (el) => el.textContent)).toContain(`version ${before + 1}`);
    await screenshot(admin, "05-applied");
    const { body } = await api<{
      schema: { $defs: { clients: { properties: Record<string, unknown>; "x-indexes"?: { fields: string[] }[] } } };
    }>("GET", "/api/schema");
    const keys = Object.keys(body.schema.$defs.clients.properties);
    expect(keys.indexOf("region")).toBe(keys.indexOf("mobile_phone") - 1);
    expect(body.schema.$defs.clients["x-indexes"]?.map((ix) => ix.fields)).toEqual([["postcode"]]);
  });

  it("staff see the new field in the list and the renamed one, with its values, on the card, without a restart", async () => {
    await staff.goto(`${server.url}/t/clients`, { waitUntil: "networkidle0" });
    const headers = await staff.$$eval("table.data-grid thead th", (ths) => ths.map((th) => th.textContent?.trim() ?? ""));
    expect(headers.join("|")).toContain("Region");
    await screenshot(staff, "06-staff-list");
    await staff.goto(`${server.url}/t/clients/${clientId}`, { waitUntil: "networkidle0" });
    expect(await staff.$eval('label[for="field-mobile_phone"]', (el) => el.textContent)).toContain("Mobile phone");
    expect(await staff.$eval("#field-mobile_phone", (el) => (el as HTMLInputElement).value)).toBe(clientPhone);
    expect(await staff.$("#field-region")).not.toBeNull();
    await screenshot(staff, "07-staff-card");
  });

  it("print templates follow the renamed key: the invoice still prints", async () => {
    const { body } = await api<{ rows: { id: number }[] }>("GET", "/api/t/invoices?pageSize=1&sort=id");
    const response = await fetch(`${server.url}/api/print/invoice/${body.rows[0].id}.pdf`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(
      response.status,
      await response
        .clone()
        .text()
        .catch(() => ""),
    ).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/pdf");
  });

  it("says so when another admin applied a change meanwhile, and rebases the draft", async () => {
    await clickButton(admin, "Back to editing");
    await admin.click('button[data-table="clients"]');
    await admin.click('li[data-field="notes"] .sd-field__open');
    const settings = '.sd-editor[data-field="notes"] form[aria-labelledby="sd-settings-title"]';
    await admin.waitForSelector(settings);
    await typeInto(admin, `${settings} input[name="title"]`, "Remarks");
    await clickButton(admin, "Save to draft", `//div[@data-field='notes']//form[@aria-labelledby='sd-settings-title']`);
    await admin.waitForFunction(() => document.querySelector('li[data-field="notes"] .sd-field__label')?.textContent === "Remarks");

    // Another admin, through the API: the website field gets a help text.
    const { body: current } = await api<{
      version: number;
      schema: { $defs: Record<string, { properties: Record<string, Record<string, unknown>> }> };
    }>("GET", "/api/schema");
    current.schema.$defs.clients.properties.website.description = "Their main site";
    const other = await api<{ version: number }>("PUT", "/api/schema", { baseVersion: current.version, schema: current.schema });
    expect(other.status).toBe(200);

    expectingConflict = true;
    await admin.click('[data-testid="open-review"]');
    await admin.waitForSelector('[data-testid="schema-conflict"]');
    expect(await admin.$eval('[data-testid="schema-conflict"]', (el) => el.textContent)).toContain(
      `version ${other.body.version} is current`,
    );
    await screenshot(admin, "08-conflict");
    expectingConflict = false;

    await clickButton(admin, `Rebase my draft onto version ${other.body.version}`);
    await admin.waitForSelector(".sd-review__steps li");
    await clickButton(admin, "Apply the change");
    await admin.waitForSelector('[data-testid="schema-applied"]', { timeout: 30_000 });
    const { body: after } = await api<{
      version: number;
      schema: { $defs: Record<string, { properties: Record<string, Record<string, unknown>> }> };
    }>("GET", "/api/schema");
    expect(after.version).toBe(other.body.version + 1);
    // Both changes survive: the other admin's help text and this admin's label.
    expect(after.schema.$defs.clients.properties.website.description).toBe("Their main site");
    expect(after.schema.$defs.clients.properties.notes.title).toBe("Remarks");
    await screenshot(admin, "09-rebased-applied");
  });

  it("checks a formula as it is typed, with the formula parser's messages", async () => {
    await clickButton(admin, "Back to editing");
    await admin.click('button[data-table="clients"]');
    await clickButton(admin, "+ Add field");
    const form = 'form[aria-labelledby="sd-add-field-title"]';
    await admin.waitForSelector(form);
    await admin.select(`${form} select[name="kind"]`, "formula");
    await admin.type(`${form} textarea[name="formula"]`, "nmae + ");
    await admin.waitForSelector(".sd-formula-errors li");
    expect(await admin.$eval(".sd-formula-errors", (el) => el.textContent)).toMatch(/At character \d+/);
    await typeInto(admin, `${form} textarea[name="formula"]`, "nmae");
    expect(await admin.$eval(".sd-formula-errors", (el) => el.textContent)).toMatch(/unknown field "nmae".*name/);
    await screenshot(admin, "10-formula-check");
    await typeInto(admin, `${form} textarea[name="formula"]`, "name");
    await admin.waitForSelector(".sd-formula-ok");
  });

  it("dry-runs a kind change: postcodes that are not whole numbers are named before anything is applied", async () => {
    const versionBefore = await versionNow();
    await admin.click('li[data-field="postcode"] .sd-field__open');
    const form = '.sd-editor[data-field="postcode"] form[aria-labelledby="sd-kind-title"]';
    await admin.waitForSelector(form);
    await admin.select(`${form} select[name="kind"]`, "integer");
    await clickButton(admin, "Check the records", `//form[@aria-labelledby='sd-kind-title']`);
    await admin.waitForSelector(`${form} .sd-conversions li`, { timeout: 15_000 });
    const report = await admin.$eval(`${form} .sd-conversions`, (el) => el.textContent ?? "");
    expect(report).toMatch(/\d+ records? of clients would not convert in “Postcode”/);
    expect(await admin.$$eval(`${form} .sd-conversions li a`, (as) => as.map((a) => a.getAttribute("href")))).toContain(
      `/t/clients/${clientId}`,
    );
    await screenshot(admin, "11-kind-dry-run");
    // Only a dry run: the draft and the schema are untouched.
    expect(await admin.$eval(".sd-bar__state", (el) => el.textContent)).toContain("no edits in the draft");
    expect(await versionNow()).toBe(versionBefore);
  });

  it("creates a table, moves it up in its group, gives it a required field, and discards it all", async () => {
    const versionBefore = await versionNow();
    await clickButton(admin, "+ New table");
    const inputs = await admin.$$('form[aria-label="New table"] input');
    await inputs[0].type("Project");
    await inputs[1].type("Projects");
    expect(await inputs[2].evaluate((el) => (el as HTMLInputElement).value)).toBe("projects");
    await clickButton(admin, "Add table", "//form[@aria-label='New table']");
    await admin.waitForFunction(() => document.querySelector("#sd-table-title")?.textContent === "Projects");
    const crm = () =>
      admin.$$eval('.sd-tables__group[aria-label="CRM"] button[data-table]', (bs) => bs.map((b) => b.getAttribute("data-table")));
    expect(await crm()).toEqual(["clients", "contacts", "events", "tasks", "leads", "notes", "campaigns", "projects"]);
    await admin.click('button[aria-label="Move Projects up"]');
    await admin.waitForFunction(
      () =>
        document.querySelectorAll('.sd-tables__group[aria-label="CRM"] button[data-table]')[6]?.getAttribute("data-table") === "projects",
    );

    // A label and the Required rule in one go: both edits join the draft.
    await clickButton(admin, "+ Add field");
    const form = 'form[aria-labelledby="sd-add-field-title"]';
    await admin.waitForSelector(form);
    await admin.type(`${form} input[name="title"]`, "Title");
    const [required] = await admin.$$(`xpath/.//form[@aria-labelledby='sd-add-field-title']//label[normalize-space()='Required']/input`);
    await (required as ElementHandle<HTMLInputElement>).click();
    await clickButton(admin, "Add to draft", `//form[@aria-labelledby='sd-add-field-title']`);
    await admin.waitForSelector('li[data-field="title"]');
    expect(await admin.$eval('li[data-field="title"] .sd-flags-list', (el) => el.textContent)).toContain("required");
    expect(await admin.$eval(".sd-bar__state", (el) => el.textContent)).toContain("4 edits in the draft");

    // A new navigation group, named as the admin types it.
    const settings = 'form[aria-label="Settings of Projects"]';
    const [groupSelect] = await admin.$$(
      `xpath/.//form[@aria-label='Settings of Projects']//label[normalize-space()='Group']/following::select[1]`,
    );
    await (groupSelect as ElementHandle<HTMLSelectElement>).select("\u0000new");
    await admin.waitForSelector(`${settings} input[name="newGroup"]`);
    await admin.type(`${settings} input[name="newGroup"]`, "Field service");
    await clickButton(admin, "Create group", `//form[@aria-label='Settings of Projects']`);
    await admin.waitForSelector('.sd-tables__group[aria-label="Field service"] button[data-table="projects"]');
    expect(await crm()).toEqual(["clients", "contacts", "events", "tasks", "leads", "notes", "campaigns"]);
    expect(await admin.$eval(".sd-bar__state", (el) => el.textContent)).toContain("5 edits in the draft");
    await screenshot(admin, "12-new-table");

    await clickButton(admin, "Discard draft");
    await admin.waitForFunction(() => document.querySelector(".sd-bar__state")?.textContent?.includes("no edits in the draft"));
    expect(await admin.$('button[data-table="projects"]')).toBeNull();
    expect(await admin.evaluate(() => window.sessionStorage.getItem("tessera.schema-designer.draft"))).toBeNull();
    expect(await versionNow()).toBe(versionBefore);
    expect(browserErrors).toEqual([]);
  });
});
