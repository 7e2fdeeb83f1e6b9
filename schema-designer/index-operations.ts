import type { WorkspaceSchema } from "@runtime/schema/types";
import { assertStillValid, cloneSchema, freshId, getField, getTable } from "./shared";

/** Same columns in the same order: a second such index would only slow writes down. */
function sameColumns(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

/**
 * Adds a composite index over `fields` (in that order) to `x-indexes`, e.g. the one the index
 * advisor proposes for a slow saved view. An index over the same columns already there is kept
 * and nothing changes, so ticking an advice twice is harmless.
 */
export function addIndex(
  schema: WorkspaceSchema,
  tableKey: string,
  fields: string[],
  opts: { unique?: boolean; reservedIds?: Iterable<string> } = {},
): WorkspaceSchema {
  const table = getTable(schema, tableKey);
  if (!Array.isArray(fields) || fields.length === 0) throw new Error(`an index on table "${tableKey}" needs at least one field`);
  for (const f of fields) getField(schema, tableKey, f);
  if (new Set(fields).size !== fields.length)
    throw new Error(`an index on table "${tableKey}" lists a field twice (${fields.join(", ")}); list each once`);
  if ((table["x-indexes"] ?? []).some((ix) => sameColumns(ix.fields, fields) && Boolean(ix.unique) === Boolean(opts.unique)))
    return cloneSchema(schema);
  const next = cloneSchema(schema);
  const id = freshId(schema, "i", `${tableKey}_${fields.join("_")}`, opts.reservedIds);
  next.$defs[tableKey]["x-indexes"] = [
    ...(table["x-indexes"] ?? []),
    { "x-id": id, fields: [...fields], ...(opts.unique ? { unique: true } : {}) },
  ];
  return assertStillValid(schema, next, `adding an index on ${tableKey} (${fields.join(", ")})`);
}

/** Drops the composite index with this `x-id`; the data is untouched, only lookups get slower. */
export function removeIndex(schema: WorkspaceSchema, tableKey: string, indexId: string): WorkspaceSchema {
  const table = getTable(schema, tableKey);
  const indexes = table["x-indexes"] ?? [];
  if (!indexes.some((ix) => ix["x-id"] === indexId))
    throw new Error(`table "${tableKey}" has no index "${indexId}" (indexes: ${indexes.map((ix) => ix["x-id"]).join(", ") || "none"})`);
  const next = cloneSchema(schema);
  const rest = indexes.filter((ix) => ix["x-id"] !== indexId);
  if (rest.length > 0) next.$defs[tableKey]["x-indexes"] = structuredClone(rest);
  else delete next.$defs[tableKey]["x-indexes"];
  return assertStillValid(schema, next, `removing index "${indexId}" from ${tableKey}`);
}
