import { notFound } from "@runtime/errors";
import { actorFor } from "../services/actor.server";
import { getRuntime } from "../services/runtime.server";
import { apiRoute } from "../utils/api.server";

/** Images (but not SVG, which can carry scripts) and PDFs open in the browser; the rest download. */
function opensInline(type: string): boolean {
  return (type.startsWith("image/") && type !== "image/svg+xml") || type === "application/pdf";
}

/** RFC 6266 / RFC 8187: the name percent-encoded as UTF-8, so any name is safe in a header. */
function contentDisposition(type: string, name: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${opensInline(type) ? "inline" : "attachment"}; filename*=UTF-8''${encoded}`;
}

export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => {
    const { files, records } = await getRuntime();
    // The same answer for a file that is not there and one the user may not read: ids stay secret.
    if (!(await records.mayReadFile(await actorFor(request), params.id))) throw notFound("there is no such file");
    const file = await files.get(params.id);
    return new Response(file.content, {
      status: 200,
      headers: {
        "Content-Type": file.type,
        "Content-Length": String(file.size),
        "Content-Disposition": contentDisposition(file.type, file.name),
        "X-Content-Type-Options": "nosniff",
        // Even if a browser renders something, it runs nothing and reaches nothing.
        "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'",
        "Cache-Control": "private, max-age=31536000, immutable",
        ETag: `"${file.sha256}"`,
      },
    });
  },
});
