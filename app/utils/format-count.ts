// A fixed locale: the server and the browser must render the same text, or hydration fails.
const integer = new Intl.NumberFormat("en-US");

/** "1 record", "1,204 records"; "—" when the count is unknown. */
export function formatRecordCount(count: number | null): string {
  if (count === null) return "—";
  return `${integer.format(count)} ${count === 1 ? "record" : "records"}`;
}

export function formatInteger(value: number): string {
  return integer.format(value);
}
