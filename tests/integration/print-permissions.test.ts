import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoleDefinition } from "@runtime/auth/roles";
import type { PrintService } from "@runtime/print/print.server";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import type { Runtime } from "@runtime/runtime.server";
import { createSqliteTestDatabase, type TestDatabase } from "../helpers/databases";
import { createSeededRuntime, defaultRole } from "../helpers/default-configuration";

/**
 * Printing obeys the print right of the role: an actor who may read invoices but not print them
 * is offered no templates and is refused (403) by the print calls the API routes make. No PDF is
 * rendered here, so no Chromium is started.
 */
const accountant = defaultRole("accountant");
const noPrint: RoleDefinition = {
  ...accountant,
  key: "viewer",
  name: "Viewer",
  builtin: false,
  tables: { ...accountant.tables, t_invoices: { ...accountant.tables.t_invoices, print: false } },
};
const VIEWER: Actor = { id: null, name: "Viewer", role: "viewer", rights: noPrint };
const ACCOUNTANT: Actor = { id: null, name: "Accountant", role: "accountant", rights: accountant };

const status = (p: Promise<unknown>) =>
  p.then(
    () => "resolved",
    (e: { status?: number; message?: string }) => `${e.status} ${e.message}`,
  );

describe("print rights", () => {
  let database: TestDatabase;
  let rt: Runtime;
  let print: PrintService;
  let ids: number[];

  beforeAll(async () => {
    database = await createSqliteTestDatabase();
    rt = await createSeededRuntime(database.url);
    print = rt.print;
    ids = (await rt.records.list(SYSTEM_ACTOR, "invoices", { pageSize: 3, sort: "id" })).rows.map((r) => r.id as number);
  }, 180_000);
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  it("offers the invoice templates to an actor who may print invoices, and none to one who may not", async () => {
    expect(ids).toHaveLength(3);
    expect((await print.offered(ACCOUNTANT, "invoices", ids[0])).map((t) => t.id)).toContain("invoice");
    expect(await print.offered(VIEWER, "invoices", ids[0])).toEqual([]);
    expect(await print.offered(VIEWER, "invoices")).toEqual([]);
    // Reading is still allowed: the refusal is about printing only.
    expect((await rt.records.get(VIEWER, "invoices", ids[0])).id).toBe(ids[0]);
  });

  it("refuses to print, render or batch-print for an actor without the print right", async () => {
    const refusal = /^403 Your role \(Viewer\) may not print Invoices/;
    expect(await status(print.printRecord(VIEWER, "invoice", ids[0]))).toMatch(refusal);
    expect(await status(print.printBatch(VIEWER, "invoice", ids))).toMatch(refusal);
    expect(await status(print.renderDocument(VIEWER, "invoice", ids))).toMatch(refusal);
    // The same call passes the check for an accountant (rendering HTML needs no Chromium).
    expect((await print.renderDocument(ACCOUNTANT, "invoice", [ids[0]])).html).toContain("<");
  });

  it("refuses a batch print job before it is queued, like a single print", async () => {
    const jobs = rt.printJobs;
    expect(await status(jobs.start(VIEWER, "invoice", { ids }, "zip"))).toMatch(/^403 Your role \(Viewer\) may not print Invoices/);
    expect(await status(jobs.start(ACCOUNTANT, "nope", { ids }, "pdf"))).toMatch(/^404 /);
    expect(await status(jobs.start(VIEWER, "invoice", { query: { q: "acme" } }, "pdf"))).toMatch(/^403 /);
    const checked = await print.checkBatch(ACCOUNTANT, "invoice");
    expect([checked.table, checked.batchName(3), checked.batchName(1)]).toEqual([
      "invoices",
      "Invoice – 3 Invoices",
      "Invoice – 1 Invoice",
    ]);
  });
});
