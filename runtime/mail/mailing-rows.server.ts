import type { Knex } from "knex";
import { isAdmin, type Actor } from "../records/permissions";
import type { WorkspaceService } from "../workspace/workspace.server";
import { MAILING_RECIPIENTS_TABLE, MAILINGS_TABLE, MAIL_MESSAGES_TABLE } from "./mail-tables.server";
import type { MailingCounts, MailingStatus, MailingSummary } from "./mailing-types";
import { mailRefusal } from "./mail-words";

/** A mailing and its recipients as stored, and what screens are told of them: states and counts. */
export interface MailingRow {
  id: number;
  table_key: string;
  view_id: number | null;
  view_name: string;
  template_id: string;
  template_name: string;
  base_url: string;
  list_query: string;
  status: "preparing" | "sending" | "failed";
  error: string | null;
  cursor: string | null;
  created_by: number | null;
  created_at: string;
  prepared_at: string | null;
}

export interface ListQuery {
  filter?: Record<string, unknown>;
  q?: string;
}

export interface MailingRows {
  /** The mailing; 404 for one that is not the actor's (unless admin). Without an actor: any (the job). */
  row(actor: Actor | null, id: unknown): Promise<MailingRow>;
  summaries(rows: MailingRow[]): Promise<MailingSummary[]>;
  recipients(mailingId: number, limit: number): Promise<RecipientRow[]>;
}

export interface RecipientRow {
  mailing_id: number;
  record_id: number;
  label: string;
  address: string;
  skipped: string | null;
  status: string | null;
  error: string | null;
  sent_at: string | null;
  attempts: number | null;
}

export function createMailingRows(db: Knex, workspace: Pick<WorkspaceService, "current">): MailingRows {
  async function row(actor: Actor | null, id: unknown): Promise<MailingRow> {
    const n = typeof id === "number" ? id : typeof id === "string" && /^\d{1,12}$/.test(id) ? Number(id) : NaN;
    const found = Number.isSafeInteger(n) ? ((await db(MAILINGS_TABLE).where({ id: n }).first()) as MailingRow | undefined) : undefined;
    // Someone else's mailing is as absent as one that never was: its recipients are not theirs to see.
    if (!found || (actor && !isAdmin(actor) && (actor.id === null || Number(found.created_by) !== actor.id)))
      throw mailRefusal(404, "noMailing", { id: String(id).slice(0, 32) });
    return found;
  }

  async function recipientsOf(mailingIds: number[], limit?: number) {
    const q = db(`${MAILING_RECIPIENTS_TABLE} as r`)
      .leftJoin(`${MAIL_MESSAGES_TABLE} as m`, "m.id", "r.message_id")
      .whereIn("r.mailing_id", mailingIds)
      .orderBy("r.id")
      .select("r.mailing_id", "r.record_id", "r.label", "r.address", "r.skipped", "m.status", "m.error", "m.sent_at", "m.attempts");
    if (limit) q.limit(limit);
    return (await q) as RecipientRow[];
  }

  async function countsOf(mailingIds: number[]): Promise<Map<number, MailingCounts>> {
    const rows = (await db(`${MAILING_RECIPIENTS_TABLE} as r`)
      .leftJoin(`${MAIL_MESSAGES_TABLE} as m`, "m.id", "r.message_id")
      .whereIn("r.mailing_id", mailingIds)
      .groupBy("r.mailing_id", "m.status", db.raw("r.skipped is null"))
      .select("r.mailing_id", "m.status", db.raw("r.skipped is null as live"), db.raw("count(*) as n"))) as {
      mailing_id: number;
      status: string | null;
      live: number | boolean;
      n: number | string;
    }[];
    const out = new Map<number, MailingCounts>();
    for (const id of mailingIds) out.set(id, { total: 0, queued: 0, retrying: 0, sent: 0, failed: 0, skipped: 0 });
    for (const r of rows) {
      const c = out.get(Number(r.mailing_id))!;
      const status = !Number(r.live) ? "skipped" : ((r.status ?? "queued") as keyof MailingCounts);
      c[status in c ? status : "queued"] += Number(r.n);
      c.total += Number(r.n);
    }
    return out;
  }

  function statusOf(row: MailingRow, counts: MailingCounts): MailingStatus {
    if (row.status !== "sending") return row.status;
    return counts.queued + counts.retrying > 0 ? "sending" : "done";
  }

  async function summaries(rows: MailingRow[]): Promise<MailingSummary[]> {
    if (rows.length === 0) return [];
    const counts = await countsOf(rows.map((r) => Number(r.id)));
    const { compiled } = await workspace.current();
    return rows.map((r) => {
      const c = counts.get(Number(r.id))!;
      return {
        id: Number(r.id),
        table: r.table_key,
        tableLabel: compiled.tablesByKey.get(r.table_key)?.pluralLabel ?? r.table_key,
        viewId: r.view_id === null ? null : Number(r.view_id),
        view: r.view_name,
        template: r.template_name,
        status: statusOf(r, c),
        ...(r.error ? { error: r.error } : {}),
        createdBy: r.created_by === null ? null : Number(r.created_by),
        createdAt: String(r.created_at),
        counts: c,
      };
    });
  }

  return { row, summaries, recipients: (id, limit) => recipientsOf([id], limit) };
}
