import crypto from "node:crypto";
import { Zip, ZipPassThrough } from "fflate";
import { ApiError } from "../errors";
import type { JobFiles, JobFileWriter } from "../jobs/job-files.server";
import type { JobQueue } from "../jobs/queue.server";
import { PermanentJobError, type Job, type JobContext, type JobHandlers, type JobState } from "../jobs/types";
import type { Actor } from "../records/permissions";
import type { RecordsService } from "../records/service.server";
import { createPdfMerger } from "./merge-pdf.server";
import { PdfRenderError } from "./pdf.server";
import {
  MAX_JOB_RECORDS,
  MAX_SKIPPED_NAMES,
  type PrintJobFormat,
  type PrintJobQuery,
  type PrintJobState,
  type PrintJobStatus,
  type PrintJobTarget,
} from "./print-jobs";
import { safeFileName, type PrintedPdf, type PrintService } from "./print.server";
import { uniqueNamer } from "./unique-names";
import { printPhrase, printRefusal, printWords } from "./print-words";
import { say, type Phrase } from "../i18n/words";

/** More records than a job takes: the count as the batch print screen says it too. */
const tooMany = (count: number, max: number) =>
  printRefusal(400, "tooMany", { max: max.toLocaleString("en-GB"), count: count.toLocaleString("en-GB") });

/** The queue's job types of batch printing. */
export const PRINT_BATCH_JOB = "print.batch";
export const PRINT_CLEANUP_JOB = "print.cleanup";

/** A finished job's file, read from the database part by part as it is sent. */
export interface PrintJobFile {
  fileName: string;
  contentType: string;
  size: number;
  chunks(): AsyncGenerator<Uint8Array>;
}

export interface PrintJobs {
  /** Checks the request and queues the job; any instance's workers print it. */
  start(actor: Actor, templateId: unknown, target: PrintJobTarget, format: PrintJobFormat): Promise<PrintJobStatus>;
  status(actor: Actor, jobId: string): Promise<PrintJobStatus>;
  file(actor: Actor, jobId: string): Promise<PrintJobFile>;
  cancel(actor: Actor, jobId: string): Promise<PrintJobStatus>;
  /** What the workers run for print jobs, by job type: the runtime adds them to its handlers. */
  readonly handlers: JobHandlers;
}

export interface PrintJobsOptions {
  /** How long a finished file is kept; default 15 minutes. */
  ttlMs?: number;
  /** Records loaded and printed per step; progress and cancel act between records. Default 25. */
  chunkSize?: number;
  maxRecords?: number;
  /** Unfinished jobs one user may have at once; default 2. */
  maxRunningPerOwner?: number;
  /** Finished files one user keeps: the newest 4, together at most 200 MB; older ones go when a new one is finished. */
  maxFilesPerOwner?: number;
  maxBytesPerOwner?: number;
  /** Runs of a job before it is given up, when its worker stopped (a restart) or died, or printing failed. Default 3. */
  maxAttempts?: number;
}

export interface PrintJobsServices {
  print: Pick<PrintService, "checkBatch" | "printEach">;
  queue: JobQueue;
  files: JobFiles;
  /** Finds the records of a `{ query }` job (with the actor's read rights); without it only ids are taken. */
  records?: Pick<RecordsService, "list">;
}

/** Everything a `print.batch` job needs to print on any instance, after any restart. */
interface PrintBatchPayload {
  /** The id the API shows: random, so ids can neither be guessed nor counted. */
  jobId: string;
  owner: string;
  /** Who asked, with the rights their role had then: the job prints as them. */
  actor: Actor;
  templateId: unknown;
  format: PrintJobFormat;
  /** The records to print; a query's are found when the job is asked for. */
  ids: number[];
  /** Records a query found that the template's condition rules out: skipped from the start. */
  excluded: number;
  /** The file's name at the start; records skipped while printing change the count in it. */
  fileName: string;
}

