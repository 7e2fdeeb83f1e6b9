import { badRequest } from "@runtime/errors";
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

    // The platform's parser (Remix's split `filename="a=b;c.pdf"` at the `;`), fed through a
    // counter, so a chunked body without a length cannot fill memory either.
    const limit = store.maxBytes + ENVELOPE_BYTES;
    let seen = 0;
    const counted = request.body?.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > limit) controller.error(tooLargeError(store.maxBytes));
          else controller.enqueue(chunk);
        },
      }),
    );
    let form: FormData;
    try {
      form = await new Request(request.url, {
        method: "POST",
        headers: request.headers,
        body: counted,
        duplex: "half",
      } as RequestInit).formData();
    } catch {
      if (seen > limit) throw tooLargeError(store.maxBytes);
      throw badRequest("the upload is not valid multipart/form-data");
    }
    const file = form.get("file");
    if (file === null || typeof file === "string") throw badRequest('send the file in the multipart field "file"');
    if (file.size > store.maxBytes) throw tooLargeError(store.maxBytes);
    const content = new Uint8Array(await file.arrayBuffer());
    return store.save({ name: file.name, type: file.type, content, actorId: (await actorFor(request)).id });
  },
});
