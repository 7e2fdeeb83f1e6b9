// Routes reach the file store through here, never runtime/*.server directly (see runtime.server.ts).
import { tooLargeError, type FileStore } from "@runtime/files/files.server";
import { getRuntime } from "./runtime.server";

export type { FileStore, StoredFile, StoredFileInfo } from "@runtime/files/files.server";
export { tooLargeError };

/** Uploads as large as `TESSERA_MAX_UPLOAD_BYTES` (default 10 MB), see createRuntime. */
export async function getFileStore(): Promise<FileStore> {
  return (await getRuntime()).files;
}
