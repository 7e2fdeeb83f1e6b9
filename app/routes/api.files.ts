import { badRequest } from "@runtime/errors";
import { actorFor } from "../services/actor.server";
import { getFileStore, tooLargeError } from "../services/files.server";
import { readMultipart } from "../services/upload.server";
import { apiRoute } from "../utils/api.server";

/** POST multipart/form-data with the field `file` → `{ id, name, size, type }`. */
export const { loader, action } = apiRoute({
  POST: async ({ request }) => {
    const store = await getFileStore();
    const form = await readMultipart(request, store.maxBytes, () => tooLargeError(store.maxBytes));
    const file = form.get("file");
    if (file === null || typeof file === "string") throw badRequest('send the file in the multipart field "file"');
    if (file.size > store.maxBytes) throw tooLargeError(store.maxBytes);
    const content = new Uint8Array(await file.arrayBuffer());
    return store.save({ name: file.name, type: file.type, content, actorId: (await actorFor(request)).id });
  },
});
