import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { ApiError, badRequest } from "@runtime/errors";
import { actorFor } from "../services/actor.server";
import { getFileStore, tooLargeError } from "../services/files.server";
import { apiRoute, HttpError } from "../utils/api.server";

// Multipart overhead (boundaries, part headers) on top of the file itself.
const ENVELOPE_BYTES = 64 * 1024;

/** POST multipart/form-data with the field `file` → `{ id, name, size, type }`. */
export const { loader, action } = apiRoute({
  POST: async ({ request }) => {
    const mediaType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (mediaType !== "multipart/form-data") throw new HttpError(415, 'upload a file as multipart/form-data in the field "file"');
    const store = await getFileStore();
    const declared = Number(request.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > store.maxBytes + ENVELOPE_BYTES) throw tooLargeError(store.maxBytes);

    let form: FormData;
    try {
      // The handler stops reading a part at maxPartSize, so a chunked body cannot exhaust memory.
      form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: store.maxBytes }));
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) throw tooLargeError(store.maxBytes);
      if (error instanceof ApiError) throw error;
      throw badRequest("the upload is not valid multipart/form-data");
    }
    const file = form.get("file");
    if (file === null || typeof file === "string") throw badRequest('send the file in the multipart field "file"');
    const content = new Uint8Array(await file.arrayBuffer());
    return store.save({ name: file.name, type: file.type, content, actorId: (await actorFor(request)).id });
  },
});
