import type { WorkspaceSchema } from "@runtime/schema/types";

/** A copy of `schema` whose field `from` of `table` is keyed `to` (same x-id: a rename, as the designer makes it). */
export function withFieldRenamed(schema: WorkspaceSchema, table: string, from: string, to: string): WorkspaceSchema {
  const next = structuredClone(schema);
  const props = next.$defs[table].properties;
  next.$defs[table].properties = Object.fromEntries(Object.entries(props).map(([k, f]) => [k === from ? to : k, f]));
  return next;
}
