/**
 * States that depend on today's date and so are never stored: a stored "overdue" would be wrong
 * the morning after it was written. Lists compute them at read time.
 */

/** Field keys a table needs for the overdue state (the default configuration's invoices). */
export const OVERDUE_FIELDS = ["due_date", "balance", "status"] as const;

export function hasOverdueState(fieldKeys: Iterable<string>): boolean {
  const keys = new Set(fieldKeys);
  return OVERDUE_FIELDS.every((k) => keys.has(k));
}

/** Money and decimals arrive as numbers or decimal strings, depending on the kind. */
function positiveAmount(value: unknown): boolean {
  if (typeof value === "number") return value > 0;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value) > 0;
  return false;
}

/**
 * Issued, with money still owed, after its due date. `today` is `YYYY-MM-DD` in the firm's
 * calendar; ISO dates compare correctly as text.
 */
export function isOverdue(record: Record<string, unknown>, today: string): boolean {
  const due = record.due_date;
  if (record.status !== "issued" || typeof due !== "string" || due === "") return false;
  return due.slice(0, 10) < today && positiveAmount(record.balance);
}

/** Today as `YYYY-MM-DD` in the server's local time zone, the firm's calendar (UTC would be off by a day at night). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
