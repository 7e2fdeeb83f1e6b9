import { ApiError, badRequest } from "@runtime/errors";
import { HttpError } from "../utils/api.server";

// Multipart overhead (boundaries, part headers) on top of the file itself.
const ENVELOPE_BYTES = 64 * 1024;

/** A multipart form of at most `maxBytes`, counted as it arrives so a chunked body cannot fill memory. */
export async function readMultipart(request: Request, maxBytes: number, tooLargeError?: () => ApiError): Promise<FormData> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType !== "multipart/form-data") throw new HttpError(415, 'upload the file as multipart/form-data in the field "file"');
  const limit = maxBytes + ENVELOPE_BYTES;
  const tooLarge = tooLargeError ?? (() => new ApiError(413, `the upload is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`));
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  let seen = 0;
  const counted = request.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  try {
    return await new Request(request.url, {
      method: "POST",
      headers: request.headers,
      body: counted,
      duplex: "half",
    } as RequestInit).formData();
  } catch {
    if (seen > limit) throw tooLarge();
    throw badRequest("the upload is not valid multipart/form-data");
  }
}
