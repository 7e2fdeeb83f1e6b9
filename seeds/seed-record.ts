/**
 * The format of seed data: an ordered list of records the loader creates one by one through the
 * records service, resolving `{ $ref: "<table>/<ref>" }` to the id of a record created earlier.
 */
import type { WorkspaceTableKey } from "./generated/workspace-types";
import { type USERS_TABLE } from "@runtime/schema/types";
import type { RecordRef, SeedRecord as EngineSeedRecord } from "@runtime/seed/seed";

// The engine reads references the same way when it loads the records.
export { isRecordRef, type RecordRef } from "@runtime/seed/seed";

export type SeedTable = WorkspaceTableKey | typeof USERS_TABLE;

/** A record of the default configuration: the engine's seed record, its table one of the schema's. */
export interface SeedRecord extends EngineSeedRecord {
  table: SeedTable;
}

/** Where seed data may hold a reference instead of an id: any numeric field (relations are integers). */
type Seedable<V> = V extends number ? V | RecordRef : V;

/** Values of a table as seeds and tests write them: every field optional, ids may be `$ref`s. */
export type SeedValues<T> = { [K in keyof T]?: Seedable<T[K]> };

export function recordRef(table: SeedTable, ref: string): RecordRef {
  return { $ref: `${table}/${ref}` };
}

/** `clients/acme` → `{ table: "clients", ref: "acme" }`; null when it has no table part. */
export function parseRecordRef(target: string): { table: string; ref: string } | null {
  const slash = target.indexOf("/");
  if (slash <= 0 || slash === target.length - 1) return null;
  return { table: target.slice(0, slash), ref: target.slice(slash + 1) };
}
