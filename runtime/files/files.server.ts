import crypto from "node:crypto";
import type { Knex } from "knex";
import { type ApiError } from "../errors";
import { dbNow, SYSTEM_TABLES } from "../db/system-tables.server";
import { FILE_ID_PATTERN } from "../fields/files";
import { fileRefusal } from "./file-words";

/** What a file field stores and what an upload answers. */
export interface StoredFileInfo {
  id: string;
  name: string;
  size: number;
  type: string;
}

export interface StoredFile extends StoredFileInfo {
  sha256: string;
  content: Uint8Array<ArrayBuffer>;
}

export interface FileStore {
  /** Largest file `save` accepts, in bytes. */
  readonly maxBytes: number;
  /** Bytes of uploads one user may hold that no record has taken yet. */
  readonly quotaBytes: number;
  save(input: { name: string; type: string; content: Uint8Array; actorId: number | null }): Promise<StoredFileInfo>;
  get(id: unknown): Promise<StoredFile>;
  /** Removes the uploads no record took within `ABANDONED_AFTER_MS` of `now`; how many. */
  removeAbandoned(now: Date): Promise<number>;
}

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_UPLOAD_QUOTA_BYTES = 200 * 1024 * 1024;
/** An upload no record holds after this long was abandoned (a card closed without saving). */
export const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

const FILE_ID = new RegExp(FILE_ID_PATTERN);
// type/subtype per RFC 6838 restricted-name; anything else is stored as opaque bytes.
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,62}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}$/;

/** The last path segment, without control characters, at most 255 characters. */
export function cleanFileName(raw: string): string {
  const base = raw
    .split(/[\\/]/)
    .pop()!
    .replace(/\p{Cc}/gu, "")
    .trim();
  return Array.from(base).slice(0, 200).join("") || "file";
}

export function cleanMimeType(raw: string): string {
  const type = raw.split(";")[0].trim().toLowerCase();
  return MIME_TYPE.test(type) ? type : "application/octet-stream";
}

export function tooLargeError(maxBytes: number): ApiError {
  return fileRefusal(413, "tooLarge", { limit: formatBytes(maxBytes) });
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MB` : `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `${n} bytes`;
}

/**
 * Files live in the database (`crm_files`), not on a local disk, so every app instance sees the
 * same ones. Ids are random 128-bit hex: knowing one file's URL does not reveal another's.
 */
export function createFileStore(db: Knex, options: { maxBytes?: number; quotaBytes?: number } = {}): FileStore {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const quotaBytes = options.quotaBytes ?? DEFAULT_UPLOAD_QUOTA_BYTES;
  return {
    maxBytes,
    quotaBytes,
    async save({ name, type, content, actorId }) {
      if (content.byteLength === 0) throw fileRefusal(400, "empty");
      if (content.byteLength > maxBytes) throw tooLargeError(maxBytes);
      if (actorId !== null) {
        // Checked before the insert, not under a lock: a burst may pass the quota by a few files,
        // which the daily removal of abandoned uploads takes back.
        const pending = (await db(SYSTEM_TABLES.files)
          .where({ created_by: actorId })
          .whereNull("attached_at")
          .sum({ n: "size" })
          .first()) as { n: number | string | null } | undefined;
        if (Number(pending?.n ?? 0) + content.byteLength > quotaBytes)
          throw fileRefusal(413, "quota", { pending: formatBytes(Number(pending?.n ?? 0)), quota: formatBytes(quotaBytes) });
      }
      const info: StoredFileInfo = {
        id: crypto.randomBytes(16).toString("hex"),
        name: cleanFileName(name),
        size: content.byteLength,
        type: cleanMimeType(type),
      };
      await db(SYSTEM_TABLES.files).insert({
        ...info,
        sha256: crypto.createHash("sha256").update(content).digest("hex"),
        content: Buffer.from(content.buffer, content.byteOffset, content.byteLength),
        created_at: dbNow(),
        created_by: actorId,
      });
      return info;
    },
    async get(rawId) {
      if (typeof rawId !== "string" || !FILE_ID.test(rawId)) throw fileRefusal(404, "noFile");
      const row = (await db(SYSTEM_TABLES.files).where({ id: rawId }).first()) as
        { id: string; name: string; type: string; size: number; sha256: string; content: Buffer } | undefined;
      if (!row) throw fileRefusal(404, "noFile");
      return {
        id: row.id,
        name: row.name,
        type: row.type,
        size: Number(row.size),
        sha256: row.sha256,
        content: new Uint8Array(row.content),
      };
    },
    async removeAbandoned(now) {
      return db(SYSTEM_TABLES.files)
        .whereNull("attached_at")
        .where("created_at", "<", dbNow(new Date(now.getTime() - ABANDONED_AFTER_MS)))
        .delete();
    },
  };
}
