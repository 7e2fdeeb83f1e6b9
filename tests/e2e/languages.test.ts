import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInSession } from "../helpers/browser";
import { hasTool } from "../helpers/tools";

/**
 * A Swedish and a Chinese reader go through the list, a card, a save and a printed invoice in
 * their language. On each page no English is left: no message of the English catalog, and no
 * English label of the schema, that their language words differently.
 */
const SCREENSHOTS = path.resolve("artifacts/screenshots");
const catalog = (language: string) =>
  JSON.parse(fs.readFileSync(path.resolve("locales", `${language}.json`), "utf8")) as Record<string, unknown>;

function flatten(messages: Record<string, unknown>, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(messages)) {
    const at = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(at, value);
    else flatten(value as Record<string, unknown>, at, out);
  }
  return out;
}

/** English words a reader of `language` must not meet: catalog messages and schema labels that read differently in it. */
function englishWords(
  language: string,
  schema: {
    $defs: Record<
      string,
      {
        title?: string;
        "x-plural"?: string;
        "x-translations"?: Record<string, Record<string, unknown>>;
        properties: Record<string, { title?: string; "x-translations"?: Record<string, Record<string, unknown>> }>;
      }
    >;
  },
): string[] {
  const english = flatten(catalog("en"));
  const theirs = flatten(catalog(language));
  // A word their language writes too ("Export" in "Export och import", "Status") is not English left over.
  const theirText = [...theirs.values()].join("\n");
  const words = new Set<string>();
  for (const [key, text] of english) {
    if (key.startsWith("language.") || key.startsWith("print.") || theirs.get(key) === text) continue;
    // The fixed text of a message, without its placeholders: "No {{noun}} yet." → "yet."
    for (const part of text.split(/{{[^}]*}}/)) if (part.trim().length >= 4) words.add(part.trim());
  }
  for (const table of Object.values(schema.$defs)) {
    const own = table["x-translations"]?.[language] ?? {};
    if (table.title && own.title && own.title !== table.title) words.add(table.title);
    if (table["x-plural"] && own["x-plural"] && own["x-plural"] !== table["x-plural"]) words.add(table["x-plural"]);
    for (const field of Object.values(table.properties)) {
      const t = field["x-translations"]?.[language]?.title;
      if (field.title && t && t !== field.title) words.add(field.title);
    }
  }
  return [...words].filter((w) => !new RegExp(`(^|[^\\p{L}])${escapeRegExp(w)}($|[^\\p{L}])`, "u").test(theirText));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The English words of `words` that the page shows (its visible text), whole words only. */
async function englishLeftOn(page: Page, words: string[], allowed: string[] = []): Promise<string[]> {
  let text = await page.evaluate(() => document.body.innerText);
  // The signed-in person's name is theirs, not a word of the screens.
  const me = await page.$eval(".user-menu__name", (e) => e.textContent ?? "");
  for (const a of [...allowed, me].filter(Boolean)) text = text.split(a).join(" ");
  return words.filter((w) => new RegExp(`(^|[^\\p{L}])${escapeRegExp(w)}($|[^\\p{L}])`, "u").test(text));
}

async function pdfText(page: Page, href: string): Promise<string> {
  const base64 = await page.evaluate(async (h) => {
    const bytes = new Uint8Array(await (await fetch(h)).arrayBuffer());
    let s = "";
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }, href);
  return execFileSync("pdftotext", ["-raw", "-", "-"], { input: Buffer.from(base64, "base64") }).toString("utf8");
}

async function chooseLanguage(page: Page, url: string, language: string) {
  await page.goto(`${url}/account/language`, { waitUntil: "networkidle0" });
  await page.select('select[name="language"]', language);
  await Promise.all([
    page.waitForNavigation({ waitUntil: "networkidle0" }),
    page.click('[data-testid="language-form"] button[type="submit"]'),
  ]);
  expect(await page.$eval("html", (h) => h.lang)).toBe(language);
}

/** Ctrl+S on a client card, until the save has answered. */
async function saveWithKeyboard(page: Page) {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() !== "GET" && r.url().includes("/t/clients/")),
    page.keyboard
      .down("Control")
      .then(() => page.keyboard.press("s"))
      .then(() => page.keyboard.up("Control")),
  ]);
}

