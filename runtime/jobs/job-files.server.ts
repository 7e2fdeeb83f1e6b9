import type { Knex } from "knex";
import { dbNow } from "../db/system-tables.server";
import { JOB_FILES_TABLE, JOBS_TABLE } from "./jobs-tables.server";
import type { Job, JobState } from "./types";

/**
 * Bytes per stored part: a few MB, well under MariaDB's default `max_allowed_packet` (16 MB),
 * which refuses a whole 40 MB batch PDF in one row.
 */
export const JOB_FILE_PART_BYTES = 4 * 1024 * 1024;

export interface JobFilesOptions {
  partBytes?: number;
  /** The clock; the queue's, so tests move both at once. */
  now?: () => Date;
}

/** Appends a job's file to the database part by part; at most one part is held in memory. */
export interface JobFileWriter {
  write(bytes: Uint8Array): Promise<void>;
  /** Writes what is left and makes the file readable until `expiresAt`; answers its size in bytes. */
  finish(expiresAt: Date): Promise<number>;
}

export interface StoredJobFile {
  size: number;
  /** The parts in order, each read from the database only when the one before has been taken. */
  chunks(): AsyncGenerator<Uint8Array>;
}

/**
 * Files that jobs make, kept in the database so that any instance serves them and they outlive a
 * restart. A file belongs to one attempt of one job: a worker that lost its lease to another may
 * still be writing, and its parts must not mix into the new attempt's file.
 */
export interface JobFiles {
  /** Starts the file of the job's current attempt (what an earlier run of this attempt left is dropped). */
  create(job: Pick<Job, "id" | "attempts">, owner: string): Promise<JobFileWriter>;
  /**
   * Stores the file a job reads (an import's upload) as its attempt 0, before any attempt, in `q`:
   * the transaction that enqueues the job, so the job never exists without it. Kept while the job
   * is queued or running (a resumed attempt reads it again); answers its size in bytes.
   */
  saveInput(q: Knex, job: Pick<Job, "id">, owner: string, source: AsyncIterable<Uint8Array>): Promise<number>;
  /** The finished file of that attempt (0: the job's input), or null when it was never finished, has expired or was removed. */
  get(jobId: number, attempt: number): Promise<StoredJobFile | null>;
  /**
   * Keeps the owner's newest `files` finished files, as long as they fit in `bytes` together
   * (the newest is always kept), and removes the others; answers how many it removed.
   */
  keepNewest(owner: string, limits: { files: number; bytes: number }): Promise<number>;
  /**
   * Removes expired files, and the parts no job will ever finish or serve: those of a cancelled,
   * dead or removed job, and those of an attempt the job has moved past. Answers how many parts.
   */
  removeExpired(): Promise<number>;
}

interface PartRow {
  job_id: number;
  attempt: number;
  seq: number;
  size: number;
}

/** The states in which a job's current attempt may still be writing its file, or serving it. */
const LIVE_STATES: JobState[] = ["running", "done"];

