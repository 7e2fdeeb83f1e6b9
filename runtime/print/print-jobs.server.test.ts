import { unzipSync } from "fflate";
import type { Knex } from "knex";
import { PDFDocument } from "pdf-lib";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDatabase, parseDatabaseUrl } from "../db/connection.server";
import { conflict } from "../errors";
import { createJobFiles } from "../jobs/job-files.server";
import { ensureJobTables, JOB_FILES_TABLE } from "../jobs/jobs-tables.server";
import { createJobQueue, runJob, type JobQueue } from "../jobs/queue.server";
import { SYSTEM_ACTOR, type Actor } from "../records/permissions";
import { createPrintJobs, type PrintJobFile, type PrintJobs, type PrintJobsOptions, type PrintJobsServices } from "./print-jobs.server";
import type { PrintService } from "./print.server";
import { languagePack } from "../i18n/catalogs.server";
import { createTranslator } from "../i18n/translator";
import { say } from "../i18n/words";

const ANA: Actor = { id: 1, name: "Ana", role: "accountant", rights: SYSTEM_ACTOR.rights, ip: "192.0.2.1" };
const BEN: Actor = { id: 2, name: "Ben", role: "accountant", rights: SYSTEM_ACTOR.rights };
const CHLOE: Actor = { id: 3, name: "Chloe", role: "accountant", rights: SYSTEM_ACTOR.rights };
const MINUTE = 60_000;
const onePage = PDFDocument.create().then(async (d) => (d.addPage(), Buffer.from(await d.save())));

/** Prints "records" without Chromium; `hold` keeps every chunk waiting until released. */
function fakePrint(options: { failOn?: number; hold?: Promise<void>; excluded?: number[] } = {}) {
  const chunks: number[][] = [];
  const actors: Actor[] = [];
  const service: Pick<PrintService, "checkBatch" | "printEach"> = {
    async checkBatch(_actor, templateId) {
      return { table: "invoices", batchName: (count: number) => `${String(templateId)} – ${count} Invoices`, condition: null };
    },
    async printEach(actor, _templateId, ids, { signal, onPrinted, onSkipped } = {}) {
      chunks.push(ids);
      actors.push(actor);
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
  return { service, chunks, actors };
}

let db: Knex;
let queue: JobQueue;
let clock: Date;

beforeEach(async () => {
  db = createDatabase(parseDatabaseUrl("sqlite::memory:"));
  await ensureJobTables(db);
  clock = new Date("2026-12-04T09:00:00Z");
  queue = createJobQueue(db, { instanceId: "test", now: () => clock });
});
afterEach(async () => {
  await db.destroy();
});

/** Print jobs on the in-memory database; files are stored in parts of 256 bytes, so every file has several. */
function printJobs(
  print: Pick<PrintService, "checkBatch" | "printEach">,
  options: PrintJobsOptions = {},
  records?: PrintJobsServices["records"],
): PrintJobs {
  return createPrintJobs({ print, queue, files: createJobFiles(db, { now: () => clock, partBytes: 256 }), records }, options);
}

/** Runs every due job to its end, as a worker would, and answers the job's status. */
async function settle(jobs: PrintJobs, actor: Actor, jobId: string) {
  await queue.runUntilIdle(jobs.handlers);
  return jobs.status(actor, jobId);
}

async function bytesOf(file: PrintJobFile): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of file.chunks()) parts.push(part);
  const bytes = Buffer.concat(parts);
  expect(bytes.byteLength).toBe(file.size);
  return bytes;
}

const partCount = async () => Number(((await db(JOB_FILES_TABLE).count({ n: "*" }).first()) as { n: number }).n);
const later = (ms: number) => (clock = new Date(clock.getTime() + ms));

