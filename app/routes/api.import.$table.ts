import { MAX_IMPORT_BYTES } from "@runtime/dataio/sheet.server";
import { actorFor } from "../services/actor.server";
import { getRuntime } from "../services/runtime.server";
import { readMultipart } from "../services/upload.server";
import { apiRoute, jsonResponse } from "../utils/api.server";

/** `POST /api/import/:table` (multipart `file`, `mapping`, `mode`, `key`) → 202 `{ jobId }`. */
export const { loader, action } = apiRoute({
  POST: async ({ request, params }) => {
    const actor = await actorFor(request);
    const form = await readMultipart(request, MAX_IMPORT_BYTES);
    const file = form.get("file");
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value : undefined;
    };
    const bytes = file !== null && typeof file !== "string" ? new Uint8Array(await file.arrayBuffer()) : null;
    const started = await (
      await getRuntime()
    ).imports.start(actor, params.table!, {
      file: bytes,
      mapping: text("mapping"),
      mode: text("mode"),
      key: text("key"),
    });
    return jsonResponse(started, 202);
  },
});
