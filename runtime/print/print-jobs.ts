import type { Phrase } from "../i18n/words";

/** What the browser and the server agree on about print jobs (no server code here). */

/** One PDF with every record, or a ZIP with one PDF per record. */
export type PrintJobFormat = "pdf" | "zip";
export type PrintJobState = "running" | "done" | "failed" | "canceled";

/** The most records one job prints: about 40 MB of PDF, and a few minutes of two Chromium pages. */
export const MAX_JOB_RECORDS = 2000;

/** How many skipped records a job's status names; the count covers the rest. */
export const MAX_SKIPPED_NAMES = 10;

/**
 * "Everything the list shows" instead of ids: the records API's own query (a filter as
 * `GET /api/t/:table?filter=` takes it, the quick-search text, the sort).
 */
export interface PrintJobQuery {
  q?: string;
  filter?: unknown;
  sort?: string;
}

/** What to print: chosen ids, or all records matching a query. */
export type PrintJobTarget = { ids: unknown } | { query: PrintJobQuery };

/** `GET /api/print/jobs/:jobId`. */
export interface PrintJobStatus {
  jobId: string;
  state: PrintJobState;
  format: PrintJobFormat;
  /** Records printed so far, out of `total`. */
  done: number;
  total: number;
  /**
   * Records left out because the template's condition does not hold for them (a receipt for an
   * unpaid invoice): those the list query ruled out before printing, and any that changed since.
   */
  skipped: number;
  /** Titles of the skipped records the job loaded (at most MAX_SKIPPED_NAMES); a query's are not loaded. */
  skippedNames: string[];
  /** Why the job failed, in words for the user. */
  error?: string;
  /** `error` as a catalog phrase, said in the reader's language. */
  errorWords?: Phrase;
  /** The result's file name, e.g. `Invoice – 150 Invoices.pdf`. */
  fileName: string;
}
