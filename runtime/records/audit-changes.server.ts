import { diffRecords } from "../auth/audit.server";
import type { JsonValue } from "../json";
import type { CompiledTable } from "../schema/compile";

/** Where an update's changes name the line lists that were sent. */
const LINES = "_lines";

/**
 * What the audit trail records of an update: each field whose value changed, as `[before, after]`,
 * and under `_lines` the names of the line lists that were sent, without their values. Pure;
 * `.server` only because the field diff lives beside the audit writer.
 */
export function updateChanges(
  table: CompiledTable,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  lineLists: string[],
): Record<string, [unknown, unknown]> {
  const changed = diffRecords(
    before,
    after,
    table.fields.map((f) => f.key),
  );
  if (lineLists.length) changed[LINES] = [null, lineLists];
  return changed;
}

/**
 * What of an entry's changes someone who does not see the fields `unseen` (`unseenFields`: hidden
 * ones, and formulas that read them) may know: only fields of the table they see now, and the
 * names of the line lists. A key no field has any more (renamed or removed since) is left out
 * too, since whether it was hidden then is not known. Null for an entry that changed nothing they
 * see: that it happened, when and by whom is not theirs to know either. Changes that are not a
 * field map (a create's, none) are as they were.
 */
export function changesSeen(changes: JsonValue, table: CompiledTable, unseen: ReadonlySet<string>): { changes: JsonValue } | null {
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) return { changes };
  const all = Object.entries(changes);
  const seen = new Set(table.fields.filter((f) => !unseen.has(f.key)).map((f) => f.key));
  const visible = all.filter(([key]) => seen.has(key) || key === LINES);
  if (all.length > 0 && !visible.some(([key]) => key !== LINES)) return null;
  return { changes: Object.fromEntries(visible) };
}
