// Routes reach printing through here, never runtime/*.server directly (see runtime.server.ts).
import type { PrintJobFile, PrintJobs } from "@runtime/print/print-jobs.server";
import { contentDisposition, type PrintService } from "@runtime/print/print.server";
import { getRuntime } from "./runtime.server";

export type { OfferedTemplate, PrintedPdf, PrintService } from "@runtime/print/print.server";
export { contentDisposition };

/** The runtime's print service: Chromium starts at the first print and closes with the runtime. */
export async function getPrintService(): Promise<PrintService> {
  return (await getRuntime()).print;
}

/** Batch print jobs, on the job queue: any instance answers for any job. */
export async function getPrintJobs(): Promise<PrintJobs> {
  return (await getRuntime()).printJobs;
}

/** A finished job's PDF or ZIP, always as a download, streamed from the database part by part. */
export function jobFileResponse(file: PrintJobFile): Response {
  const parts = file.chunks();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await parts.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await parts.return(undefined);
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.size),
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
