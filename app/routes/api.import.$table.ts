import { MAX_SHEET_BYTES } from "@runtime/dataio/sheet-stream.server";
import { actorFor } from "../services/actor.server";
import { getRuntime } from "../services/runtime.server";
import { readMultipartToDisk, removeUploads, uploadedPath } from "../services/upload.server";
import { apiRoute, jsonResponse } from "../utils/api.server";

/** `POST /api/import/:table` (multipart `file`, `mapping`, `mode`, `key`) → 202 `{ jobId }`. The file is streamed to disk, never held. */
export const { loader, action } = apiRoute({
  POST: async ({ request, params }) => {
    const actor = await actorFor(request);
    const form = await readMultipartToDisk(request, MAX_SHEET_BYTES);
    try {
      const text = (name: string) => {
        const value = form.get(name);
        return typeof value === "string" ? value : undefined;
      };
      const path = uploadedPath(form.get("file"));
      const started = await (
        await getRuntime()
      ).imports.start(actor, params.table!, {
        file: path ? { path } : null,
        mapping: text("mapping"),
        mode: text("mode"),
        key: text("key"),
      });
      return jsonResponse(started, 202);
    } finally {
      await removeUploads(form);
    }
  },
});
