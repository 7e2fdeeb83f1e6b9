import { unzipSync } from "fflate";
import { PDFDocument } from "pdf-lib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { conflict } from "../errors";
import { SYSTEM_ACTOR, type Actor } from "../records/permissions";
import { createPrintJobs, type PrintJobs } from "./print-jobs.server";
import type { PrintService } from "./print.server";

const ANA: Actor = { id: 1, name: "Ana", role: "accountant", rights: SYSTEM_ACTOR.rights };
const BEN: Actor = { id: 2, name: "Ben", role: "accountant", rights: SYSTEM_ACTOR.rights };
const onePage = PDFDocument.create().then(async (d) => (d.addPage(), Buffer.from(await d.save())));

/** Prints "records" without Chromium; `hold` keeps every chunk waiting until released. */
function fakePrint(options: { failOn?: number; hold?: Promise<void>; excluded?: number[] } = {}) {
  const chunks: number[][] = [];
  const service: Pick<PrintService, "checkBatch" | "printEach"> = {
    async checkBatch(_actor, templateId) {
      return { table: "invoices", batchName: (count: number) => `${String(templateId)} – ${count} Invoices`, condition: null };
    },
    async printEach(_actor, _templateId, ids, { signal, onPrinted, onSkipped } = {}) {
      chunks.push(ids);
      await options.hold;
      const out = [];
      for (const id of ids) {
        signal?.throwIfAborted();
        if (id === options.failOn) throw conflict(`"Receipt" is not offered for INV-${id}: its condition does not hold`);
        if (options.excluded?.includes(id)) {
          onSkipped?.(`INV-${id}`);
          continue;
        }
        out.push({ pdf: await onePage, filename: id % 2 ? `INV-${id} Acme.pdf` : "Invoice draft.pdf" });
        onPrinted?.();
      }
      return out;
    },
  };
  return { service, chunks };
}

/** The job's status once it has ended; under fake timers vi.waitFor moves the clock as it polls. */
function settle(jobs: PrintJobs, actor: Actor, jobId: string) {
  return vi.waitFor(
    () => {
      const s = jobs.status(actor, jobId);
      if (s.state === "running") throw new Error(`the job did not end: ${s.done} of ${s.total} printed`);
      return s;
    },
    { timeout: 5_000, interval: 5 },
  );
}

let jobs: PrintJobs | undefined;
afterEach(() => {
  jobs?.close();
  vi.useRealTimers();
});

