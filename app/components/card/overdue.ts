/**
 * An issued invoice past its due date with money still owed. Field keys are the default
 * configuration's; a table without them is never overdue.
 */
export function isOverdue(record: Record<string, unknown>, today: string = new Date().toISOString().slice(0, 10)): boolean {
  const due = record.due_date;
  const balance = Number(record.balance);
  return record.status === "issued" && typeof due === "string" && due !== "" && due < today && Number.isFinite(balance) && balance > 0;
}
