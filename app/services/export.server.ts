import { createReadableStreamFromReadable } from "@remix-run/node";
import type { ExportFile, PageReader } from "@runtime/dataio/export.server";
import { languagePack } from "@runtime/i18n/catalogs.server";
import { languageOf, translatorOf } from "./i18n.server";

/**
 * A streamed export as a download, or with `inline` as a page the browser shows (the printable
 * list): that page may not run scripts or load anything, whatever its values hold.
 */
export function exportResponse(file: ExportFile, options: { inline?: boolean } = {}): Response {
  return new Response(createReadableStreamFromReadable(file.body), {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      ...(options.inline
        ? { "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'" }
        : {}),
      "Content-Disposition": `${options.inline ? "inline" : "attachment"}; filename="${file.filename.replace(/[^\x20-\x7e]|"/g, "_")}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
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

/** The printable list's reader: the request's language and its locale. */
export async function readerOf(request: Request): Promise<PageReader> {
  const language = await languageOf(request);
  return { language, locale: languagePack(language).locale, t: translatorOf(language).t };
}