describe("print jobs", () => {
  it("prints in chunks into one PDF and counts every record", async () => {
    const { service, chunks } = fakePrint();
    jobs = createPrintJobs(service, { chunkSize: 4 });
    const started = await jobs.start(ANA, "invoice", { ids: [1, 2, 3, 4, 5, 6, 7, 8, 9, 3, "9"] }, "pdf");
    expect(started).toMatchObject({ state: "running", done: 0, total: 9, fileName: "invoice – 9 Invoices.pdf" });
    expect(await settle(jobs, ANA, started.jobId)).toMatchObject({ state: "done", done: 9 });
    expect(chunks).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
    const file = jobs.file(ANA, started.jobId);
    expect(file.contentType).toBe("application/pdf");
    expect((await PDFDocument.load(file.bytes)).getPageCount()).toBe(9);
  });

  it("names ZIP entries uniquely", async () => {
    jobs = createPrintJobs(fakePrint().service);
    const { jobId } = await jobs.start(ANA, "invoice", { ids: [1, 2, 3, 4] }, "zip");
    await settle(jobs, ANA, jobId);
    const file = jobs.file(ANA, jobId);
    expect(file).toMatchObject({ contentType: "application/zip", fileName: "invoice – 4 Invoices.zip" });
    expect(Object.keys(unzipSync(file.bytes)).sort()).toEqual([
      "INV-1 Acme.pdf",
      "INV-3 Acme.pdf",
      "Invoice draft (2).pdf",
      "Invoice draft.pdf",
    ]);
  });

  it("fails with the reason and the progress so far", async () => {
    jobs = createPrintJobs(fakePrint({ failOn: 6 }).service, { chunkSize: 5 });
    const { jobId } = await jobs.start(ANA, "receipt", { ids: [1, 2, 3, 4, 5, 6, 7] }, "pdf");
    expect(await settle(jobs, ANA, jobId)).toMatchObject({
      state: "failed",
      error: `printing stopped after 5 of 7: "Receipt" is not offered for INV-6: its condition does not hold`,
    });
    expect(() => jobs!.file(ANA, jobId)).toThrow("the print job failed and has no file: print again");
  });

  it("leaves out and names the records the template's condition excludes, and counts the file by what it holds", async () => {
    jobs = createPrintJobs(fakePrint({ excluded: [2, 5] }).service, { chunkSize: 3 });
    const { jobId } = await jobs.start(ANA, "receipt", { ids: [1, 2, 3, 4, 5, 6] }, "pdf");
    expect(await settle(jobs, ANA, jobId)).toMatchObject({
      state: "done",
      done: 4,
      total: 4,
      skipped: 2,
      skippedNames: ["INV-2", "INV-5"],
      fileName: "receipt – 4 Invoices.pdf",
    });
    expect((await PDFDocument.load(jobs.file(ANA, jobId).bytes)).getPageCount()).toBe(4);
  });

  it("names at most ten skipped records and fails when the condition excludes every one", async () => {
    const ids = Array.from({ length: 14 }, (_, i) => i + 1);
    jobs = createPrintJobs(fakePrint({ excluded: ids }).service);
    const { jobId } = await jobs.start(ANA, "receipt", { ids }, "zip");
    const status = await settle(jobs, ANA, jobId);
    expect(status).toMatchObject({ state: "failed", done: 0, total: 0, skipped: 14 });
    expect(status.skippedNames).toEqual(ids.slice(0, 10).map((id) => `INV-${id}`));
    expect(status.error).toBe(
      "nothing was printed: the template's condition does not hold for INV-1, INV-2, INV-3, INV-4, INV-5, INV-6, INV-7, INV-8, INV-9, INV-10 and 4 more",
    );
  });

  it("forgets the oldest finished files first when the kept files outgrow their limit", async () => {
    const onePdf = (await onePage).byteLength;
    jobs = createPrintJobs(fakePrint().service, { maxKeptBytes: onePdf * 2.5 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { jobId } = await jobs.start(ANA, "invoice", { ids: [1] }, "zip");
      await settle(jobs, ANA, jobId);
      ids.push(jobId);
    }
    expect(() => jobs!.file(ANA, ids[0])).toThrow(/there is no print job/);
    expect(() => jobs!.file(ANA, ids[1])).toThrow(/there is no print job/);
    expect(jobs.file(ANA, ids[2]).fileName).toBe("invoice – 1 Invoices.zip");
    expect(jobs.file(ANA, ids[3]).fileName).toBe("invoice – 1 Invoices.zip");
  });

  it("does not pass on the text of an unexpected error", async () => {
    const { service } = fakePrint();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      jobs = createPrintJobs({ ...service, printEach: async () => Promise.reject(new Error("select * from invoices: SQLITE_BUSY")) });
      const { jobId } = await jobs.start(ANA, "invoice", { ids: [1] }, "pdf");
      const { error } = await settle(jobs, ANA, jobId);
      expect(error).toBe(
        "printing stopped after 0 of 1: an internal error stopped it (the server log has the details); try again, and report it if it happens again",
      );
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });

  it("belongs to its owner, limits unfinished jobs per owner, and cancels", async () => {
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    jobs = createPrintJobs(fakePrint({ hold }).service, { maxRunningPerOwner: 2 });
    const a = await jobs.start(ANA, "invoice", { ids: [1, 2] }, "pdf");
    const b = await jobs.start(ANA, "invoice", { ids: [3] }, "pdf");
    await expect(jobs.start(ANA, "invoice", { ids: [4] }, "pdf")).rejects.toThrow(
      "you already have 2 print jobs running: wait for one to finish or cancel it, then print again",
    );
    await expect(jobs.start(BEN, "invoice", { ids: [4] }, "pdf")).resolves.toMatchObject({ state: "running" });
    expect(() => jobs!.status(BEN, a.jobId)).toThrow(/^there is no print job/);
    expect(() => jobs!.cancel(BEN, a.jobId)).toThrow(/^there is no print job/);
    expect(() => jobs!.file(ANA, a.jobId)).toThrow("the print job is not finished yet (0 of 2 printed): wait until it is done");
    expect(jobs.cancel(ANA, a.jobId)).toMatchObject({ state: "canceled" });
    release();
    // The same release lets the other job print to its end; the canceled one's chunk has come back by then.
    await settle(jobs, ANA, b.jobId);
    expect(jobs.status(ANA, a.jobId)).toMatchObject({ state: "canceled", done: 0 });
    await expect(jobs.start(ANA, "invoice", { ids: [5] }, "pdf")).resolves.toMatchObject({ state: "running" });
  });

  it("forgets a job some time after it ends", async () => {
    vi.useFakeTimers();
    const ttlMs = 15 * 60_000;
    jobs = createPrintJobs(fakePrint().service, { ttlMs });
    const { jobId } = await jobs.start(ANA, "invoice", { ids: [1] }, "pdf");
    await settle(jobs, ANA, jobId);
    // Half the time to live (less what settling moved the clock) keeps it; the other half forgets it.
    vi.advanceTimersByTime(ttlMs / 2);
    expect(jobs.status(ANA, jobId)).toMatchObject({ state: "done" });
    vi.advanceTimersByTime(ttlMs / 2);
    expect(() => jobs!.status(ANA, jobId)).toThrow(/^there is no print job/);
  });

  it("prints every record a query finds, page by page, and refuses too many", async () => {
    const queries: unknown[] = [];
    const matching = Array.from({ length: 1200 }, (_, i) => i + 1);
    const records = {
      async list(_actor: Actor, table: string, query: { page?: unknown; pageSize?: unknown; q?: unknown; filter?: unknown }) {
        queries.push({ table, q: query.q, filter: query.filter, page: query.page });
        const size = Number(query.pageSize);
        const from = (Number(query.page) - 1) * size;
        const found = query.q === "none" ? [] : matching.slice(from, from + size);
        return {
          rows: found.map((id) => ({ id, version: 1 })),
          total: query.q === "none" ? 0 : matching.length,
          totalExact: true,
          page: Number(query.page),
          pageSize: size,
          nextCursor: null,
        };
      },
    };
    jobs = createPrintJobs(fakePrint().service, { records, maxRecords: 1500 });
    const filter = { field: "status", op: "eq", value: "issued" };
    const started = await jobs.start(ANA, "invoice", { query: { filter, sort: "-date" } }, "zip");
    expect(started).toMatchObject({ total: 1200, fileName: "invoice – 1200 Invoices.zip" });
    expect(queries).toEqual([1, 2, 3].map((page) => ({ table: "invoices", q: undefined, filter, page })));
    jobs.cancel(ANA, started.jobId);
    await expect(jobs.start(ANA, "invoice", { query: { q: "none" } }, "pdf")).rejects.toThrow(
      "no records match: change the filter or the search, then print again",
    );

    jobs.close();
    jobs = createPrintJobs(fakePrint().service, { records, maxRecords: 1000 });
    await expect(jobs.start(ANA, "invoice", { query: {} }, "pdf")).rejects.toThrow(
      "a print job takes at most 1,000 records and 1,200 were chosen",
    );
    jobs.close();
    jobs = createPrintJobs(fakePrint().service);
    await expect(jobs.start(ANA, "invoice", { query: {} }, "pdf")).rejects.toThrow("this server prints chosen ids only: send ids");
  });

  it("refuses bad requests with a message that says what to do", async () => {
    jobs = createPrintJobs(fakePrint().service, { maxRecords: 3 });
    await expect(jobs.start(ANA, "invoice", { ids: [] }, "pdf")).rejects.toThrow(/select the records to print/);
    await expect(jobs.start(ANA, "invoice", { ids: [1, 2, 3, 4] }, "pdf")).rejects.toThrow(
      "a print job takes at most 3 records and 4 were chosen: narrow the list with a filter and print it in parts",
    );
    await expect(jobs.start(ANA, "invoice", { ids: [1, -2] }, "pdf")).rejects.toThrow(/positive whole numbers/);
    await expect(jobs.start(ANA, "invoice", { ids: [1] }, "docx" as "pdf")).rejects.toThrow(/format must be "pdf"/);
  });
});
