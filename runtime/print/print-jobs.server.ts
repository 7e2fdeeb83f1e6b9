import crypto from "node:crypto";
import { zipSync } from "fflate";
import { ApiError, badRequest, conflict, notFound } from "../errors";
import type { Actor } from "../records/permissions";
import { createPdfMerger } from "./merge-pdf.server";
import { PdfRenderError } from "./pdf.server";
import type { RecordsService } from "../records/service.server";
import type { PrintService } from "./print.server";
import {
  MAX_JOB_RECORDS,
  MAX_SKIPPED_NAMES,
  tooManyRecordsMessage,
  type PrintJobFormat,
  type PrintJobQuery,
  type PrintJobStatus,
  type PrintJobTarget,
} from "./print-jobs";
import { safeFileName } from "./print.server";
import { uniqueFileNames } from "./unique-names";

export interface PrintJobFile {
  bytes: Uint8Array;
  fileName: string;
  contentType: string;
}

export interface PrintJobs {
  /** Checks the request, queues the job and answers at once; the job prints in the background. */
  start(actor: Actor, templateId: unknown, target: PrintJobTarget, format: PrintJobFormat): Promise<PrintJobStatus>;
  status(actor: Actor, jobId: string): PrintJobStatus;
  file(actor: Actor, jobId: string): PrintJobFile;
  cancel(actor: Actor, jobId: string): PrintJobStatus;
  /** Stops every job and forgets them (server shutdown, tests). */
  close(): void;
}

export interface PrintJobsOptions {
  /** How long a finished job and its file are kept; default 15 minutes. */
  ttlMs?: number;
  /** Records loaded and printed per step; progress and cancel act between records. Default 25. */
  chunkSize?: number;
  maxRecords?: number;
  /** Unfinished jobs one user may have at once; default 2. */
  maxRunningPerOwner?: number;
  /**
   * Bytes of finished files kept for download across all users; past it the oldest finished
   * jobs are forgotten early (their owners print again). Default 512 MiB, about 25 full jobs.
   */
  maxKeptBytes?: number;
  /** Finds the records of a `{ query }` job (with the actor's read rights); without it only ids are taken. */
  records?: Pick<RecordsService, "list">;
}

const QUERY_PAGE = 500;

interface Job {
  status: PrintJobStatus;
  owner: string;
  batchName(count: number): string;
  controller: AbortController;
  result?: PrintJobFile;
  expiry?: NodeJS.Timeout;
}

/**
 * What the user is told about a failed job: the service's own messages name the record and the
 * reason; anything else is a bug whose text (SQL, paths) must not reach a response.
 */
function failureMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  console.error("A print job failed:", error);
  // Chromium's own words name paths and internals of this server: they stay in the log.
  if (error instanceof PdfRenderError)
    return "the PDF renderer failed (the server log has the details); try again in a moment, and report it if it happens again";
  return "an internal error stopped it (the server log has the details); try again, and report it if it happens again";
}

const fileNameOf = (batchName: string, format: PrintJobFormat) =>
  format === "pdf" ? safeFileName(batchName) : safeFileName(batchName).replace(/\.pdf$/, ".zip");

/** Jobs belong to the user who started them; the system and tests have no id, so go by name. */
const ownerOf = (actor: Actor) => (actor.id !== null ? `user:${actor.id}` : `anonymous:${actor.role}:${actor.name}`);

/**
 * Batch printing as jobs kept in this process's memory: large selections print chunk by chunk
 * through the shared page pool while the browser polls the progress, then fetches one merged PDF
 * or a ZIP. A job is visible only to its owner (anyone else gets the same 404 as for a job that
 * never existed) and is forgotten `ttlMs` after it ends. With several app instances the polls
 * must reach the instance that runs the job (sticky sessions).
 */
