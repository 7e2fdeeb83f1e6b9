import crypto from "node:crypto";
import type { Knex } from "knex";
import { ApiError, badRequest, conflict, notFound } from "../errors";
import type { JobQueue } from "../jobs/queue.server";
import type { Job, JobContext, JobHandlers } from "../jobs/types";
import { PermanentJobError } from "../jobs/types";
import { getFieldKind, valueClassOf, valueKindOf } from "../fields/registry";
import { authorize, isAdmin, type Actor } from "../records/permissions";
import { unseenFields } from "../records/permissions";
import type { RecordsService } from "../records/service.server";
import type { CompiledField, CompiledTable } from "../schema/compile";
import type { WorkspaceService } from "../workspace/workspace.server";
import { isUndone, packWritten, undoWritten, type Touched, type UndoResult, type Written } from "./import-undo.server";
import { parseSheet, type Sheet } from "./sheet.server";

/**
 * Import of a CSV or XLSX sheet into a table, as a job on the queue: columns map to fields by
 * header (label or key, ignoring case and accents) or an explicit mapping; a dry run reports
 * every row's problems and what would be created or updated, and keeps nothing; insert and upsert write in batches, each batch in one
 * transaction and each record through the records service as the actor who uploaded the file.
 */

export const IMPORT_JOB = "import.run";
export const IMPORT_MODES = ["dry-run", "insert", "upsert"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export interface ImportError {
  row: number;
  field: string | null;
  message: string;
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
  rows: string[][];
}

const BATCH = 100;
const MAX_ERRORS = 1000;

export interface ImportDeps {
  db: Knex;
  records: RecordsService;
  workspace: WorkspaceService;
  queue: JobQueue;
}

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
      if (index < 0) throw badRequest(`mapping: the file has no column "${header}"`);
      const field = table.fieldsByKey.get(key);
      if (!field || !mayWrite(field)) throw badRequest(`mapping: "${key}" is not a field of ${table.pluralLabel} you may fill in`);
      columns.push([index, key]);
    }
  }
  headers.forEach((header, index) => {
    if (mapping && Object.keys(mapping).some((h) => normaliseHeader(h) === normaliseHeader(header))) return;
    const field = byName.get(normaliseHeader(header));
    if (field && !columns.some(([, k]) => k === field.key)) columns.push([index, field.key]);
  });
  if (columns.length === 0)
    throw badRequest(`no column of the file matches a field of ${table.pluralLabel}: name them by label or key, or send a mapping`);
  return columns;
}

