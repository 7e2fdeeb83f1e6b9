import type { CompiledTable } from "@runtime/schema/compile";
import { fieldKinds } from "@runtime/fields/registry";

const MAX_DEFAULT_COLUMNS = 4;

/**
 * Columns of a related list: the ones the layout chose (by field id), else the title and a few
 * short fields. The back-reference to this record says nothing here, so it is left out.
 */
export function relatedColumns(child: CompiledTable, backField: string, columnIds?: string[]): string[] {
  if (columnIds && columnIds.length) {
    return columnIds.map((id) => child.fields.find((f) => f.id === id)?.key).filter((k): k is string => !!k && k !== backField);
  }
  const candidates = child.fields.filter((f) => f.key !== backField && fieldKinds[f.kind].shortValue && f.key !== "position");
  const title = candidates.find((f) => f.key === child.titleField);
  const rest = candidates.filter((f) => f !== title);
  return [...(title ? [title] : []), ...rest].slice(0, MAX_DEFAULT_COLUMNS).map((f) => f.key);
}
