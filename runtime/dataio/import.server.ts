import { tablesName } from "../i18n/schema-names";
import crypto from "node:crypto";
import fs from "node:fs";
import type { Knex } from "knex";
import { ApiError } from "../errors";
import type { Phrase } from "../i18n/words";
import { nextTurn, ROWS_A_TURN } from "../turns";
import { importPhrase, importRefusal } from "./import-words";
import type { JobFiles } from "../jobs/job-files.server";
import type { JobQueue } from "../jobs/queue.server";
import type { Job, JobContext, JobHandlers } from "../jobs/types";
import { PermanentJobError } from "../jobs/types";
import { getFieldKind, isReference, valueKindOf } from "../fields/registry";
import { isRelation, relationTarget } from "../fields/structure";
import { listsUsedByFormulas } from "../records/compute";
import { authorize, isAdmin, type Actor } from "../records/permissions";
import { unseenFields } from "../records/permissions";
import type { RecordJson } from "../records/rows";
import type { PreparedRecords, RecordsService } from "../records/service.server";
import type { CompiledField, CompiledTable } from "../schema/compile";
import type { WorkspaceService } from "../workspace/workspace.server";
import { isUndone, undoWritten, WrittenLog, type UndoResult, type Written, type WrittenOp } from "./import-undo.server";
import { scanSheet, sheetBatches, type ByteSource, type SheetShape } from "./sheet-stream.server";

/**
 * Import of a CSV or XLSX sheet into a table, as a job on the queue: columns map to fields by
 * header (label or key, ignoring case and accents) or an explicit mapping; a dry run reports
 * every row's problems and what would be created or updated, and keeps nothing; insert and upsert
 * write in batches, each batch in one transaction through the records service as the actor who
 * uploaded the file: new records by `createMany` (prepared for the next batch while the database
 * writes this one), and a batch it refuses record by record, so each bad row is named. The upload
 * is kept as the job's input and read as a stream; each batch commits with the job's progress, in
 * file order, so a job resumed after a crash goes on from the first row not written.
 * See docs/decisions/026-bulk-import.md.
 */