interface PrintBatchProgress {
  done: number;
  total: number;
  skipped: number;
  skippedNames: string[];
  /** Why the last attempt failed, as a catalog phrase: the status says it in the reader's language. */
  failure?: Phrase;
}

interface PrintBatchResult extends PrintBatchProgress {
  fileName: string;
  contentType: string;
  size: number;
  /** The attempt whose file this is (see JobFiles). */
  attempt: number;
}

const QUERY_PAGE = 500;
const MB = 1024 * 1024;
const JOB_ID = /^[A-Za-z0-9_-]{16,64}$/;

const STATES: Record<JobState, PrintJobState> = {
  queued: "running",
  running: "running",
  done: "done",
  dead: "failed",
  cancelled: "canceled",
};

const keyOf = (jobId: string) => `print:${jobId}`;

/**
 * What the user is told about a failed job: the service's own messages name the record and the
 * reason; anything else is a bug whose text (SQL, paths) must not reach a response.
 */
/** A dead job's reason: its phrase only when it is what the queue kept (an older attempt's may differ). */
function deadJobError(lastError: string | null | undefined, failure: Phrase | undefined): { error: string; errorWords?: Phrase } {
  if (!lastError) return { error: say(printPhrase("jobFailedShort"), printWords), errorWords: printPhrase("jobFailedShort") };
  return failure && say(failure, printWords) === lastError ? { error: lastError, errorWords: failure } : { error: lastError };
}

function failureWords(error: unknown): Phrase | string {
  if (error instanceof ApiError) return error.phrase ?? error.message;
  console.error("A print job failed:", error);
  // Chromium's own words name paths and internals of this server: they stay in the log.
  return printPhrase(error instanceof PdfRenderError ? "rendererFailed" : "internalFailure");
}

const fileNameOf = (batchName: string, format: PrintJobFormat) =>
  format === "pdf" ? safeFileName(batchName) : safeFileName(batchName).replace(/\.pdf$/, ".zip");

/** Jobs belong to the user who started them; the system and tests have no id, so go by name. */
const ownerOf = (actor: Actor) => (actor.id !== null ? `user:${actor.id}` : `anonymous:${actor.role}:${actor.name}`);

const ownedBy = (job: Job, actor: Actor) =>
  job.type === PRINT_BATCH_JOB && job.createdBy === actor.id && (job.payload as PrintBatchPayload | null)?.owner === ownerOf(actor);

/**
 * Writes only the latest progress, one write at a time: a job reports after every record, and
 * the database sees at most one write in flight however fast the records come.
 */
function progressReporter(write: () => Promise<void>) {
  let writing: Promise<void> | null = null;
  let dirty = false;
  async function drain() {
    while (dirty) {
      dirty = false;
      await write().catch(() => {});
    }
    writing = null;
  }
  return {
    report() {
      dirty = true;
      writing ??= drain();
    },
    /** Resolves once everything reported so far is written. */
    flush: () => writing ?? Promise.resolve(),
  };
}

interface Output {
  contentType: string;
  add(printed: PrintedPdf): Promise<void>;
  end(): Promise<void>;
}

/** One PDF: pdf-lib needs the whole document to save it, so it is the one part held in memory. */
async function pdfOutput(file: JobFileWriter): Promise<Output> {
  const merger = await createPdfMerger();
  return {
    contentType: "application/pdf",
    add: (printed) => merger.add(printed.pdf),
    end: async () => file.write(await merger.save()),
  };
}