describe("print jobs", () => {
  it("prints in chunks into one PDF, as the user who asked, and counts every record", async () => {
    const { service, chunks, actors } = fakePrint();
    const jobs = printJobs(service, { chunkSize: 4 });
    const started = await jobs.start(ANA, "invoice", { ids: [1, 2, 3, 4, 5, 6, 7, 8, 9, 3, "9"] }, "pdf");
    expect(started).toMatchObject({ state: "running", done: 0, total: 9, fileName: "invoice – 9 Invoices.pdf" });
    expect(started.jobId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await jobs.status(ANA, started.jobId)).toEqual(started);
    expect(await settle(jobs, ANA, started.jobId)).toMatchObject({ state: "done", done: 9 });
    expect(chunks).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
    // With the rights Ana's role had when she asked, stored with the job (her address is not).
    expect(actors).toEqual(Array(3).fill({ id: 1, name: "Ana", role: "accountant", rights: SYSTEM_ACTOR.rights }));
    const file = await jobs.file(ANA, started.jobId);
    expect(file.contentType).toBe("application/pdf");
    expect(await partCount(), "stored in several parts").toBeGreaterThan(1);
    expect((await PDFDocument.load(await bytesOf(file))).getPageCount()).toBe(9);
  });

  it("names ZIP entries uniquely", async () => {
    const jobs = printJobs(fakePrint().service);
    const { jobId } = await jobs.start(ANA, "invoice", { ids: [1, 2, 3, 4] }, "zip");
    await settle(jobs, ANA, jobId);
    const file = await jobs.file(ANA, jobId);
    expect(file).toMatchObject({ contentType: "application/zip", fileName: "invoice – 4 Invoices.zip" });
    const entries = unzipSync(await bytesOf(file));
    expect(Object.keys(entries).sort()).toEqual(["INV-1 Acme.pdf", "INV-3 Acme.pdf", "Invoice draft (2).pdf", "Invoice draft.pdf"]);
    expect(Buffer.from(entries["INV-3 Acme.pdf"])).toEqual(await onePage);
  });

  it("fails with the reason and the progress so far", async () => {
    const jobs = printJobs(fakePrint({ failOn: 6 }).service, { chunkSize: 5 });
    const { jobId } = await jobs.start(ANA, "receipt", { ids: [1, 2, 3, 4, 5, 6, 7] }, "pdf");
    expect(await settle(jobs, ANA, jobId)).toMatchObject({
      state: "failed",
      done: 5,
      error: `printing stopped after 5 of 7: "Receipt" is not offered for INV-6: its condition does not hold`,
    });
    // The reason as a phrase, for the list to say in its reader's language.
    const { errorWords } = await jobs.status(ANA, jobId);
    expect(say(errorWords!, createTranslator(languagePack("sv")).t)).toMatch(/^utskriften stoppades efter 5 av 7: /);
    await expect(jobs.file(ANA, jobId)).rejects.toThrow("the print job failed and has no file: print again");
    // Not retried: printing again would fail the same way while the user waits.
    expect(await queue.runUntilIdle(jobs.handlers)).toBe(0);
  });

  it("leaves out and names the records the template's condition excludes, and counts the file by what it holds", async () => {
    const jobs = printJobs(fakePrint({ excluded: [2, 5] }).service, { chunkSize: 3 });
    const { jobId } = await jobs.start(ANA, "receipt", { ids: [1, 2, 3, 4, 5, 6] }, "pdf");
    expect(await settle(jobs, ANA, jobId)).toMatchObject({
      state: "done",
      done: 4,
      total: 4,
      skipped: 2,
      skippedNames: ["INV-2", "INV-5"],
      fileName: "receipt – 4 Invoices.pdf",
    });
    expect((await PDFDocument.load(await bytesOf(await jobs.file(ANA, jobId)))).getPageCount()).toBe(4);
  });

  it("names at most ten skipped records and fails when the condition excludes every one", async () => {
    const ids = Array.from({ length: 14 }, (_, i) => i + 1);
    const jobs = printJobs(fakePrint({ excluded: ids }).service);
    const { jobId } = await jobs.start(ANA, "receipt", { ids }, "zip");
    const status = await settle(jobs, ANA, jobId);
    expect(status).toMatchObject({ state: "failed", done: 0, total: 0, skipped: 14 });
    expect(status.skippedNames).toEqual(ids.slice(0, 10).map((id) => `INV-${id}`));
    expect(status.error).toBe(
      "nothing was printed: the template's condition does not hold for INV-1, INV-2, INV-3, INV-4, INV-5, INV-6, INV-7, INV-8, INV-9, INV-10 and 4 more",
    );
  });

  it("keeps each user's newest files within the count and byte caps, and says an older one expired", async () => {
    const printed = async (jobs: PrintJobs, actor: Actor, count = 1) => {
      const { jobId } = await jobs.start(actor, "invoice", { ids: Array.from({ length: count }, (_, i) => i + 1) }, "zip");
      expect(await settle(jobs, actor, jobId)).toMatchObject({ state: "done" });
      return jobId;
    };
    const byCount = printJobs(fakePrint().service, { maxFilesPerOwner: 2 });
    const [first, second] = [await printed(byCount, ANA), await printed(byCount, ANA)];
    const bens = await printed(byCount, BEN);
    const third = await printed(byCount, ANA);
    const gone = `the file of print job "${first}" has expired: finished files are kept 15 minutes, and only your newest 2; print again`;
    await expect(byCount.status(ANA, first)).rejects.toThrow(gone);
    await expect(byCount.file(ANA, first)).rejects.toMatchObject({ status: 404, message: gone });
    for (const kept of [second, third]) expect((await byCount.file(ANA, kept)).fileName).toBe("invoice – 1 Invoices.zip");
    // Ben's file counts against Ben's cap, not Ana's.
    expect(await byCount.status(BEN, bens)).toMatchObject({ state: "done" });

    const oneFile = (await byCount.file(ANA, third)).size;
    const byBytes = printJobs(fakePrint().service, { maxBytesPerOwner: oneFile * 2.5 });
    const c = [await printed(byBytes, CHLOE), await printed(byBytes, CHLOE)];
    for (const kept of c) expect(await byBytes.status(CHLOE, kept)).toMatchObject({ state: "done" });
    c.push(await printed(byBytes, CHLOE));
    await expect(byBytes.status(CHLOE, c[0])).rejects.toThrow(/has expired/);
    for (const kept of c.slice(1)) expect(await byBytes.status(CHLOE, kept)).toMatchObject({ state: "done" });
    // The newest is kept whatever its size; what no longer fits beside it goes.
    const big = await printed(byBytes, CHLOE, 3);
    for (const removed of c) await expect(byBytes.status(CHLOE, removed)).rejects.toThrow(/has expired/);
    expect(await byBytes.status(CHLOE, big)).toMatchObject({ state: "done" });
  });

  it("removes a finished file 15 minutes after it ends, by a job the workers run", async () => {
    const jobs = printJobs(fakePrint().service);
    const { jobId } = await jobs.start(ANA, "invoice", { ids: [1] }, "pdf");
    await settle(jobs, ANA, jobId);
    expect(await partCount()).toBeGreaterThan(1);
    later(7 * MINUTE);
    expect(await queue.runUntilIdle(jobs.handlers)).toBe(0);
    expect(await jobs.status(ANA, jobId)).toMatchObject({ state: "done" });
    later(8 * MINUTE);
    await expect(jobs.status(ANA, jobId)).rejects.toThrow(/^the file of print job ".+" has expired/);
    expect(await queue.runUntilIdle(jobs.handlers)).toBe(1);
    expect(await partCount()).toBe(0);
  });

  it("tries again after an unexpected error, and then fails without passing on its text", async () => {
    const { service } = fakePrint();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const jobs = printJobs({ ...service, printEach: async () => Promise.reject(new Error("select * from invoices: SQLITE_BUSY")) });
      const { jobId } = await jobs.start(ANA, "invoice", { ids: [1] }, "pdf");
      expect(await settle(jobs, ANA, jobId)).toMatchObject({ state: "running" });
      later(MINUTE);
      expect(await settle(jobs, ANA, jobId)).toMatchObject({ state: "running" });
      later(MINUTE);
      const { state, error } = await settle(jobs, ANA, jobId);
      expect(state).toBe("failed");
      expect(error).toBe(
        "printing stopped after 0 of 1: an internal error stopped it (the server log has the details); try again, and report it if it happens again",
      );
      expect(errors).toHaveLength(3);
    } finally {
      console.error = original;
    }
  });

  it("belongs to its owner, limits unfinished jobs per owner, and cancels a queued job", async () => {
    const jobs = printJobs(fakePrint().service, { maxRunningPerOwner: 2 });
    const a = await jobs.start(ANA, "invoice", { ids: [1, 2] }, "pdf");
    const b = await jobs.start(ANA, "invoice", { ids: [3] }, "pdf");
    await expect(jobs.start(ANA, "invoice", { ids: [4] }, "pdf")).rejects.toThrow(
      "you already have 2 print jobs running: wait for one to finish or cancel it, then print again",
    );
    await expect(jobs.start(BEN, "invoice", { ids: [4] }, "pdf")).resolves.toMatchObject({ state: "running" });
    const hidden = `there is no print job "${a.jobId}": it may have expired; print again`;
    await expect(jobs.status(BEN, a.jobId)).rejects.toMatchObject({ status: 404, message: hidden });
    await expect(jobs.cancel(BEN, a.jobId)).rejects.toMatchObject({ status: 404, message: hidden });
    await expect(jobs.file(BEN, a.jobId)).rejects.toMatchObject({ status: 404, message: hidden });
    await expect(jobs.status(ANA, "no-such-job-at-all")).rejects.toThrow(/^there is no print job "no-such-job-at-all"/);
    await expect(jobs.file(ANA, a.jobId)).rejects.toThrow("the print job is not finished yet (0 of 2 printed): wait until it is done");
    expect(await jobs.cancel(ANA, a.jobId)).toMatchObject({ state: "canceled", done: 0 });
    expect(await queue.runUntilIdle(jobs.handlers)).toBe(2);
    expect(await jobs.status(ANA, b.jobId)).toMatchObject({ state: "done" });
    expect(await jobs.status(ANA, a.jobId)).toMatchObject({ state: "canceled", done: 0 });
    await expect(jobs.file(ANA, a.jobId)).rejects.toThrow("the print job was canceled and has no file: print again");
    await expect(jobs.start(ANA, "invoice", { ids: [5] }, "pdf")).resolves.toMatchObject({ state: "running" });
  });

  it("cancels a running job, which stops between chunks and keeps no file", async () => {
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    const { service, chunks } = fakePrint({ hold });
    const jobs = printJobs(service, { chunkSize: 2 });
    const { jobId } = await jobs.start(ANA, "invoice", { ids: [1, 2, 3, 4, 5, 6] }, "zip");
    const running = queue.runUntilIdle(jobs.handlers);
    await vi.waitFor(() => expect(chunks).toHaveLength(1));
    expect(await jobs.cancel(ANA, jobId)).toMatchObject({ state: "canceled", done: 0, total: 6 });
    release();
    expect(await running).toBe(1);
    expect(chunks).toEqual([[1, 2]]);
    expect(await jobs.status(ANA, jobId)).toMatchObject({ state: "canceled", done: 0 });
    await expect(jobs.file(ANA, jobId)).rejects.toThrow("the print job was canceled and has no file: print again");
  });

  it("runs a job stopped with its worker again from the start, without the first run's parts", async () => {
    // The first chunk is written to the file, then the app stops while the second prints.
    const { service } = fakePrint();
    const chunks: number[][] = [];
    const stopped: Pick<PrintService, "checkBatch" | "printEach"> = {
      ...service,
      async printEach(actor, templateId, ids, options = {}) {
        chunks.push(ids);
        const { signal } = options;
        if (chunks.length === 2) await new Promise((_, reject) => signal!.addEventListener("abort", () => reject(signal!.reason)));
        return service.printEach(actor, templateId, ids, options);
      },
    };
    const first = printJobs(stopped, { chunkSize: 2 });
    const { jobId } = await first.start(ANA, "invoice", { ids: [1, 2, 3, 4, 5, 6] }, "zip");
    const [job] = await queue.claim(1);
    const stop = new AbortController();
    const run = runJob(queue, first.handlers, job, stop.signal);
    await vi.waitFor(() => expect(chunks).toHaveLength(2));
    stop.abort(new Error("the app is shutting down"));
    await run;
    expect(await first.status(ANA, jobId)).toMatchObject({ state: "running", done: 2 });
    expect(await partCount()).toBeGreaterThan(0);

    const restarted = printJobs(fakePrint().service, { chunkSize: 2 });
    expect(await queue.runUntilIdle(restarted.handlers)).toBe(0); // after a short backoff
    later(MINUTE);
    expect(await settle(restarted, ANA, jobId)).toMatchObject({ state: "done", done: 6, total: 6 });
    const entries = unzipSync(await bytesOf(await restarted.file(ANA, jobId)));
    expect(Object.keys(entries)).toHaveLength(6);
    for (const pdf of Object.values(entries)) expect(Buffer.from(pdf)).toEqual(await onePage);
    // The stopped run's parts go at the next clean-up; the finished file stays until it expires.
    later(15 * MINUTE);
    await queue.runUntilIdle(restarted.handlers);
    expect(await partCount()).toBe(0);
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
    let jobs = printJobs(fakePrint().service, { maxRecords: 1500 }, records);
    const filter = { field: "status", op: "eq", value: "issued" };
    const started = await jobs.start(ANA, "invoice", { query: { filter, sort: "-date" } }, "zip");
    expect(started).toMatchObject({ total: 1200, fileName: "invoice – 1200 Invoices.zip" });
    expect(queries).toEqual([1, 2, 3].map((page) => ({ table: "invoices", q: undefined, filter, page })));
    await jobs.cancel(ANA, started.jobId);
    await expect(jobs.start(ANA, "invoice", { query: { q: "none" } }, "pdf")).rejects.toThrow(
      "no records match: change the filter or the search, then print again",
    );

    jobs = printJobs(fakePrint().service, { maxRecords: 1000 }, records);
    await expect(jobs.start(ANA, "invoice", { query: {} }, "pdf")).rejects.toThrow(
      "a print job takes at most 1,000 records and 1,200 were chosen",
    );
    jobs = printJobs(fakePrint().service);
    await expect(jobs.start(ANA, "invoice", { query: {} }, "pdf")).rejects.toThrow("this server prints chosen ids only: send ids");
  });

  it("refuses bad requests with a message that says what to do", async () => {
    const jobs = printJobs(fakePrint().service, { maxRecords: 3 });
    await expect(jobs.start(ANA, "invoice", { ids: [] }, "pdf")).rejects.toThrow(/select the records to print/);
    await expect(jobs.start(ANA, "invoice", { ids: [1, 2, 3, 4] }, "pdf")).rejects.toThrow(
      "a print job takes at most 3 records and 4 were chosen: narrow the list with a filter and print it in parts",
    );
    await expect(jobs.start(ANA, "invoice", { ids: [1, -2] }, "pdf")).rejects.toThrow(/positive whole numbers/);
    await expect(jobs.start(ANA, "invoice", { ids: [1] }, "docx" as "pdf")).rejects.toThrow(/format must be "pdf"/);
    expect(await queue.list()).toEqual([]);
  });
});
