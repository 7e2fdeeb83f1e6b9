import { fetchRecord } from "@runtime/fields/ui/api-client";
import { relationFill, relationTarget } from "@runtime/fields/structure";
import type { CompiledField } from "@runtime/schema/compile";

/**
 * The values `x-fill` copies from a picked record: `{ own field: their value }`. Fields the
 * picked record does not carry (hidden from the role) are left alone rather than emptied.
 */
export function fillPatch(fill: Record<string, string>, picked: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [own, theirs] of Object.entries(fill)) if (theirs in picked) patch[own] = picked[theirs];
  return patch;
}

/**
 * What picking record `id` in `field` fills in (an invoice line's description, unit, price and
 * tax rate from its product), read through the records API; null when the field fills nothing
 * or the record cannot be read.
 */
export async function loadFill(field: CompiledField, id: unknown): Promise<Record<string, unknown> | null> {
  const fill = relationFill(field);
  const target = relationTarget(field);
  if (!fill || !target || typeof id !== "number") return null;
  const picked = await fetchRecord(target, id).catch(() => null);
  return picked ? fillPatch(fill, picked) : null;
}
