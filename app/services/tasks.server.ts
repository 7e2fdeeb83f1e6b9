/**
 * My tasks: the signed-in user's open tasks of the configuration's `tasks` table (see
 * seeds/schema.json), each with the record it is about, and closing one. Every read and write goes
 * through the records service as the user, so their role's rights apply.
 */
import { ApiError } from "@runtime/errors";
import type { Actor } from "@runtime/records/permissions";
import { groupTasks, type TaskGroupKey } from "../utils/task-groups";
import { getRuntime } from "./runtime.server";

/** The table My tasks lists; rules create its records about others (`about_table` + `about_id`). */
export const TASKS_TABLE = "tasks";
const MAX_TASKS = 500;
const ID_CHUNK = 50;

export interface MyTask {
  id: number;
  version: number;
  subject: string;
  /** ISO date-time, or null. */
  due: string | null;
  /** The due time as the firm reads it ("Fri 5 Dec, 14:00"). */
  dueText: string | null;
  priority: string | null;
  notes: string | null;
  about: { href: string; label: string; table: string } | null;
}

export interface MyTasks {
  /** False when the configuration has no tasks table (an admin removed it). */
  available: boolean;
  groups: { key: TaskGroupKey; title: string; tasks: MyTask[] }[];
  total: number;
}

const timeZone = () => process.env.TESSERA_TIME_ZONE || "UTC";

function dueText(due: string | null, zone: string, locale: string): string | null {
  if (!due) return null;
  const at = new Date(due);
  if (Number.isNaN(at.getTime())) return null;
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(at);
}

const text = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** `locale`: the reader's, for the due dates (English reads them the en-GB way, "Mon 7 Dec, 09:00"). */
export async function myTasks(actor: Actor, now: Date = new Date(), locale = "en-GB"): Promise<MyTasks> {
  const runtime = await getRuntime();
  const { compiled } = await runtime.workspace.current();
  if (!compiled.tablesByKey.has(TASKS_TABLE) || actor.id === null) return { available: false, groups: [], total: 0 };
  const { rows } = await runtime.records.list(actor, TASKS_TABLE, {
    filter: {
      and: [
        { field: "assignee", op: "eq", value: actor.id },
        { field: "status", op: "eq", value: "open" },
      ],
    },
    sort: "due",
    pageSize: MAX_TASKS,
  });
  const labels = await aboutLabels(actor, rows);
  const zone = timeZone();
  const tasks: MyTask[] = rows.map((r) => {
    const aboutTable = text(r.about_table);
    const aboutId = typeof r.about_id === "number" ? r.about_id : null;
    const about =
      aboutTable && aboutId !== null
        ? {
            href: `/t/${encodeURIComponent(aboutTable)}/${aboutId}`,
            table: compiled.tablesByKey.get(aboutTable)?.label ?? aboutTable,
            label: labels.get(`${aboutTable}/${aboutId}`) ?? `#${aboutId}`,
          }
        : null;
    const due = text(r.due);
    return {
      id: Number(r.id),
      version: Number(r.version),
      subject: text(r.subject) ?? `Task #${String(r.id)}`,
      due,
      dueText: dueText(due, zone, locale),
      priority: text(r.priority),
      notes: text(r.notes),
      about,
    };
  });
  // No due time sorts first in SQL on some databases: the groups put those last.
  return { available: true, groups: groupTasks(tasks, now, zone), total: tasks.length };
}

/** `<table>/<id>` → the record's title, for the records the user may read (one query per table). */
async function aboutLabels(actor: Actor, rows: Record<string, unknown>[]): Promise<Map<string, string>> {
  const runtime = await getRuntime();
  const { compiled } = await runtime.workspace.current();
  const idsByTable = new Map<string, Set<number>>();
  for (const r of rows)
    if (typeof r.about_table === "string" && typeof r.about_id === "number" && compiled.tablesByKey.has(r.about_table))
      idsByTable.set(r.about_table, (idsByTable.get(r.about_table) ?? new Set()).add(r.about_id));
  const labels = new Map<string, string>();
  for (const [key, ids] of idsByTable) {
    const titleField = compiled.tablesByKey.get(key)?.titleField;
    const all = [...ids];
    // Ids have no "in" operator: an "or" of equalities, within the filter's limit of leaves.
    for (let i = 0; i < all.length && titleField; i += ID_CHUNK) {
      const chunk = all.slice(i, i + ID_CHUNK);
      try {
        const { rows: found } = await runtime.records.list(actor, key, {
          filter: { or: chunk.map((id) => ({ field: "id", op: "eq", value: id })) },
          pageSize: chunk.length,
        });
        for (const f of found) {
          const title = f[titleField];
          if (title !== null && title !== undefined && title !== "") labels.set(`${key}/${String(f.id)}`, String(title));
        }
      } catch (error) {
        // A table the user may not read: its tasks link by id only.
        if (!(error instanceof ApiError)) throw error;
        break;
      }
    }
  }
  return labels;
}

/** Done: status done and the time it was done, as the user (409 when the task changed meanwhile). */
export async function completeTaskAs(actor: Actor, id: unknown, version: unknown, now: Date = new Date()): Promise<void> {
  await (await getRuntime()).records.update(actor, TASKS_TABLE, id, { status: "done", done_at: now.toISOString() }, version);
}
