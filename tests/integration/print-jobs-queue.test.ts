import { unzipSync } from "fflate";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import crypto from "node:crypto";
import { createJobFiles, JOB_FILE_PART_BYTES } from "@runtime/jobs/job-files.server";
import { JOB_FILES_TABLE } from "@runtime/jobs/jobs-tables.server";
import type { PrintJobFile } from "@runtime/print/print-jobs.server";
import { SYSTEM_ACTOR, type Actor } from "@runtime/records/permissions";
import type { Runtime, RuntimeOptions } from "@runtime/runtime.server";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { createSeededRuntime, defaultRole } from "../helpers/default-configuration";

/**
 * Batch print jobs live in the database, not in one process: a job outlives the runtime that
 * queued it, any runtime on the database answers for it and serves its file, and the per-user
 * caps and the 15-minute expiry hold with a clock the test moves. Real Chromium prints three
 * demo invoices; each runtime stands for an app instance (or the same one after a restart).
 */
const ANNA: Actor = { id: 9001, name: "Anna", role: "accountant", rights: defaultRole("accountant") };
const BEN: Actor = { id: 9002, name: "Ben", role: "accountant", rights: defaultRole("accountant") };
const MINUTE = 60_000;

async function bytesOf(file: PrintJobFile): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of file.chunks()) parts.push(part);
  const bytes = Buffer.concat(parts);
  expect(bytes.byteLength).toBe(file.size);
  return bytes;
}

/** Polls through `rt` until the job has ended. */
function ended(rt: Runtime, actor: Actor, jobId: string) {
  return vi.waitFor(
    async () => {
      const status = await rt.printJobs.status(actor, jobId);
      if (status.state === "running") throw new Error(`print job ${jobId} did not end: ${status.done} of ${status.total} printed`);
      return status;
    },
    { timeout: 60_000, interval: 100 },
  );
}

