import { KEY_PATTERN } from "@runtime/fields/common";
import { reservedKeyKind, SYSTEM_PREFIX } from "@runtime/schema/reserved-words";
import { WordedError, type Phrase } from "@runtime/i18n/words";
import { schemaPhrase } from "@runtime/schema/problem-words";
import type { FieldSchema, SchemaProblem, TableSchema, WorkspaceSchema } from "@runtime/schema/types";
import { USERS_TABLE } from "@runtime/schema/types";
import { describeProblems, validateWorkspaceSchema } from "@runtime/schema/validate-workspace";
import { formulaSource, relationTarget } from "@runtime/fields/structure";
import { english } from "./words";

const keyRegExp = new RegExp(KEY_PATTERN);
const MAX_ID_LENGTH = 63;

export function cloneSchema(schema: WorkspaceSchema): WorkspaceSchema {
  return structuredClone(schema);
}

export function getTable(schema: WorkspaceSchema, tableKey: string): TableSchema {
  const table = Object.hasOwn(schema.$defs, tableKey) ? schema.$defs[tableKey] : undefined;
  if (!table) throw new Error(`table "${tableKey}" does not exist; use one of: ${Object.keys(schema.$defs).join(", ")}`);
  return table;
}

export function getField(schema: WorkspaceSchema, tableKey: string, fieldKey: string): FieldSchema {
  const table = getTable(schema, tableKey);
  const field = Object.hasOwn(table.properties, fieldKey) ? table.properties[fieldKey] : undefined;
  if (!field) {
    const known = Object.keys(table.properties).join(", ") || "none yet";
    throw new Error(`field "${fieldKey}" does not exist in table "${tableKey}" (fields: ${known})`);
  }
  return field;
}

/** An operation's refusal in the catalog's words (`schemaDesigner.errors.<key>`), thrown in English. */
export const refusal = (key: string, values: Record<string, unknown> = {}) =>
  new WordedError({ key: `schemaDesigner.errors.${key}`, values }, english);

/** A key the schema would accept, checked here so the message names the argument, not a JSON path. */
export function assertKey(key: string, what: "table" | "field"): void {
  if (typeof key !== "string" || !keyRegExp.test(key)) throw refusal(`badKey_${what}`, { key: String(key) });
  const reserved = reservedKeyKind(key);
  if (reserved) throw refusal(`${reserved}_${what}`, { key, prefix: SYSTEM_PREFIX });
}

export function assertFreeTableKey(schema: WorkspaceSchema, key: string): void {
  assertKey(key, "table");
  if (key === USERS_TABLE) throw refusal("usersTable", { key });
  const clash = Object.keys(schema.$defs).find((k) => k.toLowerCase() === key.toLowerCase());
  if (clash !== undefined) throw refusal("tableExists", { clash });
}

export function assertFreeFieldKey(table: TableSchema, tableKey: string, key: string): void {
  assertKey(key, "field");
  const clash = Object.keys(table.properties).find((k) => k.toLowerCase() === key.toLowerCase());
  if (clash !== undefined) throw refusal("fieldExists", { table: tableKey, clash });
}

/** Every x-id in use: tables, fields and indexes share one namespace. */
export function usedIds(schema: WorkspaceSchema): Set<string> {
  const ids = new Set<string>();
  for (const table of Object.values(schema.$defs)) {
    ids.add(table["x-id"]);
    for (const field of Object.values(table.properties)) ids.add(field["x-id"]);
    for (const ix of table["x-indexes"] ?? []) ids.add(ix["x-id"]);
  }
  return ids;
}

/**
 * `<prefix>_<base>`, or with `_2`, `_3`… when taken. `reserved` holds ids that must never come back
 * (a removed table's or field's id, still in the trash), which the schema alone cannot know.
 */
export function freshId(schema: WorkspaceSchema, prefix: string, base: string, reserved: Iterable<string> = []): string {
  const taken = usedIds(schema);
  for (const id of reserved) taken.add(id);
  const stem = `${prefix}_${base}`.slice(0, MAX_ID_LENGTH);
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = stem.slice(0, MAX_ID_LENGTH - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Rebuilds a record with one key renamed, keeping the order of the others (tables, properties). */
export function renameKeyInOrder<T>(record: Record<string, T>, oldKey: string, newKey: string): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(record)) out[k === oldKey ? newKey : k] = v;
  return out;
}

/**
 * An edit the validator refused: the English message names the edit and lists each problem by path
 * (the CLI reads it); a form says the problems' phrases instead (`sayError`), in its reader's words.
 */
export class InvalidEditError extends Error {
  readonly phrase: Phrase;
  constructor(message: string, problems: readonly SchemaProblem[]) {
    super(message);
    this.phrase = schemaPhrase("editInvalid", {
      problems: problems.map((p) => p.words ?? schemaPhrase("asWritten", { text: p.message })),
    });
  }
}

/**
 * The last gate of every operation: the result must pass `validateWorkspaceSchema`. Only problems
 * the operation introduced are reported, so an already-broken draft does not block unrelated edits.
 */
export function assertStillValid(before: WorkspaceSchema, after: WorkspaceSchema, what: string): WorkspaceSchema {
  const result = validateWorkspaceSchema(after);
  if (result.ok) return after;
  const previous = validateWorkspaceSchema(before);
  const known = new Set(previous.ok ? [] : previous.problems.map((p) => `${p.path}\u0000${p.message}`));
  const fresh = result.problems.filter((p) => !known.has(`${p.path}\u0000${p.message}`));
  if (fresh.length === 0) return after;
  throw new InvalidEditError(`${what} would make the schema invalid:\n${describeProblems(fresh)}`, fresh);
}

/** Relation fields of any table that point at `tableKey`, as `table.field`. */
export function relationsTo(schema: WorkspaceSchema, tableKey: string): { table: string; field: string; def: FieldSchema }[] {
  const out: { table: string; field: string; def: FieldSchema }[] = [];
  for (const [tkey, table] of Object.entries(schema.$defs))
    for (const [fkey, def] of Object.entries(table.properties))
      if (relationTarget(def) === tableKey) out.push({ table: tkey, field: fkey, def });
  return out;
}

/** Formula fields of a table, as `[key, source]`. */
export function formulasOf(table: TableSchema): [string, string][] {
  return Object.entries(table.properties).flatMap(([key, def]) => {
    const source = formulaSource(def);
    return source !== undefined ? [[key, source] as [string, string]] : [];
  });
}