export function createPrintJobs(print: Pick<PrintService, "checkBatch" | "printEach">, options: PrintJobsOptions = {}): PrintJobs {
  const ttlMs = options.ttlMs ?? 15 * 60_000;
  const chunkSize = Math.max(1, options.chunkSize ?? 25);
  const maxRecords = options.maxRecords ?? MAX_JOB_RECORDS;
  const maxRunning = options.maxRunningPerOwner ?? 2;
  const maxKeptBytes = options.maxKeptBytes ?? 512 * 1024 * 1024;
  // A Map iterates in insertion order: the first jobs with a file are the oldest.
  const jobs = new Map<string, Job>();

  /** Forgets the oldest finished files until what is kept fits, never the one just made. */
  function keepWithinLimit(newest: Job) {
    let kept = 0;
    for (const job of jobs.values()) kept += job.result?.bytes.byteLength ?? 0;
    for (const job of jobs.values()) {
      if (kept <= maxKeptBytes) break;
      if (job === newest || !job.result) continue;
      kept -= job.result.bytes.byteLength;
      clearTimeout(job.expiry);
      jobs.delete(job.status.jobId);
    }
  }

  function find(actor: Actor, jobId: string): Job {
    const job = jobs.get(jobId);
    if (!job || job.owner !== ownerOf(actor))
      throw notFound(
        `there is no print job "${String(jobId).slice(0, 64)}": it may have expired (jobs are kept ${Math.round(ttlMs / 60_000)} minutes after they end); print again`,
      );
    return job;
  }

  function finish(job: Job, state: "done" | "failed" | "canceled", error?: string) {
    if (job.status.state !== "running") return;
    job.status = { ...job.status, state, ...(error ? { error } : {}) };
    job.expiry = setTimeout(() => jobs.delete(job.status.jobId), ttlMs);
    job.expiry.unref();
  }

  async function run(job: Job, actor: Actor, templateId: unknown, ids: number[]) {
    const { signal } = job.controller;
    const merger = job.status.format === "pdf" ? await createPdfMerger() : null;
    const files: { name: string; pdf: Uint8Array }[] = [];
    const onPrinted = () => {
      // Renders already under way when a cancel came in do not move a stopped job's count.
      if (job.status.state === "running") job.status = { ...job.status, done: job.status.done + 1 };
    };
    // A record that no longer meets the template's condition (paid back to unpaid since the list
    // was shown) is left out and named, rather than failing the hundreds around it.
    const onSkipped = (title: string) => {
      if (job.status.state !== "running") return;
      const { total, skipped, skippedNames } = job.status;
      job.status = {
        ...job.status,
        total: total - 1,
        skipped: skipped + 1,
        skippedNames: skippedNames.length < MAX_SKIPPED_NAMES ? [...skippedNames, title] : skippedNames,
      };
    };
    for (let i = 0; i < ids.length; i += chunkSize) {
      const printed = await print.printEach(actor, templateId, ids.slice(i, i + chunkSize), { signal, onPrinted, onSkipped });
      if (signal.aborted) return;
      for (const p of printed) {
        if (merger) await merger.add(p.pdf);
        else files.push({ name: p.filename, pdf: p.pdf });
      }
    }
    if (job.status.done === 0) {
      const names = job.status.skippedNames.join(", ");
      const more = job.status.skipped - job.status.skippedNames.length;
      return finish(
        job,
        "failed",
        `nothing was printed: the template's condition does not hold for ${names}${more > 0 ? ` and ${more} more` : ""}`,
      );
    }
    // Records skipped while printing leave fewer in the file than its name said at the start.
    job.status = { ...job.status, fileName: fileNameOf(job.batchName(job.status.done), job.status.format) };
    if (merger) {
      job.result = { bytes: await merger.save(), fileName: job.status.fileName, contentType: "application/pdf" };
    } else {
      const names = uniqueFileNames(files.map((f) => f.name));
      // PDFs are compressed already: storing them is as small and much faster than deflating.
      const entries = Object.fromEntries(files.map((f, i) => [names[i], [f.pdf, { level: 0 }] as [Uint8Array, { level: 0 }]]));
      job.result = { bytes: zipSync(entries), fileName: job.status.fileName, contentType: "application/zip" };
    }
    finish(job, "done");
    keepWithinLimit(job);
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
    if (!options.records) throw badRequest("this server prints chosen ids only: send ids");
    const records = options.records;
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
      if (found.total > maxRecords) throw badRequest(tooManyRecordsMessage(found.total, maxRecords));
      ids.push(...found.rows.map((r) => r.id as number));
      if (found.rows.length < QUERY_PAGE || ids.length > maxRecords) break;
    }
    if (ids.length > maxRecords) throw badRequest(tooManyRecordsMessage(ids.length, maxRecords));
    let excluded: number | null = 0;
    if (hasCondition) {
      const all = await records.list(actor, table, { q: query.q || undefined, filter: query.filter, page: 1, pageSize: 1 });
      excluded = all.totalExact ? Math.max(0, all.total - ids.length) : null;
      if (ids.length === 0 && all.total > 0)
        throw badRequest(
          `the template is not offered for any of the ${all.totalExact ? "" : "about "}${all.total.toLocaleString("en-GB")} records that match: its condition does not hold for them; choose another template or change the filter`,
        );
    }
    if (ids.length === 0) throw badRequest("no records match: change the filter or the search, then print again");
    return { ids, excluded };
  }

  function chosenIds(ids: unknown): number[] {
    if (!Array.isArray(ids) || ids.length === 0)
      throw badRequest("ids must be a non-empty list of record ids: select the records to print");
    const unique = [...new Set(ids.map((v) => (typeof v === "string" ? Number(v) : v)))];
    if (!unique.every((v) => Number.isSafeInteger(v) && (v as number) > 0))
      throw badRequest("ids must be positive whole numbers (record ids)");
    if (unique.length > maxRecords) throw badRequest(tooManyRecordsMessage(unique.length, maxRecords));
    return unique as number[];
  }

  return {
    async start(actor, templateId, target, format) {
      const given = "ids" in target ? chosenIds(target.ids) : null;
      if (format !== "pdf" && format !== "zip") throw badRequest(`format must be "pdf" (one file) or "zip" (one file per record)`);
      const { table, batchName, condition } = await print.checkBatch(actor, templateId);
      const found = given
        ? { ids: given, excluded: 0 }
        : await idsOf(actor, table, (target as { query: PrintJobQuery }).query ?? {}, condition);
      const unique = found.ids;
      const owner = ownerOf(actor);
      const running = [...jobs.values()].filter((j) => j.owner === owner && j.status.state === "running").length;
      if (running >= maxRunning)
        throw conflict(`you already have ${running} print jobs running: wait for one to finish or cancel it, then print again`);
      const jobId = crypto.randomBytes(16).toString("base64url");
      const status: PrintJobStatus = {
        jobId,
        state: "running",
        format,
        done: 0,
        total: unique.length,
        skipped: found.excluded ?? 0,
        skippedNames: [],
        fileName: fileNameOf(batchName(unique.length), format),
      };
      const job: Job = { owner, batchName, controller: new AbortController(), status };
      jobs.set(jobId, job);
      run(job, actor, templateId, unique).catch((error: unknown) => {
        if (job.controller.signal.aborted) return;
        finish(job, "failed", `printing stopped after ${job.status.done} of ${job.status.total}: ${failureMessage(error)}`);
      });
      return job.status;
    },
    status(actor, jobId) {
      return find(actor, jobId).status;
    },
    file(actor, jobId) {
      const job = find(actor, jobId);
      if (job.status.state === "running")
        throw conflict(`the print job is not finished yet (${job.status.done} of ${job.status.total} printed): wait until it is done`);
      if (!job.result)
        throw conflict(`the print job ${job.status.state === "canceled" ? "was canceled" : "failed"} and has no file: print again`);
      return job.result;
    },
    cancel(actor, jobId) {
      const job = find(actor, jobId);
      if (job.status.state === "running") {
        job.controller.abort(new Error("canceled"));
        finish(job, "canceled");
      }
      return job.status;
    },
    close() {
      for (const job of jobs.values()) {
        job.controller.abort(new Error("closed"));
        clearTimeout(job.expiry);
      }
      jobs.clear();
    },
  };
}