describe.each(testDatabases)("print jobs on the queue on $name", ({ create }) => {
  let database: TestDatabase | undefined;
  let invoices: { id: number; number: string }[] = [];
  const open = new Set<Runtime>();
  const runtime = async (options: Omit<RuntimeOptions, "databaseUrl" | "seed"> = {}) => {
    const rt = await createSeededRuntime(database!.url, options);
    open.add(rt);
    return rt;
  };
  const close = async (rt: Runtime) => {
    open.delete(rt);
    await rt.close();
  };

  beforeAll(async () => {
    database = await create();
    const rt = await runtime();
    const { rows } = await rt.records.list(SYSTEM_ACTOR, "invoices", { sort: "id", pageSize: 3 });
    invoices = rows.map((r) => ({ id: r.id as number, number: String(r.number) }));
    await close(rt);
  }, 180_000);

  afterAll(async () => {
    for (const rt of open) await rt.close();
    await database?.drop();
  });

  it("finishes a job after a restart: queued while no worker ran, printed by the next runtime", async () => {
    expect(invoices).toHaveLength(3);
    const before = await runtime();
    const started = await before.printJobs.start(ANNA, "invoice", { ids: invoices.map((i) => i.id) }, "zip");
    expect(started).toMatchObject({ state: "running", done: 0, total: 3, fileName: "Invoice – 3 Invoices.zip" });
    await close(before);

    const after = await runtime();
    expect(await after.printJobs.status(ANNA, started.jobId)).toEqual(started);
    after.startWorkers({ pollMs: 50 });
    expect(await ended(after, ANNA, started.jobId)).toMatchObject({ state: "done", done: 3, total: 3 });
    const names = Object.keys(unzipSync(await bytesOf(await after.printJobs.file(ANNA, started.jobId))));
    expect(names.map((n) => n.split(" ")[0]).sort()).toEqual(invoices.map((i) => i.number).sort());
    await close(after);
  }, 120_000);

  it("answers for a job on every runtime of the database: printed by one, polled and downloaded through another", async () => {
    const worker = await runtime();
    const other = await runtime();
    worker.startWorkers({ pollMs: 50 });
    const started = await worker.printJobs.start(ANNA, "invoice", { ids: [invoices[0].id, invoices[1].id] }, "pdf");
    expect(await ended(other, ANNA, started.jobId)).toMatchObject({ state: "done", done: 2, fileName: "Invoice – 2 Invoices.pdf" });
    const file = await other.printJobs.file(ANNA, started.jobId);
    expect(file.contentType).toBe("application/pdf");
    expect((await PDFDocument.load(await bytesOf(file))).getPageCount()).toBeGreaterThanOrEqual(2);
    // Only its owner sees it, through any instance.
    await expect(other.printJobs.status(BEN, started.jobId)).rejects.toMatchObject({ status: 404 });
    // A job queued through an instance without workers is found by the other one's poll.
    const queued = await other.printJobs.start(BEN, "invoice", { ids: [invoices[2].id] }, "pdf");
    expect(await ended(worker, BEN, queued.jobId)).toMatchObject({ state: "done", done: 1 });
    await close(worker);
    await close(other);
  }, 120_000);

  it("keeps each user's newest four files, and removes every file 15 minutes after it ends", async () => {
    let clock = new Date();
    const rt = await runtime({ jobs: { now: () => clock } });
    const parts = async () => Number(((await rt.db(JOB_FILES_TABLE).count({ n: "*" }).first()) as { n: number | string }).n);
    const printOne = async (actor: Actor) => {
      const { jobId } = await rt.printJobs.start(actor, "invoice", { ids: [invoices[0].id] }, "pdf");
      await rt.queue.runUntilIdle(rt.jobHandlers);
      expect(await rt.printJobs.status(actor, jobId)).toMatchObject({ state: "done", done: 1 });
      clock = new Date(clock.getTime() + MINUTE);
      return jobId;
    };
    const annas: string[] = [];
    for (let i = 0; i < 5; i++) annas.push(await printOne(ANNA));
    const bens = await printOne(BEN);
    const gone = `the file of print job "${annas[0]}" has expired: finished files are kept 15 minutes, and only your newest 4; print again`;
    await expect(rt.printJobs.status(ANNA, annas[0])).rejects.toMatchObject({ status: 404, message: gone });
    await expect(rt.printJobs.file(ANNA, annas[0])).rejects.toMatchObject({ status: 404, message: gone });
    for (const jobId of annas.slice(1)) expect((await rt.printJobs.file(ANNA, jobId)).fileName).toBe("Invoice – 1 Invoice.pdf");
    expect(await rt.printJobs.status(BEN, bens)).toMatchObject({ state: "done" });
    expect(await parts()).toBeGreaterThan(0);

    // Ben's file ended last, a minute ago: 14 more minutes keep it, 15 remove it.
    clock = new Date(clock.getTime() + 13 * MINUTE);
    await rt.queue.runUntilIdle(rt.jobHandlers);
    expect(await rt.printJobs.status(BEN, bens)).toMatchObject({ state: "done" });
    await expect(rt.printJobs.status(ANNA, annas[1])).rejects.toThrow(/has expired/);
    clock = new Date(clock.getTime() + MINUTE);
    await expect(rt.printJobs.status(BEN, bens)).rejects.toThrow(/has expired/);
    await rt.queue.runUntilIdle(rt.jobHandlers);
    expect(await parts()).toBe(0);
    await close(rt);
  }, 120_000);

  it("stores a large file in parts of a few MB, which MariaDB's max_allowed_packet lets through, and reads it back whole", async () => {
    const rt = await runtime();
    const files = createJobFiles(rt.db);
    const bytes = crypto.randomBytes(2 * JOB_FILE_PART_BYTES + 12_345);
    const writer = await files.create({ id: 424242, attempts: 1 }, "user:9001");
    // Written in pieces of uneven size, as a ZIP's entries arrive.
    for (let at = 0; at < bytes.byteLength; at += 700_001) await writer.write(bytes.subarray(at, at + 700_001));
    expect(await writer.finish(new Date(Date.now() + MINUTE))).toBe(bytes.byteLength);
    const rows = (await rt.db(JOB_FILES_TABLE).where({ job_id: 424242 }).orderBy("seq").select("seq", "size")) as { size: number }[];
    expect(rows.map((r) => Number(r.size))).toEqual([JOB_FILE_PART_BYTES, JOB_FILE_PART_BYTES, 12_345]);
    const stored = (await files.get(424242, 1))!;
    expect(stored.size).toBe(bytes.byteLength);
    const read: Uint8Array[] = [];
    for await (const part of stored.chunks()) read.push(part);
    expect(Buffer.concat(read).equals(bytes)).toBe(true);
    // No job of that id is running or done: the clean-up takes its parts.
    expect(await files.removeExpired()).toBe(3);
    expect(await files.get(424242, 1)).toBeNull();
    await close(rt);
  }, 60_000);
});
