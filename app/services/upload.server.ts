import os from "node:os";
import {
  MaxPartSizeExceededError,
  NodeOnDiskFile,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { type ApiError } from "@runtime/errors";
import { HttpError } from "../utils/api.server";
import { fileRefusal } from "@runtime/files/file-words";

// Multipart overhead (boundaries, part headers) on top of the file itself.
const ENVELOPE_BYTES = 64 * 1024;

/** A multipart form of at most `maxBytes`, counted as it arrives so a chunked body cannot fill memory. */
export async function readMultipart(request: Request, maxBytes: number, tooLargeError?: () => ApiError): Promise<FormData> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType !== "multipart/form-data") throw new HttpError(415, 'upload the file as multipart/form-data in the field "file"');
  const limit = maxBytes + ENVELOPE_BYTES;
  const tooLarge = tooLargeError ?? (() => fileRefusal(413, "uploadTooLarge", { mb: Math.round(maxBytes / 1024 / 1024) }));
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
    throw fileRefusal(400, "notMultipart");
  }
}

/**
 * A multipart form whose files go to temporary files on disk as they arrive, never into memory
 * (an import of hundreds of MB); the caller removes them (`removeUploads`) once read.
 */
export async function readMultipartToDisk(request: Request, maxBytes: number): Promise<FormData> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType !== "multipart/form-data") throw new HttpError(415, 'upload the file as multipart/form-data in the field "file"');
  const tooLarge = () => fileRefusal(413, "uploadTooLarge", { mb: Math.round(maxBytes / 1024 / 1024) });
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes + ENVELOPE_BYTES) throw tooLarge();
  const handler = unstable_composeUploadHandlers(
    unstable_createFileUploadHandler({ directory: os.tmpdir(), maxPartSize: maxBytes, avoidFileConflicts: true }),
    // The form's text fields (mapping, mode, key): small.
    unstable_createMemoryUploadHandler({ maxPartSize: 64 * 1024 }),
  );
  try {
    return await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw tooLarge();
    throw fileRefusal(400, "notMultipart");
  }
}

/** Removes the temporary files of a form read by `readMultipartToDisk`. */
export async function removeUploads(form: FormData): Promise<void> {
  for (const [, value] of form.entries()) if (value instanceof NodeOnDiskFile) await value.remove().catch(() => {});
}

/** The path on disk of an uploaded file of a form read by `readMultipartToDisk`. */
export function uploadedPath(value: FormDataEntryValue | null): string | null {
  return value instanceof NodeOnDiskFile ? value.getFilePath() : null;
}
