import { diffRecords } from "../auth/audit.server";
import type { CompiledTable } from "../schema/compile";

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
  if (lineLists.length) changed._lines = [null, lineLists];
  return changed;
}
