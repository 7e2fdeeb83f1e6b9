import { isListable, listTierOf } from "../fields/registry";
import type { FieldKind } from "../schema/types";
import type { CompiledTable } from "../schema/compile";
import { SYSTEM_FIELDS } from "../records/filter";

export const DEFAULT_COLUMN_COUNT = 6;

/** A kind that makes a good list column: not long, and text at all (the registry says which). */
export function isListableField(kind: FieldKind): boolean {
  return isListable(kind);
}

/**
 * The columns of a table nobody has set up: its title first, then up to six short fields picked
 * by tier and shown in schema order. A composition child's parent link is left out, since its
 * lines are always read per parent.
 */
export function defaultColumns(table: CompiledTable): string[] {
  const title = table.titleField && table.fieldsByKey.has(table.titleField) ? table.titleField : null;
  const candidates = table.fields.filter(
    (f) => f.key !== title && isListableField(f.kind) && !(table.parent && f.key === table.parent.field),
  );
  const picked = new Set<string>();
  // Fields that tell records apart at a glance first; free text last, as it is often long.
  for (const tier of [0, 1, 2] as const) {
    for (const f of candidates) if (picked.size < DEFAULT_COLUMN_COUNT - 1 && listTierOf(f.kind) === tier) picked.add(f.key);
  }
  const rest = candidates.filter((f) => picked.has(f.key)).map((f) => f.key);
  return title ? [title, ...rest] : rest;
}

/** Field key → stable id for storing; system fields (id, created_at…) are their own id. */
export function fieldIdOf(table: CompiledTable, key: string): string | null {
  const f = table.fieldsByKey.get(key);
  if (f) return f.id;
  return key in SYSTEM_FIELDS ? key : null;
}

/** Stable id → current key, following renames; null when the field was removed. */
export function fieldKeyOf(table: CompiledTable, id: string): string | null {
  const f = table.fields.find((field) => field.id === id);
  if (f) return f.key;
  return id in SYSTEM_FIELDS ? id : null;
}

/** Column keys that name a listable field of the table, and those that do not. */
export function checkColumns(table: CompiledTable, keys: string[]): { columns: string[]; unknown: string[] } {
  const columns: string[] = [];
  const unknown: string[] = [];
  for (const key of keys) {
    const f = table.fieldsByKey.get(key);
    if (f && isListableField(f.kind)) {
      if (!columns.includes(key)) columns.push(key);
    } else unknown.push(key);
  }
  return { columns, unknown };
}
