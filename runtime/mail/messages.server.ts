import crypto from "node:crypto";
import type { Knex } from "knex";
import { dbNow } from "../db/system-tables.server";
import type { JobQueue } from "../jobs/queue.server";
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

export const SEND_MAIL_JOB = "mail.send";

export interface NewMessage {
  table: string;
  recordId: number;
  templateId: string | null;
  attachTemplate: string | null;
  to: string[];
  subject: string;
  body: string;
  createdBy: number | null;
  /** A mailing's message: which mailing, its extra headers, and when the rate limit lets it go. */
  mailing?: { id: number; headers: Record<string, string>; slot: Date };
}

/**
 * Stores a message `queued` and enqueues its `mail.send` job (key `mail:<id>`) inside `trx`: the
 * message exists with its job or not at all. Its Message-ID is made here and kept across attempts.
 */
export async function queueMessage(trx: Knex.Transaction, queue: JobQueue, from: string, message: NewMessage): Promise<number> {
  const [inserted] = await trx(MAIL_MESSAGES_TABLE).insert({
    message_id: `<${crypto.randomUUID()}@${from.split("@")[1]}>`,
    table_key: message.table,
    record_id: message.recordId,
    template_id: message.templateId,
    attach_template: message.attachTemplate,
    to_address: message.to.join(", "),
    subject: message.subject,
    body: message.body,
    status: "queued",
    created_by: message.createdBy,
    created_at: dbNow(queue.now()),
    mailing_id: message.mailing?.id ?? null,
    headers: message.mailing ? JSON.stringify(message.mailing.headers) : null,
    send_slot: message.mailing ? dbNow(message.mailing.slot) : null,
  });
  const id = Number(inserted);
  await queue.enqueue(
    { type: SEND_MAIL_JOB, payload: { message: id }, key: `mail:${id}`, createdBy: message.createdBy, runAt: message.mailing?.slot },
    trx,
  );
  return id;
}
