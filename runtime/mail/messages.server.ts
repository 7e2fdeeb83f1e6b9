import type { Knex } from "knex";
import { MAIL_MESSAGES_TABLE } from "./mail-tables.server";

export interface SentMessage {
  id: number;
  /** Stored UTC text, as `dbNow` writes it. */
  at: string;
  to: string;
  subject: string;
  status: string;
  error: string | null;
  createdBy: number | null;
}

/** A record's messages, newest first, continuing after a timeline's keyset position. */
export async function messagesOf(
  db: Knex,
  table: string,
  recordId: number,
  before: { at: string; includeAt: boolean; idBelow?: number } | undefined,
  limit: number,
): Promise<SentMessage[]> {
  const q = db(MAIL_MESSAGES_TABLE)
    .where({ table_key: table, record_id: recordId })
    .orderBy([
      { column: "created_at", order: "desc" },
      { column: "id", order: "desc" },
    ])
    .limit(limit);
  if (before) {
    const { at, idBelow } = before;
    if (idBelow !== undefined)
      q.where((w) => w.where("created_at", "<", at).orWhere((x) => x.where("created_at", at).where("id", "<", idBelow)));
    else q.where("created_at", before.includeAt ? "<=" : "<", at);
  }
  return ((await q) as Record<string, unknown>[]).map((r) => ({
    id: Number(r.id),
    at: String(r.created_at),
    to: String(r.to_address),
    subject: String(r.subject),
    status: String(r.status),
    error: r.error === null ? null : String(r.error),
    createdBy: r.created_by === null ? null : Number(r.created_by),
  }));
}
