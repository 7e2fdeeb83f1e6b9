import type { Knex } from "knex";
import { isUniqueViolation } from "../db/db-errors";
import { dbNow, SYSTEM_TABLES } from "../db/system-tables.server";
import type { FileStore } from "../files/files.server";
import type { JobQueue } from "../jobs/queue.server";
import type { JobHandlers } from "../jobs/types";
import { lockOf } from "../records/locks";
import { recordMatches } from "../records/filter-match";
import type { RecordHooks, WriteEvent } from "../records/hooks";
import { SYSTEM_ACTOR } from "../records/permissions";

export const SNAPSHOTS_TABLE = "crm_print_snapshots";
export const SNAPSHOT_JOB = "print.snapshot";

/**
 * A locked record (an issued invoice, `x-lock`) is printed as it was when it locked: each
 * template offered for it then is rendered once, stored, and every later print of that template
 * for that record is the stored PDF, whatever has changed in the template or the client since.
 */
export async function ensureSnapshotsTable(db: Knex): Promise<void> {
  if (await db.schema.hasTable(SNAPSHOTS_TABLE)) return;
  try {
    await db.schema.createTable(SNAPSHOTS_TABLE, (t) => {
      t.increments("id").primary();
      t.string("table_id", 64).notNullable();
      t.integer("record_id").notNullable();
      t.string("template_id", 64).notNullable();
      t.string("file_id", 40).notNullable();
      t.string("filename", 255).notNullable();
      t.string("created_at", 32).notNullable();
      t.unique(["table_id", "record_id", "template_id"], { indexName: "crm_print_snapshots_once" });
    });
  } catch (error) {
    if (!(await db.schema.hasTable(SNAPSHOTS_TABLE))) throw error;
  }
}

/** The stored print of a record with a template, if it locked since. */
export async function storedSnapshot(
  db: Knex,
  files: Pick<FileStore, "get">,
  tableId: string,
  recordId: number,
  templateId: string,
): Promise<{ pdf: Buffer; filename: string } | null> {
  const row = (await db(SNAPSHOTS_TABLE).where({ table_id: tableId, record_id: recordId, template_id: templateId }).first()) as
    { file_id: string; filename: string } | undefined;
  if (!row) return null;
  const file = await files.get(row.file_id);
  return { pdf: Buffer.from(file.content), filename: row.filename };
}

/** Keeps a record's print with a template; a second keeper of the same print loses quietly. */
export async function storeSnapshot(
  db: Knex,
  files: Pick<FileStore, "save">,
  at: { tableId: string; recordId: number; templateId: string },
  printed: { pdf: Buffer; filename: string },
): Promise<void> {
  const file = await files.save({ name: printed.filename, type: "application/pdf", content: printed.pdf, actorId: null });
  await db(SYSTEM_TABLES.files).where({ id: file.id }).update({ attached_at: dbNow() });
  try {
    await db(SNAPSHOTS_TABLE).insert({
      table_id: at.tableId,
      record_id: at.recordId,
      template_id: at.templateId,
      file_id: file.id,
      filename: printed.filename,
      created_at: dbNow(),
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await db(SYSTEM_TABLES.files).where({ id: file.id }).delete();
  }
}

/** What the snapshot job asks of the print service (which stores a locked record's first print). */
interface Printer {
  offered(actor: typeof SYSTEM_ACTOR, table: string, recordId: number): Promise<{ id: string; offered?: boolean }[]>;
  printRecord(actor: typeof SYSTEM_ACTOR, templateId: string, id: number): Promise<unknown>;
}

/**
 * When a person's change locks a record (issues an invoice), a job prints it with each template
 * offered for it, so the stored print is the one of that moment. Records created locked (an
 * import, the demo data) are kept at their first print instead: a hundred imported invoices do
 * not queue a hundred renders.
 */
export function printSnapshots(deps: { print: Printer; queue: Pick<JobQueue, "enqueue"> }) {
  const { print, queue } = deps;
  /** Whether a write locks its record: a person's update into the lock's condition. */
  const locks = (event: WriteEvent) => {
    const lock = lockOf(event.table);
    if (!lock || event.action !== "updated" || event.actor.id === null) return false;
    return recordMatches(lock.when, event.after!) && !recordMatches(lock.when, event.before!);
  };
  // In the write's transaction: the snapshot is owed exactly when the lock is committed.
  const owe = (trx: Knex.Transaction, event: WriteEvent) =>
    queue.enqueue(
      { type: SNAPSHOT_JOB, payload: { table: event.table.key, id: event.id }, key: `${SNAPSHOT_JOB}:${event.table.id}:${event.id}` },
      trx,
    );
  const hooks: RecordHooks = {
    async onWrite(trx, event) {
      if (locks(event)) await owe(trx, event);
    },
    async onWriteMany(trx, events) {
      for (const event of events) if (locks(event)) await owe(trx, event);
    },
  };
  const handlers = {
    [SNAPSHOT_JOB]: async ({ payload }: { payload: { table: string; id: number } }) => {
      let printed = 0;
      for (const template of await print.offered(SYSTEM_ACTOR, payload.table, payload.id)) {
        if (!template.offered) continue;
        await print.printRecord(SYSTEM_ACTOR, template.id, payload.id);
        printed++;
      }
      return { printed };
    },
  } as unknown as JobHandlers;
  return { hooks, handlers };
}

export interface KeptPrint {
  id: number;
  tableId: string;
  recordId: number;
  templateId: string;
  filename: string;
  /** As stored: UTC "YYYY-MM-DD HH:MM:SS.mmm". */
  at: string;
}

/**
 * The kept prints of some records (`table id → record ids`), newest first by time then id, older
 * than a keyset position as `listRecordAudit` takes it: a timeline's sent documents.
 */
export async function keptPrintsOf(
  db: Knex,
  records: Map<string, number[]>,
  before: { at: string; includeAt: boolean; idBelow?: number } | undefined,
  limit: number,
): Promise<KeptPrint[]> {
  const refs = [...records].filter(([, ids]) => ids.length > 0);
  if (refs.length === 0) return [];
  const q = db(SNAPSHOTS_TABLE)
    .where((w) => refs.forEach(([tableId, ids]) => w.orWhere((x) => x.where("table_id", tableId).whereIn("record_id", ids))))
    .orderBy([
      { column: "created_at", order: "desc" },
      { column: "id", order: "desc" },
    ])
    .limit(limit);
  if (before) {
    if (before.idBelow !== undefined) {
      const idBelow = before.idBelow;
      q.where((w) => w.where("created_at", "<", before.at).orWhere((x) => x.where("created_at", before.at).where("id", "<", idBelow)));
    } else q.where("created_at", before.includeAt ? "<=" : "<", before.at);
  }
  return ((await q) as Record<string, unknown>[]).map((r) => ({
    id: Number(r.id),
    tableId: String(r.table_id),
    recordId: Number(r.record_id),
    templateId: String(r.template_id),
    filename: String(r.filename),
    at: String(r.created_at),
  }));
}
