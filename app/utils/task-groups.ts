/**
 * Where an open task goes on My tasks: overdue (its due time has passed), today (later today in
 * the firm's time zone), upcoming, or someday (no due time). Pure, so the screen and its test agree.
 */
export type TaskGroupKey = "overdue" | "today" | "upcoming" | "someday";

export const TASK_GROUPS: readonly { key: TaskGroupKey; title: string }[] = [
  { key: "overdue", title: "Overdue" },
  { key: "today", title: "Today" },
  { key: "upcoming", title: "Upcoming" },
  { key: "someday", title: "No due date" },
];

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of the instant in the time zone. */
export function localDay(at: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}

export function taskGroupOf(due: string | null | undefined, now: Date, timeZone: string): TaskGroupKey {
  if (!due) return "someday";
  const at = new Date(due);
  if (Number.isNaN(at.getTime())) return "someday";
  if (at.getTime() < now.getTime()) return "overdue";
  return localDay(at, timeZone) === localDay(now, timeZone) ? "today" : "upcoming";
}

/** The tasks by group, in the groups' order, each group keeping the tasks' order; empty groups left out. */
export function groupTasks<T extends { due?: string | null }>(
  tasks: readonly T[],
  now: Date,
  timeZone: string,
): { key: TaskGroupKey; title: string; tasks: T[] }[] {
  const by = new Map<TaskGroupKey, T[]>();
  for (const t of tasks) {
    const key = taskGroupOf(t.due, now, timeZone);
    by.set(key, [...(by.get(key) ?? []), t]);
  }
  return TASK_GROUPS.filter((g) => by.has(g.key)).map((g) => ({ ...g, tasks: by.get(g.key)! }));
}
