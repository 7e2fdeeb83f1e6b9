import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrintService } from "@runtime/print/print.server";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import type { Runtime } from "@runtime/runtime.server";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { createSeededRuntime } from "../helpers/default-configuration";
import { hasTool } from "../helpers/tools";

/**
 * Prints demo invoices and contracts to PDF in real Chromium on every test database and reads the
 * text back with pdftotext (poppler-utils). Page 1 is saved as PNG under artifacts/prints/.
 */
const ACTOR: Actor = { ...SYSTEM_ACTOR, id: null, name: "Accountant", role: "admin" };
const ARTIFACTS = path.resolve("artifacts/prints");

const HAS_PDFTOTEXT = hasTool("pdftotext");
const HAS_PDFTOPPM = hasTool("pdftoppm");

function pdfText(pdf: Buffer): string {
  return execFileSync("pdftotext", ["-raw", "-", "-"], { input: pdf }).toString("utf8");
}

function savePage1(pdf: Buffer, name: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  if (HAS_PDFTOPPM) execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", file, path.join(ARTIFACTS, name)]);
}

describe.each(testDatabases)("printing on $name", (dbKind) => {
  let database: TestDatabase;
  let rt: Runtime;
  let print: PrintService;

  beforeAll(async () => {
    database = await dbKind.create();
    rt = await createSeededRuntime(database.url);
    print = rt.print;
  }, 180_000);
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  it("lists the default templates with the receipt offered only for paid invoices", async () => {
    const { rows } = await rt.records.list(ACTOR, "invoices", { filter: { field: "status", op: "eq", value: "issued" }, pageSize: 200 });
    const paid = rows.find((r) => r.payment_state === "paid")!;
    const unpaid = rows.find((r) => r.payment_state !== "paid")!;
    const forPaid = await print.offered(ACTOR, "invoices", paid.id);
    const forUnpaid = await print.offered(ACTOR, "invoices", unpaid.id);
    expect(forPaid.map((t) => [t.id, t.offered, t.problems.length])).toEqual(
      expect.arrayContaining([
        ["invoice", true, 0],
        ["receipt", true, 0],
      ]),
    );
    expect(forUnpaid.find((t) => t.id === "receipt")!.offered).toBe(false);
    await expect(print.printRecord(ACTOR, "receipt", unpaid.id)).rejects.toThrow(/not offered/);
  });

  it("prints an invoice with its number, client, lines, totals and amount in words", async () => {
    // The invoice with the most lines and a contract: the richest page to look at.
    const { rows } = await rt.records.list(ACTOR, "invoices", { filter: { field: "status", op: "eq", value: "issued" }, pageSize: 500 });
    let best = rows[0];
    let bestLines = -1;
    for (const r of rows.slice(0, 60)) {
      const full = await rt.records.get(ACTOR, "invoices", r.id);
      const n = (full.items as unknown[]).length + (full.contract ? 1 : 0);
      if (n > bestLines) [best, bestLines] = [full, n];
    }
    const invoice = await rt.records.get(ACTOR, "invoices", best.id);
    const client = await rt.records.get(ACTOR, "clients", invoice.client as number);
    const { pdf, filename } = await print.printRecord(ACTOR, "invoice", invoice.id);
    expect(pdf.subarray(0, 4).toString("latin1")).toBe("%PDF");
    expect(filename).toBe(`${invoice.number} ${client.name}.pdf`);
    savePage1(pdf, `invoice-${dbKind.name}`);
    if (!HAS_PDFTOTEXT) return;
    const text = pdfText(pdf).replace(/[ \t]+/g, " ");
    expect(text).toContain(String(invoice.number));
    expect(text).toContain(String(client.legal_name ?? client.name));
    const total = new Intl.NumberFormat("en-GB", {
      style: "currency",
      currency: String(invoice.currency),
      minimumFractionDigits: 2,
    }).format(invoice.total as number);
    expect(text).toContain(total);
    const { amountInWords } = await import("@runtime/print/amount-in-words");
    const words = amountInWords(invoice.total, String(invoice.currency));
    expect(text.replace(/\s+/g, " ")).toContain(words.replace(/\s+/g, " "));
    for (const line of invoice.items as { description: string }[])
      expect(text.replace(/\s+/g, " ")).toContain(line.description.slice(0, 25).trim());
    expect(text).toMatch(/Page 1 of \d/);
  });

  it("prints a contract and a batch of invoices into one PDF", async () => {
    const { rows: contracts } = await rt.records.list(ACTOR, "contracts", {
      filter: { field: "status", op: "eq", value: "active" },
      pageSize: 1,
    });
    const contract = await print.printRecord(ACTOR, "contract", contracts[0].id);
    expect(contract.pdf.subarray(0, 4).toString("latin1")).toBe("%PDF");
    savePage1(contract.pdf, `contract-${dbKind.name}`);
    const { rows } = await rt.records.list(ACTOR, "invoices", { filter: { field: "payment_state", op: "eq", value: "paid" }, pageSize: 3 });
    const receipt = await print.printRecord(ACTOR, "receipt", rows[0].id);
    savePage1(receipt.pdf, `receipt-${dbKind.name}`);
    const batch = await print.printBatch(
      ACTOR,
      "invoice",
      rows.map((r) => r.id),
    );
    expect(batch.pdf.subarray(0, 4).toString("latin1")).toBe("%PDF");
    if (!HAS_PDFTOTEXT) return;
    expect(pdfText(contract.pdf)).toContain(String(contracts[0].number));
    const text = pdfText(batch.pdf);
    for (const r of rows) expect(text).toContain(String(r.number));
    // Every invoice of the batch counts its own pages, not the batch's.
    expect(text.match(/Page 1 of \d+/g)).toHaveLength(rows.length);
  });
});
