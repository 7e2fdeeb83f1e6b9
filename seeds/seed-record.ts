/**
 * The format of seed data: an ordered list of records the loader creates one by one through the
 * records service, resolving `{ $ref: "<table>/<ref>" }` to the id of a record created earlier.
 */
import type { WorkspaceTableKey } from "./generated/workspace-types";
import { type USERS_TABLE } from "@runtime/schema/types";

/** Points at another seed record by `<table>/<ref>`, e.g. `clients/acme` or `crm_users/anna`. */
export interface RecordRef {
  $ref: string;
}

export type SeedTable = WorkspaceTableKey | typeof USERS_TABLE;

export interface SeedRecord {
  table: SeedTable;
  /** Unique within its table; other records point here with `{ $ref: "<table>/<ref>" }`. */
  ref: string;
  /** Field values; composition children are nested under the list's name (`items: [...]`). */
  values: Record<string, unknown>;
}

/** Where seed data may hold a reference instead of an id: any numeric field (relations are integers). */
type Seedable<V> = V extends number ? V | RecordRef : V;

/** Values of a table as seeds and tests write them: every field optional, ids may be `$ref`s. */
export type SeedValues<T> = { [K in keyof T]?: Seedable<T[K]> };

export function recordRef(table: SeedTable, ref: string): RecordRef {
  return { $ref: `${table}/${ref}` };
}

export function isRecordRef(value: unknown): value is RecordRef {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as { $ref?: unknown }).$ref === "string"
  );
}

/** `clients/acme` → `{ table: "clients", ref: "acme" }`; null when it has no table part. */
export function parseRecordRef(target: string): { table: string; ref: string } | null {
  const slash = target.indexOf("/");
  if (slash <= 0 || slash === target.length - 1) return null;
  return { table: target.slice(0, slash), ref: target.slice(slash + 1) };
}
