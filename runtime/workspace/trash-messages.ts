/** What the trash screen says after a restore; pure so the wording is tested. */
export interface RestoredEntry {
  kind: "record" | "field" | "table";
  /** The field's or table's key when it was removed, the record's title for records. */
  name: string;
  label: string | null;
  tableLabel: string;
  values: number | null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function restoredMessage(entry: RestoredEntry, restoredKey: string | null): string {
  const label = entry.label ?? entry.name;
  if (entry.kind === "record") return `Restored “${label}” to ${entry.tableLabel}.`;
  if (entry.kind === "field") {
    const withValues = entry.values === null ? "with its values" : `with its ${plural(entry.values, "value", "values")}`;
    const head = `Restored the field “${label}” of ${entry.tableLabel} ${withValues}`;
    if (restoredKey === null || restoredKey === entry.name) return `${head}.`;
    return `${head} under the key “${restoredKey}”: a newer field is called “${entry.name}” now. Rename one of them, or move the values over and remove the other, in the schema designer.`;
  }
  const withRecords = entry.values === null ? "with its records" : `with its ${plural(entry.values, "record", "records")}`;
  const head = `Restored the table “${label}” ${withRecords}`;
  if (restoredKey === null || restoredKey === entry.name) return `${head}.`;
  return `${head} under the key “${restoredKey}”: a newer table is called “${entry.name}” now. Rename one of them in the schema designer.`;
}
