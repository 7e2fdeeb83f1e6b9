import type { FieldSchema } from "../schema/types";

/**
 * The table's fields with a restored field back where it stood when it was removed: after the
 * nearest field that preceded it then and still exists (matched by x-id, so renames do not matter),
 * else before the nearest that followed it, else at the end. Field order is the key order.
 */
export function withFieldRestored(
  properties: Record<string, FieldSchema>,
  key: string,
  field: FieldSchema,
  orderWhenRemoved: readonly string[],
): Record<string, FieldSchema> {
  const keyOfId = new Map(Object.entries(properties).map(([k, f]) => [f["x-id"], k]));
  const at = orderWhenRemoved.indexOf(field["x-id"]);
  const entries = Object.entries(properties);
  const place = (index: number) => Object.fromEntries([...entries.slice(0, index), [key, field], ...entries.slice(index)]);
  if (at < 0) return place(entries.length);
  for (let i = at - 1; i >= 0; i--) {
    const neighbour = keyOfId.get(orderWhenRemoved[i]);
    if (neighbour !== undefined) return place(entries.findIndex(([k]) => k === neighbour) + 1);
  }
  for (let i = at + 1; i < orderWhenRemoved.length; i++) {
    const neighbour = keyOfId.get(orderWhenRemoved[i]);
    if (neighbour !== undefined) return place(entries.findIndex(([k]) => k === neighbour));
  }
  return place(entries.length);
}