async function shoot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe("the app in Swedish and in Chinese", () => {
  let session: Awaited<ReturnType<typeof signedInSession>>;
  let schema: Parameters<typeof englishWords>[1];

  beforeAll(async () => {
    session = await signedInSession({ width: 1280, height: 900 });
    schema = (await session.page.evaluate(async () => (await (await fetch("/api/schema")).json()) as { schema: unknown }))
      .schema as typeof schema;
  }, 120_000);
  afterAll(async () => session?.close());

  it("a Swedish reader lists clients, opens one, saves it and prints its invoice, all in Swedish", { timeout: 90_000 }, async () => {
    const { page, server } = session;
    await chooseLanguage(page, server.url, "sv");
    const words = englishWords("sv", schema);

    await page.goto(`${server.url}/t/clients`, { waitUntil: "networkidle0" });
    expect(await page.$eval("h1", (h) => h.textContent)).toBe("Kunder");
    expect(await page.$eval(".list-header__summary", (p) => p.textContent)).toMatch(/^\d+ poster$/);
    await shoot(page, "languages-sv-list");
    // Names are the firm's data, in whatever language they were written ("Praha Print").
    const names = await page.evaluate(async () =>
      ((await (await fetch("/api/t/clients?pageSize=200")).json()) as { rows: { name: string }[] }).rows.map((r) => r.name),
    );
    expect(await englishLeftOn(page, words, names)).toEqual([]);

    const svensk = names.indexOf("Svensk Träteknik");
    expect(svensk).toBeGreaterThanOrEqual(0);
    await Promise.all([
      page.waitForNavigation({ waitUntil: "networkidle0" }),
      page.$$eval(".list-scroll tbody a", (links, name) => links.find((a) => a.textContent === name)!.click(), "Svensk Träteknik"),
    ]);
    // The card is a navigation in the page: the address changes before React has drawn it.
    await page.waitForSelector('textarea[name="notes"]');
    expect(await page.$eval("body", (b) => b.innerText)).toContain("Dokumentspråk");
    await page.$eval('textarea[name="notes"]', (t) => ((t as HTMLTextAreaElement).value = ""));
    await page.type('textarea[name="notes"]', "Ring Erik före jul.");
    await saveWithKeyboard(page);
    await page.waitForFunction(() => document.body.innerText.includes("Ring Erik före jul."));
    await shoot(page, "languages-sv-card");
    // What people wrote (notes, the invoice text an email carried) is theirs, like names: "… by the recipient".
    const written = await page.$$eval(".timeline__text", (ps) => ps.map((p) => p.textContent ?? ""));
    expect(await englishLeftOn(page, words, ["Svensk Träteknik", ...written])).toEqual([]);

    const clientId = Number(new URL(page.url()).pathname.split("/").pop());
    // The form designer names the card's fields as the card does.
    await page.goto(`${server.url}/admin/forms/clients`, { waitUntil: "networkidle0" });
    await page.waitForSelector('.fd-cell[data-field="language"]');
    expect(await page.$eval('.fd-cell[data-field="language"]', (c) => (c as HTMLElement).innerText)).toContain("Dokumentspråk");
    expect(await page.$eval("main", (m) => m.innerText)).not.toContain("Document language");
    await shoot(page, "languages-sv-form-designer");
    // The card it starts from carries every language's words, so saving it keeps the card Swedish.
    const designer = await page.evaluate(
      async () =>
        (await (await fetch("/admin/forms/clients?_data=routes%2Fadmin.forms.%24table")).json()) as {
          layout: { elements: { label: string; "x-translations"?: Record<string, { label?: string }> }[] };
        },
    );
    const contactsTab = designer.layout.elements.find((e) => e.label === "Contacts");
    expect(contactsTab?.["x-translations"]?.sv?.label).toBe("Kontakter");
    // So does the print designer's field picker (its data, without waiting for GrapesJS).
    const printDesigner = await page.evaluate(
      async () =>
        (await (await fetch("/admin/prints/invoice?_data=routes%2Fadmin.prints.%24id")).json()) as {
          fieldOptions: { path: string; label: string; group: string }[];
        },
    );
    const dueDate = printDesigner.fieldOptions.find((o) => o.path === "record.due_date");
    expect(dueDate?.label).toBe("Förfallodatum");
    // And the schema diagram.
    const diagram = await page.evaluate(
      async () =>
        (await (await fetch("/admin/schema-diagram?_data=routes%2Fadmin.schema-diagram")).json()) as {
          layout: { boxes: { table: { key: string; label: string } }[] };
        },
    );
    expect(diagram.layout.boxes.find((b) => b.table.key === "clients")?.table.label).toBe("Kunder");

    if (!hasTool("pdftotext")) return;
    const invoices = await page.evaluate(
      async () => (await (await fetch("/api/t/invoices?pageSize=200")).json()) as { rows: { id: number; client: number }[] },
    );
    const invoice = invoices.rows.find((r) => r.client === clientId)!;
    const text = await pdfText(page, `/api/print/invoice/${invoice.id}.pdf`);
    expect(text).toMatch(/FAKTURA/);
    expect(text).toMatch(/Belopp i ord|BELOPP I ORD/);
    expect(text).not.toMatch(/AMOUNT IN WORDS|DUE DATE|Page \d/);
  });

  it(
    "a Chinese reader finds a client by a word inside its name, saves it and prints its invoice, all in Chinese",
    { timeout: 90_000 },
    async () => {
      const { page, server } = session;
      await chooseLanguage(page, server.url, "zh");
      const words = englishWords("zh", schema);
      const made = await page.evaluate(async () => {
        const post = async (url: string, body: unknown) =>
          (await (
            await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
          ).json()) as { id: number };
        const client = await post("/api/t/clients", { kind: "company", name: "北京科技有限公司", status: "active", language: "zh" });
        const invoice = await post("/api/t/invoices", {
          client: client.id,
          date: "2026-12-01",
          status: "draft",
          currency: "EUR",
          items: [{ description: "软件许可", quantity: 2, price: 1500, tax_rate: 0 }],
        });
        return { client: client.id, invoice: invoice.id };
      });

      // The header's search box finds it too, under the table's Chinese name.
      await page.goto(`${server.url}/`, { waitUntil: "networkidle0" });
      // The box searches as it is typed into, once the page's script has it.
      await page.waitForSelector("html[data-hydrated]");
      await page.type(".global-search input", "科技");
      await page.waitForSelector(".global-search-results [role=group]");
      expect(await page.$eval(".global-search-results", (r) => (r as HTMLElement).innerText)).toMatch(/客户[\s\S]*北京科技有限公司/);

      await page.goto(`${server.url}/t/clients?q=${encodeURIComponent("科技")}`, { waitUntil: "networkidle0" });
      expect(await page.$eval("h1", (h) => h.textContent)).toBe("客户");
      expect(await page.$eval(".list-scroll", (s) => s.textContent)).toContain("北京科技有限公司");
      await shoot(page, "languages-zh-list");
      expect(await englishLeftOn(page, words)).toEqual([]);

      await Promise.all([
        page.waitForNavigation({ waitUntil: "networkidle0" }),
        page.click(`.list-scroll a[href="/t/clients/${made.client}"]`),
      ]);
      await page.waitForSelector('input[name="city"]');
      await page.type('input[name="city"]', "北京");
      await saveWithKeyboard(page);
      await shoot(page, "languages-zh-card");
      expect(await englishLeftOn(page, words)).toEqual([]);

      if (!hasTool("pdftotext")) return;
      const text = await pdfText(page, `/api/print/invoice/${made.invoice}.pdf`);
      expect(text).toContain("发票");
      expect(text).toContain("欧元叁仟元整");
      expect(text).not.toMatch(/INVOICE|AMOUNT IN WORDS/);
    },
  );
  it("an Armenian reader's dates stay Armenian once the page comes alive, in a browser without Armenian formats", async () => {
    const { page, server } = session;
    await chooseLanguage(page, server.url, "hy");
    await page.goto(`${server.url}/t/invoices`, { waitUntil: "networkidle0" });
    // React has taken over the list (its fibers are on the nodes), after the formats were loaded.
    await page.waitForFunction(() => Object.keys(document.querySelector(".list-scroll table") ?? {}).some((k) => k.startsWith("__react")));
    const dates = await page.$$eval(".list-scroll tbody td", (tds) =>
      tds.map((td) => td.textContent ?? "").filter((t) => /2026/.test(t) && !t.startsWith("INV-")),
    );
    expect(dates.length).toBeGreaterThan(0);
    for (const date of dates) expect(date).toMatch(/թ\./);
    expect(dates.join(" ")).not.toMatch(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/);
    await shoot(page, "languages-hy-list");
  });
});