export const IMPORT_JOB = "import.run";
export const IMPORT_MODES = ["dry-run", "insert", "upsert"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export interface ImportError {
  row: number;
  field: string | null;
  message: string;
  /** The problem as a catalog phrase, when it has one, for the import screen to say in its reader's language. */
  words?: Phrase;
}

export interface ImportStatus {
  state: "queued" | "running" | "done" | "failed" | "cancelled";
  mode: ImportMode;
  processed: number;
  total: number;
  created: number;
  updated: number;
  errors: ImportError[];
  /** Whether the import was undone (`POST /api/import/jobs/:id/undo`). */
  undone: boolean;
}

interface ImportPayload {
  jobId: string;
  actor: Pick<Actor, "id" | "name" | "role" | "rights">;
  table: string;
  mode: ImportMode;
  key: string | null;
  /** Column index → field key. */
  columns: [number, string][];
  /** How to read the job's input file (its attempt-0 file in `crm_job_files`). */
  sheet?: SheetShape;
  /** The rows themselves, in jobs enqueued before inputs were files. */
  rows?: string[][];
}

/** How far an import got, committed with each batch: what a resumed job starts from. */
interface ImportProgress {
  processed: number;
  total: number;
  created: number;
  updated: number;
  errors: ImportError[];
  written?: Written;
}

/**
 * Rows a batch: its fixed cost (transaction, counter, progress: a few round trips) is spread over
 * this many records. 5,000 measured about 1.5× the rows/s of 1,000 on MariaDB (ADR 026).
 */
const BATCH = 5000;
const MAX_ERRORS = 1000;
/** A crashed or failed run is taken up again where its last batch committed; a bad file fails at once. */
const MAX_ATTEMPTS = 5;

export interface ImportDeps {
  db: Knex;
  records: RecordsService;
  workspace: WorkspaceService;
  queue: JobQueue;
  files: JobFiles;
  /** Tests: called after each batch commits (a crash there is what a resumed job must survive). */
  afterBatch?: (processed: number) => void | Promise<void>;
  /** Tests: rows a batch (default 5,000). */
  batchRows?: number;
}

/** An upload: its bytes, or the file on disk the upload was streamed to. */
export type ImportFile = Uint8Array | { path: string };

const sourceOf = (file: ImportFile): ByteSource =>
  async function* () {
    if (file instanceof Uint8Array) {
      for (let i = 0; i < file.byteLength; i += 1 << 20) yield file.subarray(i, i + (1 << 20));
      return;
    }
    for await (const chunk of fs.createReadStream(file.path, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
  };

/** Lower case, without accents or spacing: "Téléphone " and "telephone" are one header. */
export function normaliseHeader(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\s_-]+/g, "");
}

/** Which column feeds which field: the explicit mapping first, then headers matching a label or key. */
export function mapColumns(
  headers: string[],
  table: CompiledTable,
  mayWrite: (f: CompiledField) => boolean,
  mapping: Record<string, string> | null,
) {
  const columns: [number, string][] = [];
  const byName = new Map<string, CompiledField>();
  for (const f of table.fields.filter(mayWrite)) {
    byName.set(normaliseHeader(f.label), f);
    byName.set(normaliseHeader(f.key), f);
  }
  if (mapping) {
    for (const [header, key] of Object.entries(mapping)) {
      const index = headers.findIndex((h) => h === header || normaliseHeader(h) === normaliseHeader(header));
      if (index < 0) throw importRefusal(400, "noFileColumn", { header });
      const field = table.fieldsByKey.get(key);
      if (!field || !mayWrite(field)) throw importRefusal(400, "notFillable", { field: key, table: tablesName(table) });
      columns.push([index, key]);
    }
  }
  headers.forEach((header, index) => {
    if (mapping && Object.keys(mapping).some((h) => normaliseHeader(h) === normaliseHeader(header))) return;
    const field = byName.get(normaliseHeader(header));
    if (field && !columns.some(([, k]) => k === field.key)) columns.push([index, field.key]);
  });
  if (columns.length === 0) throw importRefusal(400, "noColumnMatches", { table: tablesName(table) });
  return columns;
}

function parseMapping(raw: unknown): Record<string, string> | null {
  if (raw === null || raw === undefined || raw === "") return null;
  let value: unknown;
  try {
    value = JSON.parse(String(raw));
  } catch {
    throw importRefusal(400, "mappingJson");
  }
  if (!value || typeof value !== "object" || Array.isArray(value) || Object.values(value).some((v) => typeof v !== "string"))
    throw importRefusal(400, "mappingShape");
  return value as Record<string, string>;
}

const STATES: Record<Job["state"], ImportStatus["state"]> = {
  queued: "queued",
  running: "running",
  done: "done",
  dead: "failed",
  cancelled: "cancelled",
};

export function createImports(deps: ImportDeps) {
  const { db, records, workspace, queue, files } = deps;
  const keyOf = (jobId: string) => `import:${jobId}`;

  async function start(
    actor: Actor,
    tableKey: string,
    input: { file: ImportFile | null; mapping?: unknown; mode?: unknown; key?: unknown },
  ): Promise<{ jobId: string }> {
    const { compiled } = await workspace.current();
    const table = compiled.tablesByKey.get(tableKey);
    if (!table) throw importRefusal(404, "noTable", { table: tableKey });
    const mode = (input.mode ?? "dry-run") as ImportMode;
    if (!IMPORT_MODES.includes(mode)) throw importRefusal(400, "mode", { modes: IMPORT_MODES.join(", ") });
    authorize(actor, "create", table);
    if (mode === "upsert") authorize(actor, "update", table);
    const key = typeof input.key === "string" && input.key ? input.key : null;
    if (mode === "upsert") {
      const field = key ? table.fieldsByKey.get(key) : null;
      const unique = table.indexes.some((i) => i.unique && i.columns.length === 1 && i.columns[0] === field?.key);
      if (!field || !unique) throw importRefusal(400, "upsertKey", { table: tablesName(table) });
    }
    if (!input.file) throw importRefusal(400, "noFile");
    const source = sourceOf(input.file);
    const sheet = await scanSheet(source);
    const unseen = unseenFields(actor, compiled, table);
    const writable = (f: CompiledField) => !unseen.has(f.key) && !getFieldKind(f.kind).readOnly;
    const columns = mapColumns(sheet.headers, table, writable, parseMapping(input.mapping));
    if (key && !columns.some(([, k]) => k === key)) throw importRefusal(400, "keyUnmapped", { field: key });
    const jobId = crypto.randomBytes(16).toString("base64url");
    const payload: ImportPayload = {
      jobId,
      actor: { id: actor.id, name: actor.name, role: actor.role, rights: actor.rights },
      table: tableKey,
      mode,
      key,
      columns,
      sheet,
    };
    // The job and its input commit together: no job without its file, no file without its job.
    await db.transaction(async (trx) => {
      const id = await queue.enqueue({ type: IMPORT_JOB, payload, key: keyOf(jobId), createdBy: actor.id, maxAttempts: MAX_ATTEMPTS }, trx);
      await files.saveInput(trx, { id }, `user:${actor.id}`, source());
    });
    return { jobId };
  }

  /** The actor's import job; an admin's undo may reach anyone's. */
  async function jobOf(actor: Actor, jobId: string, orAdmin = false): Promise<Job<ImportPayload>> {
    const job = /^[A-Za-z0-9_-]{10,64}$/.test(jobId) ? ((await queue.getByKey(keyOf(jobId))) as Job<ImportPayload> | null) : null;
    if (!job || (job.payload.actor.id !== actor.id && !(orAdmin && isAdmin(actor)))) throw importRefusal(404, "noJob", { id: jobId });
    return job;
  }

  async function status(actor: Actor, jobId: string): Promise<ImportStatus> {
    const job = await jobOf(actor, jobId);
    const at = (job.result ?? job.progress ?? {}) as Partial<ImportStatus>;
    const errors = [...(at.errors ?? [])];
    if (job.state === "dead") errors.push({ row: 0, field: null, message: job.lastError ?? "the import failed" });
    return {
      state: STATES[job.state],
      mode: job.payload.mode,
      processed: at.processed ?? 0,
      total: at.total ?? job.payload.sheet?.rows ?? job.payload.rows?.length ?? 0,
      created: at.created ?? 0,
      updated: at.updated ?? 0,
      errors,
      undone: job.state === "done" && job.payload.mode !== "dry-run" && (await isUndone(db, jobId)),
    };
  }

  /** Created records to the trash, updated ones back to their old values: whole, once, and only while nothing else changed them. */
  async function undo(actor: Actor, jobId: string): Promise<UndoResult> {
    const job = await jobOf(actor, jobId, true);
    if (job.payload.mode === "dry-run") throw importRefusal(409, "nothingToUndo");
    const written = (job.result as { written?: Written } | null)?.written;
    if (job.state !== "done" || !written) throw importRefusal(409, "unfinished", { state: importPhrase(`states.${STATES[job.state]}`) });
    return undoWritten({ db, records, workspace }, actor, jobId, job.payload.table, written);
  }

  async function run({ job, payload: p, progress, signal }: JobContext<ImportPayload>): Promise<ImportProgress> {
    const actor: Actor = { ...p.actor };
    const { compiled } = await workspace.current();
    const table = compiled.tablesByKey.get(p.table);
    if (!table) throw new PermanentJobError(`the table "${p.table}" no longer exists`);
    const dry = p.mode === "dry-run";
    // A resumed run starts from what the last committed batch stored.
    const saved = (job.progress ?? null) as Partial<ImportProgress> | null;
    let at: ImportProgress = {
      processed: saved?.processed ?? 0,
      total: p.sheet?.rows ?? p.rows?.length ?? 0,
      created: saved?.created ?? 0,
      updated: saved?.updated ?? 0,
      errors: saved?.errors ?? [],
    };
    const log = new WrittenLog(dry ? null : saved?.written);
    const lookups = new Map<string, number | string>();

    /** A relation cell: the target's id by its title, by a unique field, or by its id. */
    async function reference(field: CompiledField, text: string): Promise<number | string> {
      const targetKey = String(field.def["x-target"] ?? "");
      const cacheKey = `${field.key}\u0000${text}`;
      const cached = lookups.get(cacheKey);
      if (cached !== undefined) return cached;
      const target = compiled.tablesByKey.get(targetKey);
      if (!target) return `the related table "${targetKey}" does not exist`;
      const candidates = [target.titleField, ...target.indexes.filter((i) => i.unique && i.columns.length === 1).map((i) => i.columns[0])];
      let found: number | string = `no ${target.label} is titled "${text}"`;
      for (const key of [...new Set(candidates)].filter((k): k is string => !!k)) {
        const hit = await records.list(actor, targetKey, { filter: { field: key, op: "eq", value: text }, pageSize: 2 });
        if (hit.rows.length === 1) {
          found = Number(hit.rows[0].id);
          break;
        }
        if (hit.rows.length > 1) {
          found = `${hit.rows.length} or more ${target.pluralLabel} match "${text}": name it by a unique field`;
          break;
        }
      }
      if (typeof found === "string" && /^\d+$/.test(text)) found = Number(text);
      // A lookup per distinct text: bounded, so a million distinct names do not fill memory.
      if (lookups.size > 100_000) lookups.clear();
      lookups.set(cacheKey, found);
      return found;
    }

    const fieldOf = p.columns.map(([index, key]) => ({ index, key, field: table.fieldsByKey.get(key) }));
    // A new record leaves an empty cell out (its default applies); an upsert's update clears the field.
    const keepEmpty = p.mode === "upsert";

    /** The relation cells of a batch, each distinct text looked up once (through the pool, before any transaction). */
    async function referencesOf(rows: string[][]): Promise<Map<string, number | string>> {
      const found = new Map<string, number | string>();
      for (const { index, key, field } of fieldOf) {
        if (!field || !isReference(field.def)) continue;
        for (const row of rows) {
          const text = (row[index] ?? "").trim();
          const cacheKey = `${key}\u0000${text}`;
          if (text !== "" && !found.has(cacheKey)) found.set(cacheKey, await reference(field, text));
        }
      }
      return found;
    }

    /** One row as record values, or null when a cell cannot be read (its problems in `problems`). */
    function valuesOf(
      row: string[],
      rowNumber: number,
      problems: ImportError[],
      references: Map<string, number | string>,
    ): Record<string, unknown> | null {
      const values: Record<string, unknown> = {};
      let ok = true;
      for (const { index, key, field } of fieldOf) {
        const text = (row[index] ?? "").trim();
        if (!field) continue;
        if (text === "") {
          if (keepEmpty) values[key] = null;
          continue;
        }
        if (isReference(field.def)) {
          const id = references.get(`${key}\u0000${text}`)!;
          if (typeof id === "string") {
            problems.push({ row: rowNumber, field: key, message: id });
            ok = false;
          } else values[key] = id;
          continue;
        }
        const parsed = valueKindOf(field.def).parseText(text, field.def);
        if (parsed.ok) values[key] = parsed.value;
        else {
          const cell = { row: rowNumber, field: key, message: `"${text.slice(0, 80)}": ${parsed.error}` };
          problems.push(parsed.words ? { ...cell, words: importPhrase("cell", { text: text.slice(0, 80), problem: parsed.words }) } : cell);
          ok = false;
        }
      }
      return ok ? values : null;
    }

    const writeError = (problems: ImportError[], rowNumber: number, error: unknown) => {
      if (!(error instanceof ApiError)) throw error;
      // A validation answer names each field: `{ fields: { email: "not an email" } }`.
      const fields = (error.details as { fields?: Record<string, unknown> } | undefined)?.fields;
      if (fields && typeof fields === "object" && Object.keys(fields).length)
        for (const [field, message] of Object.entries(fields)) {
          const words = error.fieldWords?.[field];
          problems.push(
            words ? { row: rowNumber, field, message: String(message), words } : { row: rowNumber, field, message: String(message) },
          );
        }
      else
        problems.push(
          error.phrase
            ? { row: rowNumber, field: null, message: error.message, words: error.phrase }
            : { row: rowNumber, field: null, message: error.message },
        );
    };

    /** The records matched by the upsert key, by loose value: one list query per 500 keys, through the records service's rights. */
    async function existingByKey(tx: RecordsService, prepared: Prepared[]): Promise<Map<string, RecordJson>> {
      const found = new Map<string, RecordJson>();
      if (p.mode !== "upsert" || !p.key) return found;
      const keys = [...new Set(prepared.map((r) => r.values[p.key!]).filter((v) => v !== null && v !== undefined))];
      for (let i = 0; i < keys.length; i += 500) {
        const part = keys.slice(i, i + 500);
        const hit = await tx.list(actor, p.table, { filter: { field: p.key, op: "in", value: part }, pageSize: 500 });
        for (const row of hit.rows) found.set(looseKey(row[p.key]), row);
      }
      return found;
    }

    /**
     * A batch read, checked and computed, not yet written: its cells as values (`parsed`, the rows
     * whose cells could be read), the problems of the others, and for new records the records
     * `prepareMany` made of them — or `prepared: null` when they go one by one (an upsert, or a
     * batch `prepareMany` refused).
     */
    interface Batch {
      first: number;
      count: number;
      parsed: Prepared[];
      problems: ImportError[];
      prepared: PreparedRecords | null;
    }

    async function prepareBatch(rows: string[][], first: number): Promise<Batch> {
      const problems: ImportError[] = [];
      const parsed: Prepared[] = [];
      const references = await referencesOf(rows);
      const count = rows.length;
      for (let i = 0; i < count; i++) {
        if (i % ROWS_A_TURN === ROWS_A_TURN - 1) await nextTurn();
        const rowNumber = first + i + 2; // the header is row 1
        const values = valuesOf(rows[i], rowNumber, problems, references);
        if (values) parsed.push({ rowNumber, values });
      }
      rows.length = 0; // the cells are values now: the text goes while the records are prepared
      let prepared: PreparedRecords | null = null;
      if (p.mode !== "upsert" && parsed.length)
        try {
          prepared = await records.prepareMany(
            actor,
            p.table,
            parsed.map((r) => r.values),
          );
        } catch (error) {
          // Refused as a batch: each record alone, so every bad row is named.
          if (!(error instanceof ApiError)) throw error;
        }
      return { first, count, parsed, problems, prepared };
    }

    /**
     * One batch in one transaction with the progress it makes; what it changed in memory only once
     * it committed. New records `prepareMany` accepted are written by `writeMany` in the batch's
     * transaction, with no savepoint; refused there, the batch is rolled back and written again
     * record by record.
     */
    async function writeBatch(batch: Batch): Promise<void> {
      const { first, prepared: bulk } = batch;
      const eachAlone = !bulk && p.mode !== "upsert";
      const rollback = new Error("dry run");
      let next: ImportProgress = at;
      let ops: WrittenOp[] = [];
      const outcome = await records
        .transaction(
          async (tx, trx) => {
            // Retried from here on a deadlock: nothing of an earlier attempt is kept.
            const problems: ImportError[] = [...batch.problems];
            ops = [];
            let created = 0;
            let updated = 0;
            const createAll = async (list: Prepared[] | PreparedRecords) => {
              const ids = Array.isArray(list)
                ? await tx.createMany(
                    actor,
                    p.table,
                    list.map((r) => stripNulls(r.values)),
                  )
                : await tx.writeMany(actor, list);
              for (const id of ids) ops.push({ created: id, version: 1 });
              created += ids.length;
            };
            const prepared = bulk ? [] : [...batch.parsed];
            if (bulk) await createAll(bulk);
            const existing = await existingByKey(tx, prepared);
            // A key twice in one batch: its second row updates what its first made, one by one.
            const keys = p.key ? prepared.map((r) => r.values[p.key!]).filter((v) => v !== null && v !== undefined) : [];
            const repeats = new Set(keys.map(looseKey)).size !== keys.length;
            const fresh = repeats || eachAlone ? [] : prepared.filter((r) => !(p.key && existing.has(looseKey(r.values[p.key]))));
            const inBulk = new Set(fresh);
            let oneByOne = repeats || eachAlone ? prepared : prepared.filter((r) => !inBulk.has(r));
            if (fresh.length) {
              try {
                await createAll(fresh);
              } catch (error) {
                if (!(error instanceof ApiError)) throw error;
                // Refused as a batch: each record alone, so every bad row is named.
                oneByOne = prepared;
              }
            }
            for (const { rowNumber, values } of oneByOne) {
              try {
                // A savepoint per record: a refused row is reported, the rest of the batch is kept.
                await tx.transaction(async (one) => {
                  const key = p.key && values[p.key] !== null && values[p.key] !== undefined ? values[p.key] : undefined;
                  // Asked again when not matched before: an earlier row of the batch may have made it, or
                  // the database's collation matches more loosely than `looseKey`.
                  const match =
                    key === undefined
                      ? undefined
                      : (!repeats && existing.get(looseKey(key))) ||
                        (await one.list(actor, p.table, { filter: { field: p.key!, op: "eq", value: key }, pageSize: 1 })).rows[0];
                  if (match) {
                    const saved = await one.update(actor, p.table, match.id, values, match.version);
                    ops.push({ updated: saved.id, from: match.version, to: saved.version });
                    updated++;
                  } else {
                    const made = await one.create(actor, p.table, stripNulls(values), { readBack: false });
                    ops.push({ created: made.id, version: made.version });
                    created++;
                  }
                });
              } catch (error) {
                writeError(problems, rowNumber, error);
              }
            }
            next = {
              processed: first + batch.count,
              total: at.total,
              created: at.created + created,
              updated: at.updated + updated,
              errors: [...at.errors, ...problems].slice(0, MAX_ERRORS),
            };
            if (dry) throw rollback;
            // The progress commits with the batch, and only while the job is still this worker's.
            const written = new WrittenLog(log.pack()).apply(ops).pack();
            if (!(await queue.progress(job, { ...next, written }, trx)))
              throw new Error("the import was cancelled or another worker took it over");
          },
          { shared: !!bulk },
        )
        .then(
          () => "kept" as const,
          (error: unknown) => {
            if (error === rollback) return "kept" as const;
            if (bulk && error instanceof ApiError) return "refused" as const;
            throw error;
          },
        );
      if (outcome === "refused") return writeBatch({ ...batch, prepared: null });
      at = next;
      if (dry) await progress({ ...at });
      else log.apply(ops);
      await deps.afterBatch?.(at.processed);
    }

    const source: ByteSource = async function* () {
      const input = await files.get(job.id, 0);
      if (!input) throw new PermanentJobError("the uploaded file is no longer there: upload it again");
      yield* input.chunks();
    };
    const reader = (p.sheet ? sheetBatches(source, p.sheet, at.processed) : legacyBatches(p.rows ?? [], at.processed))[
      Symbol.asyncIterator
    ]();
    const size = deps.batchRows ?? BATCH;
    let over: string[][] = [];
    const readBatch = async (): Promise<string[][]> => {
      const parts = [over];
      let have = over.length;
      while (have < size) {
        const next = await reader.next();
        if (next.done) break;
        parts.push(next.value);
        have += next.value.length;
        await nextTurn(); // a slice of the file parsed: the write's answers are handled between two
      }
      const rows = parts.length === 1 ? parts[0] : parts.flat();
      over = rows.length > size ? rows.slice(size) : [];
      return rows.length > size ? rows.slice(0, size) : rows;
    };
    // The next batch is read from the file while the database writes this one; new records are
    // checked and computed too, unless the table relates to itself (a row may name a record the
    // batch before writes, and would not find it yet) or its writes recompute records of another
    // table (a checked parent's totals or lock may change with the batch before).
    const ahead =
      p.mode !== "upsert" &&
      !table.fields.some((f) => {
        if (!isRelation(f)) return false;
        const target = compiled.tablesByKey.get(relationTarget(f)!);
        const inverse = f.def["x-inverse"];
        return target === table || (!!target && !!inverse && listsUsedByFormulas(target).includes(inverse));
      });
    let rowsAhead = readBatch();
    rowsAhead.catch(() => {}); // awaited in turn; a write failing first must not leave it unhandled
    const take = async (first: number): Promise<Batch | null> => {
      const rows = await rowsAhead;
      if (rows.length === 0) return null;
      rowsAhead = readBatch();
      rowsAhead.catch(() => {});
      return prepareBatch(rows, first);
    };
    let pending = take(at.processed);
    pending.catch(() => {});
    try {
      for (let batch = await pending; batch; batch = await pending) {
        signal.throwIfAborted();
        if (ahead) {
          pending = take(batch.first + batch.count);
          pending.catch(() => {});
        }
        await writeBatch(batch);
        if (!ahead) {
          pending = take(at.processed);
          pending.catch(() => {});
        }
      }
    } finally {
      await pending.catch(() => {});
      await rowsAhead.catch(() => {});
      await reader.return?.(undefined);
    }
    // Only the result holds what was written at the end (progress has it after every batch).
    return dry ? at : { ...at, written: log.pack() };
  }

  /** What the import screen offers: the fields a column may fill, and the keys an upsert may match on. */
  async function target(actor: Actor, tableKey: string) {
    const { compiled } = await workspace.current();
    const table = compiled.tablesByKey.get(tableKey);
    if (!table) throw importRefusal(404, "noTable", { table: tableKey.slice(0, 64) });
    authorize(actor, "create", table);
    const unseen = unseenFields(actor, compiled, table);
    const fields = table.fields
      .filter((f) => !unseen.has(f.key) && !getFieldKind(f.kind).readOnly)
      .map((f) => ({ key: f.key, label: f.label }));
    const keys = table.indexes
      .filter((i) => i.unique && i.columns.length === 1 && fields.some((f) => f.key === i.columns[0]))
      .map((i) => i.columns[0]);
    return { key: table.key, label: table.label, pluralLabel: table.pluralLabel, fields, keys };
  }

  const handlers: JobHandlers = { [IMPORT_JOB]: run as JobHandlers[string] };
  return { start, status, undo, target, handlers };
}

interface Prepared {
  rowNumber: number;
  values: Record<string, unknown>;
}

/** A key as a case- and accent-insensitive collation compares it (the upsert's match on MariaDB). */
function looseKey(v: unknown): string {
  return typeof v === "string" ? v.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim() : JSON.stringify(v);
}

async function* legacyBatches(rows: string[][], skip: number): AsyncGenerator<string[][]> {
  yield rows.slice(skip);
}

function stripNulls(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in values) if (values[key] !== null) out[key] = values[key];
  return out;
}

export type Imports = ReturnType<typeof createImports>;
