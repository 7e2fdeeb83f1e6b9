/** How lists count: "1–50 of 1,234", "of about 1,000,000" from statistics, "10,000+" at the count cap. */
const integer = new Intl.NumberFormat("en-US");

export const COUNT_CAP = 10_000;

export function totalLabel(total: number, totalExact: boolean): string {
  if (totalExact) return integer.format(total);
  return total <= COUNT_CAP ? `${integer.format(total)}+` : `about ${integer.format(total)}`;
}

/** "1–50 of 1,234"; "No records" when the page is empty. */
export function rangeLabel(page: number, pageSize: number, rowCount: number, total: number, totalExact: boolean): string {
  if (rowCount === 0) return page > 1 ? `Nothing on page ${integer.format(page)}` : "No records";
  const first = (page - 1) * pageSize + 1;
  const last = first + rowCount - 1;
  return `${integer.format(first)}–${integer.format(last)} of ${totalLabel(total, totalExact)}`;
}

/** The last page when the total is known exactly, else null. */
export function lastPage(total: number, totalExact: boolean, pageSize: number): number | null {
  return totalExact ? Math.max(1, Math.ceil(total / pageSize)) : null;
}

/** Page numbers offered as direct links: the first few, where an offset is as cheap as a cursor. */
export function pageNumbers(total: number, totalExact: boolean, pageSize: number, shown = 5): number[] {
  const last = lastPage(total, totalExact, pageSize) ?? Math.ceil(total / pageSize);
  return Array.from({ length: Math.max(1, Math.min(shown, last)) }, (_, i) => i + 1);
}
