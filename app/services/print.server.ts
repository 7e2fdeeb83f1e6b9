// Routes reach printing through here, never runtime/*.server directly (see runtime.server.ts).
import { createPrintJobs, type PrintJobFile, type PrintJobs } from "@runtime/print/print-jobs.server";
import { contentDisposition, createPrintService, type PrintService } from "@runtime/print/print.server";
import { getRuntime } from "./runtime.server";

export type { OfferedTemplate, PrintedPdf, PrintService } from "@runtime/print/print.server";
export { contentDisposition };

// One print service (and so one Chromium) per process, kept across dev rebuilds.
const globalForPrint = globalThis as unknown as { __tesseraPrint?: Promise<PrintService>; __tesseraPrintJobs?: Promise<PrintJobs> };

export function getPrintService(): Promise<PrintService> {
  if (!globalForPrint.__tesseraPrint) {
    globalForPrint.__tesseraPrint = getRuntime()
      .then((runtime) => createPrintService(runtime))
      .catch((error) => {
        globalForPrint.__tesseraPrint = undefined;
        throw error;
      });
  }
  return globalForPrint.__tesseraPrint;
}

/** The batch print jobs of this process, kept across dev rebuilds like the print service. */
export function getPrintJobs(): Promise<PrintJobs> {
  if (!globalForPrint.__tesseraPrintJobs) {
    globalForPrint.__tesseraPrintJobs = Promise.all([getPrintService(), getRuntime()])
      .then(([print, runtime]) => createPrintJobs(print, { records: runtime.records }))
      .catch((error) => {
        globalForPrint.__tesseraPrintJobs = undefined;
        throw error;
      });
  }
  return globalForPrint.__tesseraPrintJobs;
}

/** A finished job's PDF or ZIP, always as a download. */
export function jobFileResponse(file: PrintJobFile): Response {
  return new Response(new Blob([file.bytes as Uint8Array<ArrayBuffer>]), {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": contentDisposition(file.fileName, "attachment"),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** A PDF answer; `?download=1` asks the browser to save it instead of showing it. */
export function pdfResponse(pdf: Buffer, filename: string, request: Request): Response {
  const download = new URL(request.url).searchParams.get("download") === "1";
  return new Response(new Blob([new Uint8Array(pdf)]), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.byteLength),
      "Content-Disposition": contentDisposition(filename, download ? "attachment" : "inline"),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** Closes Chromium if printing ever started; called on server shutdown. */
export async function closePrintService(): Promise<void> {
  const jobs = globalForPrint.__tesseraPrintJobs;
  globalForPrint.__tesseraPrintJobs = undefined;
  (await jobs?.catch(() => null))?.close();
  const pending = globalForPrint.__tesseraPrint;
  globalForPrint.__tesseraPrint = undefined;
  if (pending) await (await pending.catch(() => null))?.close();
}