/** The states in which a job may still read its input (attempt 0). */
const INPUT_STATES: JobState[] = ["queued", "running"];
/** An input outlives any job that waits or runs on it; `removeExpired` takes it once its job has ended. */
const INPUT_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export function createJobFiles(db: Knex, options: JobFilesOptions = {}): JobFiles {
  const partBytes = Math.max(1, options.partBytes ?? JOB_FILE_PART_BYTES);
  const now = options.now ?? (() => new Date());
  const parts = () => db(JOB_FILES_TABLE);

  async function removeFiles(files: { job_id: number; attempt: number }[]): Promise<number> {
    let removed = 0;
    for (const f of files) removed += await parts().where({ job_id: f.job_id, attempt: f.attempt }).delete();
    return removed;
  }

  return {
    async create(job, owner) {
      const key = { job_id: job.id, attempt: job.attempts };
      await parts().where(key).delete();
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      let seq = 0;
      const insert = async (data: Buffer) => {
        await parts().insert({ ...key, seq: seq++, owner, size: data.byteLength, data });
      };
      // Full parts go out as soon as they are there; the rest waits for more bytes or finish().
      const flush = async (all: boolean) => {
        while (pendingBytes >= partBytes || (all && pendingBytes > 0)) {
          const joined = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
          const part = joined.subarray(0, Math.min(partBytes, joined.byteLength));
          const rest = joined.subarray(part.byteLength);
          pending = rest.byteLength ? [rest] : [];
          pendingBytes = rest.byteLength;
          await insert(part);
        }
      };
      let size = 0;
      return {
        async write(bytes) {
          if (bytes.byteLength === 0) return;
          pending.push(asBuffer(bytes));
          pendingBytes += bytes.byteLength;
          size += bytes.byteLength;
          await flush(false);
        },
        async finish(expiresAt) {
          await flush(true);
          if (seq === 0) await insert(Buffer.alloc(0));
          await parts()
            .where(key)
            .update({ finished_at: dbNow(now()), expires_at: dbNow(expiresAt) });
          return size;
        },
      };
    },

    async saveInput(q, job, owner, source) {
      const t = dbNow(now());
      const expires = dbNow(new Date(now().getTime() + INPUT_KEPT_MS));
      let seq = 0;
      let size = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const insert = async (data: Buffer) => {
        await q(JOB_FILES_TABLE).insert({
          job_id: job.id,
          attempt: 0,
          seq: seq++,
          owner,
          size: data.byteLength,
          data,
          finished_at: t,
          expires_at: expires,
        });
      };
      for await (const chunk of source) {
        pending.push(asBuffer(chunk));
        pendingBytes += chunk.byteLength;
        size += chunk.byteLength;
        if (pendingBytes >= partBytes) {
          await insert(Buffer.concat(pending, pendingBytes));
          pending = [];
          pendingBytes = 0;
        }
      }
      if (pendingBytes > 0 || seq === 0) await insert(Buffer.concat(pending, pendingBytes));
      return size;
    },

    async get(jobId, attempt) {
      const found = (await parts()
        .select("seq", "size")
        .where({ job_id: jobId, attempt })
        .andWhere("expires_at", ">", dbNow(now()))
        .orderBy("seq")) as PartRow[];
      if (found.length === 0) return null;
      return {
        size: found.reduce((sum, p) => sum + Number(p.size), 0),
        async *chunks() {
          for (const { seq } of found) {
            const row = (await parts().select("data").where({ job_id: jobId, attempt, seq }).first()) as { data: Buffer } | undefined;
            if (!row) throw new Error(`part ${seq} of the file of job #${jobId} was removed while it was being read`);
            yield new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength);
          }
        },
      };
    },

    async keepNewest(owner, limits) {
      const files = (await parts()
        .select("job_id", "attempt")
        .sum({ size: "size" })
        .max({ finished: "finished_at" })
        .where({ owner })
        .andWhere("expires_at", ">", dbNow(now()))
        .groupBy("job_id", "attempt")
        .orderBy([
          { column: "finished", order: "desc" },
          { column: "job_id", order: "desc" },
        ])) as (PartRow & { finished: string })[];
      let kept = 0;
      let keptBytes = 0;
      const removed: typeof files = [];
      for (const file of files) {
        const size = Number(file.size);
        if (kept === 0 || (kept < limits.files && keptBytes + size <= limits.bytes)) {
          kept++;
          keptBytes += size;
        } else removed.push(file);
      }
      await removeFiles(removed);
      return removed.length;
    },

    async removeExpired() {
      let removed = await parts().where("expires_at", "<=", dbNow(now())).delete();
      // Two small reads instead of a DELETE joined to the jobs table, which would lock job rows
      // (on InnoDB) that workers are claiming.
      const files = (await parts().distinct("job_id", "attempt")) as { job_id: number; attempt: number }[];
      if (files.length === 0) return removed;
      const jobs = (await db(JOBS_TABLE)
        .select("id", "attempts", "state")
        .whereIn("id", [...new Set(files.map((f) => Number(f.job_id)))])) as { id: number; attempts: number; state: JobState }[];
      const live = new Set(jobs.filter((j) => LIVE_STATES.includes(j.state)).map((j) => `${j.id}:${j.attempts}`));
      for (const j of jobs) if (INPUT_STATES.includes(j.state)) live.add(`${j.id}:0`);
      removed += await removeFiles(files.filter((f) => !live.has(`${f.job_id}:${f.attempt}`)));
      return removed;
    },
  };
}
