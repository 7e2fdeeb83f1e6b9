// Routes reach Word templates through here, never runtime/*.server directly (see runtime.server.ts).
import { DOCX_MAX_BYTES, DOCX_MEDIA_TYPE, type DocxService } from "@runtime/print/docx.server";
import type { Actor } from "@runtime/records/permissions";
import { contentDisposition } from "./print.server";
import { getRuntime } from "./runtime.server";
import { readMultipart } from "./upload.server";
import { printRefusal } from "@runtime/print/print-words";

export type { DocxTemplateSummary } from "@runtime/print/docx.server";

export async function getDocxService(): Promise<DocxService> {
  return (await getRuntime()).docx;
}

/** Every Word template, each with the fields it names that the schema lacks (admins only). */
export async function wordTemplatesForAdmin(actor: Actor) {
  const docx = await getDocxService();
  const problems = await docx.problems(actor);
  return (await docx.list(actor)).map((t) => ({ ...t, problems: problems[t.id] ?? [] }));
}

/** A multipart upload's `file`, `name` and `table`, read within the 10 MB limit, stored as `actor`. */
export async function uploadDocxAs(actor: Actor, request: Request) {
  const form = await readMultipart(request, DOCX_MAX_BYTES);
  const file = form.get("file");
  if (file === null || typeof file === "string") throw printRefusal(400, "sendDocx");
  return (await getDocxService()).upload(actor, {
    name: form.get("name"),
    table: form.get("table"),
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
}

/** A filled Word document, always as a download. */
export function docxResponse(docx: Buffer, filename: string): Response {
  return new Response(new Blob([new Uint8Array(docx)]), {
    status: 200,
    headers: {
      "Content-Type": DOCX_MEDIA_TYPE,
      "Content-Length": String(docx.byteLength),
      "Content-Disposition": contentDisposition(filename, "attachment"),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