/** A ZIP written to the database as its entries arrive, so memory holds a part, not the archive. */
function zipOutput(file: JobFileWriter): Output {
  const nameOf = uniqueNamer();
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  // fflate hands over a stored entry's bytes synchronously, while it is pushed.
  const zip = new Zip((error, chunk) => (error ? (failure = error) : ready.push(chunk)));
  const drain = async () => {
    if (failure) throw failure;
    for (const chunk of ready.splice(0)) await file.write(chunk);
  };
  return {
    contentType: "application/zip",
    async add(printed) {
      // PDFs are compressed already: storing them is as small and much faster than deflating.
      const entry = new ZipPassThrough(nameOf(printed.filename));
      zip.add(entry);
      entry.push(printed.pdf, true);
      await drain();
    },
    async end() {
      zip.end();
      await drain();
    },
  };
}

/**
 * Batch printing on the job queue (docs/decisions/015-print-jobs-on-the-queue.md): `start` checks
 * the request and enqueues a `print.batch` job; whichever instance's worker claims it prints the
 * records chunk by chunk through the shared page pool, reports progress through the queue, and
 * stores the finished PDF or ZIP in the database, where any instance serves it. A job is visible
 * only to its owner (anyone else gets the same 404 as for a job that never existed). Each user
 * keeps their newest few files for 15 minutes; a `print.cleanup` job removes them after that.
 */
