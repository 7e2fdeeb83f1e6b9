// Routes reach the file store through here, never runtime/*.server directly (see runtime.server.ts).
import { createFileStore, DEFAULT_MAX_FILE_BYTES, tooLargeError, type FileStore } from "@runtime/files/files.server";
import { getRuntime } from "./runtime.server";

export type { FileStore, StoredFile, StoredFileInfo } from "@runtime/files/files.server";
export { tooLargeError };

/** `TESSERA_MAX_UPLOAD_BYTES` raises or lowers the 10 MB default. */
export function maxUploadBytes(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.TESSERA_MAX_UPLOAD_BYTES);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAX_FILE_BYTES;
}

export async function getFileStore(): Promise<FileStore> {
  return createFileStore((await getRuntime()).db, { maxBytes: maxUploadBytes() });
}
