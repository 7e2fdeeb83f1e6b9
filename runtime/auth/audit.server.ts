import type { Knex } from "knex";
import { insertMany } from "../db/insert-many.server";
import { dbNow } from "../db/system-tables.server";
import type { JsonValue } from "../json";
import { AUTH_TABLES } from "./auth-tables.server";

/** Every action the trail records, in the order a filter offers them. */
export const AUDIT_ACTIONS = [
  "create",
  "update",
  "delete",
  "restore",
  "login",
  "login_failed",
  "logout",
  "schema",
  "layout",
  "template",
  "users",
  "roles",
  "tokens",
  /** Exchange rates and their settings changed by an admin. */
  "exchange_rates",
  /** An approval asked for, approved or rejected (automation's guards). */
  "approval",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  action: AuditAction;
  table: string | null;
  recordId: number | null;
  changes: JsonValue;
  /** The client's address (behind a trusted proxy, the one it forwards): only where asked for. */
  ip?: string | null;
}

/** `changes` of an update: only the fields that differ, as `{ field: [before, after] }`. */
export function diffRecords(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  keys: string[],
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of keys)
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)) out[k] = [before[k] ?? null, after[k] ?? null];
  return out;
}

type AuditRow = Record<string, unknown>;

/** Transactions whose audit rows wait to be written together (see `deferAudits`). */
const deferred = new WeakMap<Knex, AuditRow[]>();

/**
 * Audit rows written in `q` wait in memory and go in as a few multi-row INSERTs at `flush`: a
 * batch of rule runs writes hundreds of records in one transaction, and a round trip per entry
 * was a third of its time. The caller flushes before it commits; rows left unflushed when the
 * transaction fails are dropped with it, as they would have been rolled back.
 */
export function deferAudits(q: Knex): { flush(): Promise<void> } {
  const rows: AuditRow[] = [];
  deferred.set(q, rows);
  return {
    async flush() {
      deferred.delete(q);
      for (let i = 0; i < rows.length; i += 250) await q(AUTH_TABLES.audit).insert(rows.slice(i, i + 250));
    },
  };
}

export interface AuditInput {
  userId: number | null;
  action: AuditAction;
  table?: string | null;
  recordId?: number | null;
  changes?: unknown;
  ip?: string | null;
}

/** Many entries as a few multi-row INSERTs (a bulk import's batch), or into the waiting rows of `deferAudits`. */
export async function auditMany(db: Knex, entries: AuditInput[]): Promise<void> {
  const at = dbNow();
  const waiting = deferred.get(db);
  if (waiting) {
    for (const entry of entries) waiting.push(auditRow(entry, at));
    return;
  }
  await insertMany(
    db,
    AUTH_TABLES.audit,
    AUDIT_COLUMNS,
    entries.map((entry) => auditValues(entry, at)),
  );
}

const AUDIT_COLUMNS = ["at", "user_id", "action", "table_key", "record_id", "changes", "ip"];

/** An entry's values in `AUDIT_COLUMNS` order. */
function auditValues(entry: AuditInput, at: string): unknown[] {
  return [
    at,
    entry.userId,
    entry.action,
    entry.table ?? null,
    entry.recordId ?? null,
    entry.changes === undefined ? null : JSON.stringify(entry.changes),
    entry.ip?.slice(0, 64) ?? null,
  ];
}

function auditRow(entry: AuditInput, at = dbNow()): AuditRow {
  const values = auditValues(entry, at);
  return Object.fromEntries(AUDIT_COLUMNS.map((column, i) => [column, values[i]]));
}

export async function audit(db: Knex, entry: AuditInput): Promise<void> {
  const row = auditRow(entry);
  const waiting = deferred.get(db);
  if (waiting) waiting.push(row);
  else await db(AUTH_TABLES.audit).insert(row);
}

function toEntry(r: Record<string, unknown>): AuditEntry {
  return {
    id: Number(r.id),
    at: String(r.at),
    userId: r.user_id === null ? null : Number(r.user_id),
    action: r.action as AuditAction,
    table: (r.table_key as string | null) ?? null,
    recordId: r.record_id === null ? null : Number(r.record_id),
    changes: r.changes ? JSON.parse(String(r.changes)) : null,
  };
}

/**
 * The newest entries first. `addresses`: with the address each change came from, which is for
 * administrators only (someone reading one record's history learns who, not from where).
 */
export async function listAudit(
  db: Knex,
  where: { table?: string; recordId?: number; userId?: number; action?: AuditAction; beforeId?: number; limit?: number } = {},
  { addresses = false }: { addresses?: boolean } = {},
): Promise<AuditEntry[]> {
  const q = db(AUTH_TABLES.audit)
    .orderBy("id", "desc")
    .limit(Math.min(where.limit ?? 100, 1000));
  if (where.table) q.where({ table_key: where.table });
  if (where.recordId) q.where({ record_id: where.recordId });
  if (where.userId) q.where({ user_id: where.userId });
  if (where.action) q.where({ action: where.action });
  // The next page of an administrator's trail: entries older than the last one shown.
  if (where.beforeId) q.where("id", "<", where.beforeId);
  const rows = (await q) as Record<string, unknown>[];
  return rows.map((r) => (addresses ? { ...toEntry(r), ip: (r.ip as string | null) ?? null } : toEntry(r)));
}

/**
 * One record's audit entries, newest first by time then id, older than a keyset position: `at`
 * itself included (`includeAt`), excluded, or included below `idBelow` only. A timeline merges
 * them with other sources by that order.
 */
export async function listRecordAudit(
  db: Knex,
  where: { table: string; recordId: number; before?: { at: string; includeAt: boolean; idBelow?: number }; limit: number },
): Promise<AuditEntry[]> {
  const q = db(AUTH_TABLES.audit)
    .where({ table_key: where.table, record_id: where.recordId })
    .orderBy([
      { column: "at", order: "desc" },
      { column: "id", order: "desc" },
    ])
    .limit(Math.min(where.limit, 1000));
  const before = where.before;
  if (before) {
    if (before.idBelow !== undefined) {
      const idBelow = before.idBelow;
      q.where((w) => w.where("at", "<", before.at).orWhere((x) => x.where("at", before.at).where("id", "<", idBelow)));
    } else q.where("at", before.includeAt ? "<=" : "<", before.at);
  }
  return ((await q) as Record<string, unknown>[]).map(toEntry);
}
