import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { DEFAULT_CONFIGURATION } from "@seeds/default-configuration";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { hasTool } from "../helpers/tools";

/**
 * Names in Chinese, Japanese, Korean, Armenian, Cyrillic and Greek print as themselves, in fonts
 * embedded in the PDF, never as empty boxes: the text comes back exactly from pdftotext, and
 * pdffonts names the CJK font among the embedded ones. The fonts are the system's (Debian's DejaVu,
 * Droid Sans Fallback and Nanum, installed by .ci/run); page 1 is saved as PNG under artifacts/prints/ to look at.
 */
const ACTOR: Actor = { ...SYSTEM_ACTOR, id: null, name: "Accountant", role: "admin" };
const ARTIFACTS = path.resolve("artifacts/prints");
const HAS_POPPLER = hasTool("pdftotext") && hasTool("pdffonts");

const NAMES = {
  chinese: "北京科技有限公司",
  japanese: "東京サービス株式会社",
  korean: "서울상사 주식회사",
  armenian: "Երևանի Ծրագրային Համակարգեր",
  cyrillic: "Московская Торговая Компания",
  greek: "Αθηναϊκή Εμπορική Εταιρεία",
};

describe.each(testDatabases)("printing every script on $name", (dbKind) => {
  let database: TestDatabase;
  let rt: Runtime;

  beforeAll(async () => {
    database = await dbKind.create();
    rt = await createRuntime({ databaseUrl: database.url, seed: { configuration: DEFAULT_CONFIGURATION.configuration } });
  }, 120_000);
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  it("prints an invoice to a Chinese client with lines in five other scripts, text and fonts intact", async () => {
    const client = await rt.records.create(ACTOR, "clients", { kind: "company", name: NAMES.chinese, status: "active" });
    const invoice = await rt.records.create(ACTOR, "invoices", {
      client: client.id,
      date: "2026-12-01",
      status: "draft",
      currency: "EUR",
      items: Object.entries(NAMES)
        .filter(([script]) => script !== "chinese")
        .map(([, description]) => ({ description, quantity: 1, price: 100, tax_rate: 0 })),
    });
    const { pdf } = await rt.print.printRecord(ACTOR, "invoice", invoice.id);
    expect(pdf.subarray(0, 4).toString("latin1")).toBe("%PDF");
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `scripts-${dbKind.name}.pdf`);
    fs.writeFileSync(file, pdf);
    if (!HAS_POPPLER) return;

    const text = execFileSync("pdftotext", ["-raw", file, "-"]).toString("utf8");
    for (const name of Object.values(NAMES)) expect(text).toContain(name);

    // pdffonts: name, type, encoding, emb, sub, uni, object; every font embedded, one of them CJK.
    const fonts = execFileSync("pdffonts", [file])
      .toString("utf8")
      .split("\n")
      .slice(2)
      .filter((line) => line.trim())
      .map((line) => ({ name: line.split(/\s+/)[0], embedded: /\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line)?.[1] }));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => f.embedded !== "yes")).toEqual([]);
    // Named in the print fonts, as TrueType: Droid Sans Fallback for Han and kana, Nanum Gothic for Hangul.
    expect(fonts.map((f) => f.name)).toContainEqual(expect.stringMatching(/DroidSansFallback/));
    expect(fonts.map((f) => f.name)).toContainEqual(expect.stringMatching(/NanumGothic/));
    if (hasTool("pdftoppm"))
      execFileSync("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", file, file.replace(/\.pdf$/, "")]);
  }, 60_000);

  it.each([
    [
      "sv",
      [
        "FAKTURA",
        "FÖRFALLODATUM",
        "BETALNINGSUPPGIFTER",
        "Ettusentvåhundratrettiofyra euro och 56/100",
        "Betala senast 15 december 2026.",
        "Sida 1 av 1",
        "1 234,56",
      ],
    ],
    ["zh", ["发票", "到期日", "金额大写", "欧元壹仟贰佰叁拾肆元伍角陆分", "2026年12月15日", "第 1 页，共 1 页"]],
    ["hy", ["ՎՃԱՐՄԱՆ ԺԱՄԿԵՏ", "Հազար երկու հարյուր երեսունչորս եվրո 56/100", "Էջ 1՝ 1-ից"]],
    [
      "en",
      [
        "INVOICE",
        "DUE DATE",
        "AMOUNT IN WORDS",
        "One thousand two hundred thirty-four euros and 56",
        "Please pay by 15 December 2026.",
        "Page 1 of 1",
      ],
    ],
  ])(
    "prints an invoice in its client's language (%s): labels, dates, digits and the amount in words",
    async (language, words) => {
      const client = await rt.records.create(ACTOR, "clients", { kind: "company", name: `Client ${language}`, status: "active", language });
      const invoice = await rt.records.create(ACTOR, "invoices", {
        client: client.id,
        date: "2026-12-01",
        due_date: "2026-12-15",
        status: "draft",
        currency: "EUR",
        items: [{ description: "Hosting", quantity: 1, price: 1234.56, tax_rate: 0 }],
      });
      const { pdf } = await rt.print.printRecord(ACTOR, "invoice", invoice.id);
      if (!HAS_POPPLER) return;
      const file = path.join(ARTIFACTS, `language-${language}-${dbKind.name}.pdf`);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      fs.writeFileSync(file, pdf);
      // -raw keeps the reading order; spaces inside numbers (1 234,56) come back as they print.
      const text = execFileSync("pdftotext", ["-raw", file, "-"])
        .toString("utf8")
        .replace(/\u00a0|\u202f/g, " ");
      for (const word of words) expect(text).toContain(word);
      if (language !== "en") expect(text).not.toMatch(/AMOUNT IN WORDS|DUE DATE|PAYMENT DETAILS|Please pay|Page \d/);
    },
    60_000,
  );

  it("words the contract and the receipt in their client's language too", async () => {
    const client = await rt.records.create(ACTOR, "clients", { kind: "company", name: "Lindqvist AB", status: "active", language: "sv" });
    const contract = await rt.records.create(ACTOR, "contracts", {
      client: client.id,
      date: "2026-12-01",
      valid_from: "2026-12-01",
      subject: "Hosting",
      currency: "EUR",
      items: [{ description: "Hosting", quantity: 1, price: 100, tax_rate: 0 }],
    });
    const { html: contractHtml, footerTemplate } = await rt.print.renderDocument(ACTOR, "contract", [contract.id]);
    expect(contractHtml).toContain("Avtalet gäller från 1 december 2026.");
    expect(contractHtml).toContain("För Kunden");
    expect(footerTemplate).toContain("Sida");
    expect(contractHtml).not.toMatch(/For the Customer|Services and prices|is valid from/);

    const invoice = await rt.records.create(ACTOR, "invoices", {
      client: client.id,
      date: "2026-12-01",
      status: "issued",
      currency: "EUR",
      items: [{ description: "Hosting", quantity: 1, price: 100, tax_rate: 0 }],
    });
    await rt.records.create(ACTOR, "payments", {
      invoice: invoice.id,
      date: "2026-12-02",
      amount: 100,
      currency: "EUR",
      method: "bank_transfer",
    });
    const { html: receiptHtml } = await rt.print.renderDocument(ACTOR, "receipt", [invoice.id]);
    expect(receiptHtml).toContain("Kvitto");
    expect(receiptHtml).toMatch(/Vi bekräftar att faktura \S+ av den 1 december 2026 är fullt betald\./);
    expect(receiptHtml).not.toMatch(/Paid in full|Amount received/);
  });
});