function parseMapping(raw: unknown): Record<string, string> | null {
  if (raw === null || raw === undefined || raw === "") return null;
  let value: unknown;
  try {
    value = JSON.parse(String(raw));
  } catch {
    throw badRequest('mapping is not valid JSON: e.g. {"Company": "name"}');
  }
  if (!value || typeof value !== "object" || Array.isArray(value) || Object.values(value).some((v) => typeof v !== "string"))
    throw badRequest('mapping must be an object of column header to field key: e.g. {"Company": "name"}');
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
  const { db, records, workspace, queue } = deps;
  const keyOf = (jobId: string) => `import:${jobId}`;

  async function start(
    actor: Actor,
    tableKey: string,
    input: { file: Uint8Array | null; mapping?: unknown; mode?: unknown; key?: unknown },
  ): Promise<{ jobId: string }> {
    const { compiled } = await workspace.current();
    const table = compiled.tablesByKey.get(tableKey);
    if (!table) throw notFound(`There is no table "${tableKey}"`);
    const mode = (input.mode ?? "dry-run") as ImportMode;
    if (!IMPORT_MODES.includes(mode)) throw badRequest(`mode must be one of ${IMPORT_MODES.join(", ")}`);
    authorize(actor, "create", table);
    if (mode === "upsert") authorize(actor, "update", table);
    const key = typeof input.key === "string" && input.key ? input.key : null;
    if (mode === "upsert") {
      const field = key ? table.fieldsByKey.get(key) : null;
      const unique = table.indexes.some((i) => i.unique && i.columns.length === 1 && i.columns[0] === field?.key);
      if (!field || !unique) throw badRequest(`upsert needs key: a unique field of ${table.pluralLabel} that matches rows to records`);
    }
    if (!input.file) throw badRequest('file is missing: send the CSV or XLSX file as the multipart field "file"');
    const sheet: Sheet = await parseSheet(input.file);
    const unseen = unseenFields(actor, compiled, table);
    const writable = (f: CompiledField) => !unseen.has(f.key) && !getFieldKind(f.kind).readOnly;
    const columns = mapColumns(sheet.headers, table, writable, parseMapping(input.mapping));
    if (key && !columns.some(([, k]) => k === key)) throw badRequest(`key: no column of the file maps to "${key}"`);
    const jobId = crypto.randomBytes(16).toString("base64url");
    const payload: ImportPayload = {
      jobId,
      actor: { id: actor.id, name: actor.name, role: actor.role, rights: actor.rights },
      table: tableKey,
      mode,
      key,
      columns,
      rows: sheet.rows,
    };
    await queue.enqueue({ type: IMPORT_JOB, payload, key: keyOf(jobId), createdBy: actor.id, maxAttempts: 1 });
    return { jobId };
  }

  /** The actor's import job; an admin's undo may reach anyone's. */
  async function jobOf(actor: Actor, jobId: string, orAdmin = false): Promise<Job<ImportPayload>> {
    const job = /^[A-Za-z0-9_-]{10,64}$/.test(jobId) ? ((await queue.getByKey(keyOf(jobId))) as Job<ImportPayload> | null) : null;
    if (!job || (job.payload.actor.id !== actor.id && !(orAdmin && isAdmin(actor)))) throw notFound(`there is no import job "${jobId}"`);
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
      total: at.total ?? job.payload.rows.length,
      created: at.created ?? 0,
      updated: at.updated ?? 0,
      errors,
      undone: job.state === "done" && job.payload.mode !== "dry-run" && (await isUndone(db, jobId)),
    };
  }

  /** Created records to the trash, updated ones back to their old values: whole, once, and only while nothing else changed them. */
  async function undo(actor: Actor, jobId: string): Promise<UndoResult> {
    const job = await jobOf(actor, jobId, true);
    if (job.payload.mode === "dry-run") throw conflict("A dry run wrote nothing: there is nothing to undo.");
    const written = (job.result as { written?: Written } | null)?.written;
    if (job.state !== "done" || !written) throw conflict(`Only a finished import can be undone; this one is ${STATES[job.state]}.`);
    return undoWritten({ db, records, workspace }, actor, jobId, job.payload.table, written);
  }

  async function run({ payload: p, progress }: JobContext<ImportPayload>): Promise<Partial<ImportStatus> & { written?: Written }> {
    const actor: Actor = { ...p.actor };
    const { compiled } = await workspace.current();
    const table = compiled.tablesByKey.get(p.table);
    if (!table) throw new PermanentJobError(`the table "${p.table}" no longer exists`);
    const at = { processed: 0, total: p.rows.length, created: 0, updated: 0, errors: [] as ImportError[] };
    const problem = (row: number, field: string | null, message: string) => {
      if (at.errors.length < MAX_ERRORS) at.errors.push({ row, field, message });
    };
    const lookups = new Map<string, number | string>();
    /** Each record written, for an undo: created here, or its version before the import's first update; its version after. */
    const touched = new Map<number, Touched>();

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
      lookups.set(cacheKey, found);
      return found;
    }

    /** One row as record values, or null when a cell cannot be read (its problems reported). */
    async function valuesOf(row: string[], rowNumber: number): Promise<Record<string, unknown> | null> {
      const values: Record<string, unknown> = {};
      let ok = true;
      for (const [index, key] of p.columns) {
        const field = table!.fieldsByKey.get(key);
        const text = (row[index] ?? "").trim();
        if (!field) continue;
        if (text === "") {
          values[key] = null;
          continue;
        }
        if (valueClassOf(field.def) === "reference") {
          const id = await reference(field, text);
          if (typeof id === "string") {
            problem(rowNumber, key, id);
            ok = false;
          } else values[key] = id;
          continue;
        }
        const parsed = valueKindOf(field.def).parseText(text, field.def);
        if (parsed.ok) values[key] = parsed.value;
        else {
          problem(rowNumber, key, `"${text.slice(0, 80)}": ${parsed.error}`);
          ok = false;
        }
      }
      return ok ? values : null;
    }

    const writeError = (rowNumber: number, error: unknown) => {
      if (!(error instanceof ApiError)) throw error;
      // A validation answer names each field: `{ fields: { email: "not an email" } }`.
      const fields = (error.details as { fields?: Record<string, unknown> } | undefined)?.fields;
      if (fields && typeof fields === "object" && Object.keys(fields).length)
        for (const [field, message] of Object.entries(fields)) problem(rowNumber, field, String(message));
      else problem(rowNumber, null, error.message);
    };

    for (let start = 0; start < p.rows.length; start += BATCH) {
      const batch = p.rows.slice(start, start + BATCH);
      const prepared: { rowNumber: number; values: Record<string, unknown> }[] = [];
      for (let i = 0; i < batch.length; i++) {
        const rowNumber = start + i + 2; // the header is row 1
        const values = await valuesOf(batch[i], rowNumber);
        if (values) prepared.push({ rowNumber, values });
      }
      // A dry run writes each batch as a real run would, so the records service checks everything
      // (required fields, validation, rights), then rolls the batch back.
      const rollback = new Error("dry run");
      await records
        .transaction(async (trx) => {
          for (const { rowNumber, values } of prepared) {
            try {
              // A savepoint per record: a refused row is reported, the rest of the batch is kept.
              await trx.transaction(async (one) => {
                const existing =
                  p.mode === "upsert" && p.key && values[p.key] !== null
                    ? (await one.list(actor, p.table, { filter: { field: p.key, op: "eq", value: values[p.key] }, pageSize: 1 })).rows[0]
                    : undefined;
                if (existing) {
                  const saved = await one.update(actor, p.table, existing.id, values, existing.version);
                  const earlier = touched.get(saved.id);
                  touched.set(saved.id, { created: earlier?.created ?? false, from: earlier?.from ?? existing.version, to: saved.version });
                  at.updated++;
                } else {
                  const made = await one.create(actor, p.table, stripNulls(values));
                  touched.set(made.id, { created: true, from: 0, to: made.version });
                  at.created++;
                }
              });
            } catch (error) {
              writeError(rowNumber, error);
            }
          }
          if (p.mode === "dry-run") throw rollback;
        })
        .catch((error: unknown) => {
          if (error !== rollback) throw error;
        });
      if (p.mode === "dry-run") touched.clear();
      at.processed += batch.length;
      await progress({ ...at });
    }
    // Only the result holds what was written (progress is stored after every batch).
    return p.mode === "dry-run" ? at : { ...at, written: packWritten(touched) };
  }

  /** What the import screen offers: the fields a column may fill, and the keys an upsert may match on. */
  async function target(actor: Actor, tableKey: string) {
    const { compiled } = await workspace.current();
    const table = compiled.tablesByKey.get(tableKey);
    if (!table) throw notFound(`There is no table "${tableKey.slice(0, 64)}"`);
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

function stripNulls(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));
}

export type Imports = ReturnType<typeof createImports>;
