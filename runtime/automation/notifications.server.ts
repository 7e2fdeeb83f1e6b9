import type { Knex } from "knex";
import { isUniqueViolation } from "../db/db-errors";
import { dbNow } from "../db/system-tables.server";
import { notFound } from "../errors";
import { parseId } from "../records/params";
import { systemTimeToJson } from "../records/rows";
import { AUTOMATION_TABLES } from "./tables.server";
import type { NotificationList, NotificationRow } from "./types";

/** In-app notifications, per user: the bell's unread count and list, and marking them read. */

export interface NotificationsService {
  /** The user's latest notifications (newest first) and how many are unread. */
  list(userId: number, options?: { limit?: number; unreadOnly?: boolean }): Promise<NotificationList>;
  /** 404 when it is not the user's. */
  markRead(userId: number, id: unknown): Promise<void>;
  markAllRead(userId: number): Promise<number>;
  /** Just the count, for a page's header (one query). */
  unread(userId: number): Promise<number>;
}

export interface NewNotification {
  userIds: number[];
  title: string;
  href?: string | null;
  /** Makes sending idempotent: a key already sent is not sent again (suffixed per user). */
  key?: string;
  ruleId?: number | null;
}

interface Row {
  id: number;
  title: string;
  href: string | null;
  created_at: string;
  read_at: string | null;
}

const toRow = (r: Row): NotificationRow => ({
  id: Number(r.id),
  title: r.title,
  href: r.href,
  createdAt: systemTimeToJson(r.created_at)!,
  readAt: systemTimeToJson(r.read_at),
});

/** Writes notifications in `q` (a rule run's transaction, so they exist exactly when its other effects do). */
export async function sendNotifications(q: Knex, at: Date, n: NewNotification): Promise<number[]> {
  const sent: number[] = [];
  for (const userId of [...new Set(n.userIds)]) {
    try {
      await q(AUTOMATION_TABLES.notifications).insert({
        user_id: userId,
        title: n.title.slice(0, 300),
        href: n.href ? n.href.slice(0, 500) : null,
        key: n.key ? `${n.key}:${userId}`.slice(0, 191) : null,
        rule_id: n.ruleId ?? null,
        created_at: dbNow(at),
        read_at: null,
      });
      sent.push(userId);
    } catch (error) {
      if (!(n.key && isUniqueViolation(error))) throw error;
    }
  }
  return sent;
}

export function createNotifications(db: Knex, now: () => Date): NotificationsService {
  const mine = (userId: number) => db(AUTOMATION_TABLES.notifications).where({ user_id: userId });
  const unread = async (userId: number) =>
    Number(((await mine(userId).whereNull("read_at").count({ n: "*" }).first()) as { n: number | string }).n);
  return {
    async list(userId, { limit = 50, unreadOnly = false } = {}) {
      const q = mine(userId)
        .orderBy("id", "desc")
        .limit(Math.min(Math.max(1, limit), 200))
        .select("id", "title", "href", "created_at", "read_at");
      if (unreadOnly) q.whereNull("read_at");
      const rows = ((await q) as Row[]).map(toRow);
      return { rows, unread: await unread(userId) };
    },
    unread,
    async markRead(userId, rawId) {
      const id = parseId(rawId);
      const row = (await mine(userId).where({ id }).first("id", "read_at")) as { id: number; read_at: string | null } | undefined;
      if (!row) throw notFound(`there is no notification #${id} for you`);
      if (row.read_at === null)
        await mine(userId)
          .where({ id })
          .update({ read_at: dbNow(now()) });
    },
    async markAllRead(userId) {
      return mine(userId)
        .whereNull("read_at")
        .update({ read_at: dbNow(now()) });
    },
  };
}
