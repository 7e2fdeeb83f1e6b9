// Routes reach printing through here, never runtime/*.server directly (see runtime.server.ts).
import { contentDisposition, createPrintService, type PrintService } from "../../runtime/print/print.server";
import { getRuntime } from "./runtime.server";

export type { OfferedTemplate, PrintedPdf, PrintService } from "../../runtime/print/print.server";
export { contentDisposition };

// One print service (and so one Chromium) per process, kept across dev rebuilds.
const globalForPrint = globalThis as unknown as { __tesseraPrint?: Promise<PrintService> };

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
  const pending = globalForPrint.__tesseraPrint;
  globalForPrint.__tesseraPrint = undefined;
  if (pending) await (await pending.catch(() => null))?.close();
}
