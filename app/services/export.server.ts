import { createReadableStreamFromReadable } from "@remix-run/node";
import type { ExportFile } from "@runtime/dataio/export.server";

/** A streamed export as a download. */
export function exportResponse(file: ExportFile): Response {
  return new Response(createReadableStreamFromReadable(file.body), {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename.replace(/[^\x20-\x7e]|"/g, "_")}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** The list view's query of an export URL. */
export function exportQuery(request: Request) {
  const search = new URL(request.url).searchParams;
  return { filter: search.get("filter"), sort: search.get("sort"), q: search.get("q"), columns: search.get("columns") };
}