export function createPrintJobs(services: PrintJobsServices, options: PrintJobsOptions = {}): PrintJobs {
  const { print, queue, files } = services;
  const ttlMs = options.ttlMs ?? 15 * 60_000;
  const chunkSize = Math.max(1, options.chunkSize ?? 25);
  const maxRecords = options.maxRecords ?? MAX_JOB_RECORDS;
  const maxRunning = options.maxRunningPerOwner ?? 2;
  const maxFiles = Math.max(1, options.maxFilesPerOwner ?? 4);
  const maxBytes = options.maxBytesPerOwner ?? 200 * MB;
  const maxAttempts = options.maxAttempts ?? 3;

  const noSuchJob = (jobId: unknown) => printRefusal(404, "noJob", { job: String(jobId).slice(0, 64) });
  const expired = (jobId: string) => printRefusal(404, "jobExpired", { job: jobId, minutes: Math.round(ttlMs / 60_000), files: maxFiles });

  async function find(actor: Actor, jobId: unknown): Promise<Job<PrintBatchPayload>> {
    const job = typeof jobId === "string" && JOB_ID.test(jobId) ? await queue.getByKey(keyOf(jobId)) : null;
    if (!job || !ownedBy(job, actor)) throw noSuchJob(jobId);
    return job as Job<PrintBatchPayload>;
  }

  /** A done job's file, or the 404 that says it expired. */
  async function storedFile(job: Job<PrintBatchPayload>) {
    const result = job.result as PrintBatchResult;
    const stored = await files.get(job.id, result.attempt);
    if (!stored) throw expired(job.payload.jobId);
    return { result, stored };
  }

  async function statusOf(job: Job<PrintBatchPayload>): Promise<PrintJobStatus> {
    const p = job.payload;
    const result = job.state === "done" ? (await storedFile(job)).result : null;
    const at = (result ?? job.progress ?? {}) as Partial<PrintBatchProgress>;
    return {
      jobId: p.jobId,
      state: STATES[job.state],
      format: p.format,
      done: at.done ?? 0,
      total: at.total ?? p.ids.length,
      skipped: at.skipped ?? p.excluded,
      skippedNames: at.skippedNames ?? [],
      ...(job.state === "dead" ? deadJobError(job.lastError, at.failure) : {}),
      fileName: result?.fileName ?? p.fileName,
    };
  }

  async function printBatch({ job, payload: p, progress, signal }: JobContext<PrintBatchPayload>): Promise<PrintBatchResult> {
    const at: PrintBatchProgress = { done: 0, total: p.ids.length, skipped: p.excluded, skippedNames: [] };
    const reporter = progressReporter(() => progress({ ...at }));
    try {
      const { batchName } = await print.checkBatch(p.actor, p.templateId);
      const file = await files.create(job, p.owner);
      const output = p.format === "pdf" ? await pdfOutput(file) : zipOutput(file);
      const onPrinted = () => {
        at.done++;
        reporter.report();
      };
      // A record that no longer meets the template's condition (paid back to unpaid since the
      // list was shown) is left out and named, rather than failing the hundreds around it.
      const onSkipped = (title: string) => {
        at.total--;
        at.skipped++;
        if (at.skippedNames.length < MAX_SKIPPED_NAMES) at.skippedNames.push(title);
        reporter.report();
      };
      for (let i = 0; i < p.ids.length; i += chunkSize) {
        const printed = await print.printEach(p.actor, p.templateId, p.ids.slice(i, i + chunkSize), { signal, onPrinted, onSkipped });
        // The progress write is where a cancel is noticed: it aborts the signal.
        await reporter.flush();
        signal.throwIfAborted();
        for (const one of printed) await output.add(one);
      }
      if (at.done === 0) {
        const more = at.skipped - at.skippedNames.length;
        const nothing = printPhrase(more > 0 ? "nothingPrintedMore" : "nothingPrinted", { names: at.skippedNames.join(", "), more });
        throw Object.assign(new PermanentJobError(say(nothing, printWords)), { phrase: nothing });
      }
      await output.end();
      reporter.report();
      await reporter.flush();
      signal.throwIfAborted();
      const expiresAt = new Date(queue.now().getTime() + ttlMs);
      const size = await file.finish(expiresAt);
      await files.keepNewest(p.owner, { files: maxFiles, bytes: maxBytes });
      await queue.enqueue({ type: PRINT_CLEANUP_JOB, payload: null, runAt: expiresAt, key: `print.cleanup:${job.id}` });
      // Records skipped while printing leave fewer in the file than its name said at the start.
      return { ...at, fileName: fileNameOf(batchName(at.done), p.format), contentType: output.contentType, size, attempt: job.attempts };
    } catch (error) {
      await reporter.flush();
      // Cancelled, taken over by another worker, or this instance stopping: not the print's fault.
      // The queue ignores the answer of a job that is no longer ours, and runs a stopped one again.
      if (signal.aborted) throw signal.reason;
      const permanent = error instanceof PermanentJobError;
      const failure = permanent
        ? ((error as { phrase?: Phrase }).phrase ?? null)
        : printPhrase("stopped", { done: at.done, total: at.total, why: failureWords(error) });
      if (failure) {
        at.failure = failure;
        reporter.report();
        await reporter.flush();
      }
      if (permanent) throw error;
      const message = say(failure!, printWords);
      // The request's own fault (a record no longer offered, a template removed) would fail the
      // same way again: at once. Chromium or the database failing (Chromium killed with the app,
      // a lost connection) may not: the queue tries again shortly, and says this if the last try fails too.
      throw error instanceof ApiError ? new PermanentJobError(message) : new Error(message);
    }
  }

  /**
   * The ids of every record the query finds that the template's condition lets it print, in the
   * query's order, and how many more the query finds that the condition rules out (a second,
   * count-only query; `null` when that count is only an estimate). Refuses more than the cap.
   */
  async function idsOf(
    actor: Actor,
    table: string,
    query: PrintJobQuery,
    condition: unknown,
  ): Promise<{ ids: number[]; excluded: number | null }> {
    if (!services.records) throw printRefusal(400, "idsOnly");
    const records = services.records;
    const hasCondition = condition !== null && condition !== undefined;
    const filter = !hasCondition ? query.filter : query.filter ? { and: [query.filter, condition] } : condition;
    const ids: number[] = [];
    for (let page = 1; ; page++) {
      const found = await records.list(actor, table, {
        q: query.q || undefined,
        filter,
        sort: query.sort || undefined,
        page,
        pageSize: QUERY_PAGE,
      });
      if (found.total > maxRecords) throw tooMany(found.total, maxRecords);
      ids.push(...found.rows.map((r) => r.id as number));
      if (found.rows.length < QUERY_PAGE || ids.length > maxRecords) break;
    }
    if (ids.length > maxRecords) throw tooMany(ids.length, maxRecords);
    let excluded: number | null = 0;
    if (hasCondition) {
      const all = await records.list(actor, table, { q: query.q || undefined, filter: query.filter, page: 1, pageSize: 1 });
      excluded = all.totalExact ? Math.max(0, all.total - ids.length) : null;
      if (ids.length === 0 && all.total > 0)
        throw printRefusal(400, all.totalExact ? "notOffered" : "notOfferedAbout", { count: all.total.toLocaleString("en-GB") });
    }
    if (ids.length === 0) throw printRefusal(400, "noMatch");
    return { ids, excluded };
  }

  function chosenIds(ids: unknown): number[] {
    if (!Array.isArray(ids) || ids.length === 0) throw printRefusal(400, "chooseIds");
    const unique = [...new Set(ids.map((v) => (typeof v === "string" ? Number(v) : v)))];
    if (!unique.every((v) => Number.isSafeInteger(v) && (v as number) > 0)) throw printRefusal(400, "idsWhole");
    if (unique.length > maxRecords) throw tooMany(unique.length, maxRecords);
    return unique as number[];
  }

  return {
    async start(actor, templateId, target, format) {
      const given = "ids" in target ? chosenIds(target.ids) : null;
      if (format !== "pdf" && format !== "zip") throw printRefusal(400, "format");
      const { table, batchName, condition } = await print.checkBatch(actor, templateId);
      const found = given
        ? { ids: given, excluded: 0 }
        : await idsOf(actor, table, (target as { query: PrintJobQuery }).query ?? {}, condition);
      const unfinished = await queue.list({ type: PRINT_BATCH_JOB, state: ["queued", "running"], createdBy: actor.id });
      const running = unfinished.filter((job) => ownedBy(job, actor)).length;
      if (running >= maxRunning) throw printRefusal(409, "jobsRunning", { count: String(running) });
      const payload: PrintBatchPayload = {
        jobId: crypto.randomBytes(16).toString("base64url"),
        owner: ownerOf(actor),
        actor: { id: actor.id, name: actor.name, role: actor.role, rights: actor.rights },
        templateId,
        format,
        ids: found.ids,
        excluded: found.excluded ?? 0,
        fileName: fileNameOf(batchName(found.ids.length), format),
      };
      await queue.enqueue({ type: PRINT_BATCH_JOB, payload, key: keyOf(payload.jobId), createdBy: actor.id, maxAttempts });
      return {
        jobId: payload.jobId,
        state: "running",
        format,
        done: 0,
        total: found.ids.length,
        skipped: payload.excluded,
        skippedNames: [],
        fileName: payload.fileName,
      };
    },

    async status(actor, jobId) {
      return statusOf(await find(actor, jobId));
    },

    async file(actor, jobId) {
      const job = await find(actor, jobId);
      if (job.state === "queued" || job.state === "running") {
        const { done, total } = await statusOf(job);
        throw printRefusal(409, "jobUnfinished", { done, total });
      }
      if (job.state !== "done") throw printRefusal(409, job.state === "cancelled" ? "jobCanceled" : "jobFailed");
      const { result, stored } = await storedFile(job);
      return { fileName: result.fileName, contentType: result.contentType, size: stored.size, chunks: stored.chunks };
    },

    async cancel(actor, jobId) {
      const job = await find(actor, jobId);
      if (job.state !== "queued" && job.state !== "running") return statusOf(job);
      // It may have ended meanwhile, on this instance or another: then it simply stays as it ended.
      await queue.cancel(job.id).catch(() => {});
      return statusOf((await queue.get(job.id)) as Job<PrintBatchPayload>);
    },

    handlers: {
      [PRINT_BATCH_JOB]: printBatch,
      [PRINT_CLEANUP_JOB]: async () => ({ removedParts: await files.removeExpired() }),
    },
  };
}
