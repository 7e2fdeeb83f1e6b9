import { tableName } from "../i18n/schema-names";
import { fieldKinds } from "../fields/registry";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { fieldPhrases } from "./field-phrases";
import { badQuery } from "./query-words";
import { recordRefusal } from "./record-words";
import { validateValues, type FieldErrors } from "./validation";

/**
 * What a write receives, before anything touches the database: the request body split into the
 * table's own values and its composition lines, defaults for a new record, the checks of every
 * line, and the 422 that names each field needing attention. Pure.
 */

/** Composition lines by list name (`items` of an invoice), each line as its field values. */
export type LinesInput = Record<string, Record<string, unknown>[]>;

/** Keys the engine owns: a body may carry them back as it read them, but they are never taken as input. */
const SYSTEM_KEYS = new Set(["id", "version", "created_at", "updated_at", "created_by", "updated_by", "_expanded"]);

const MAX_LINES = 1000;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const compositions = new WeakMap<CompiledTable, Map<string, CompiledTable["lists"][number]>>();
/** The table's composition lists by name (a compiled table never changes: listed once). */
function compositionLists(table: CompiledTable): Map<string, CompiledTable["lists"][number]> {
  let byName = compositions.get(table);
  if (!byName) {
    byName = new Map();
    // The first of a name, as `find` took it.
    for (const l of table.lists) if (l.composition && !byName.has(l.name)) byName.set(l.name, l);
    compositions.set(table, byName);
  }
  return byName;
}

/** Splits a request body into the table's own values and composition lists, refusing the rest. */
export function splitInput(
  table: CompiledTable,
  input: unknown,
  errors: FieldErrors,
): { values: Record<string, unknown>; lists: LinesInput } {
  if (!isPlainObject(input)) throw badQuery("query.notObject");
  const values: Record<string, unknown> = {};
  const lists: LinesInput = {};
  for (const key of Object.keys(input)) {
    if (SYSTEM_KEYS.has(key)) continue;
    const value = input[key];
    const list = compositionLists(table).get(key);
    if (list) {
      if (!Array.isArray(value) || !value.every(isPlainObject)) errors[key] = `${key} must be a list of records`;
      else if (value.length > MAX_LINES) errors[key] = `${key} can hold at most ${MAX_LINES} lines`;
      else lists[key] = value as Record<string, unknown>[];
      continue;
    }
    const f = table.fieldsByKey.get(key);
    if (!f) {
      errors[key.slice(0, 64)] = `"${key.slice(0, 64)}" is not a field of ${table.pluralLabel}`;
      continue;
    }
    if (fieldKinds[f.kind].readOnly) continue; // computed here, never taken from input
    values[key] = value;
  }
  return { values, lists };
}

/** A field left out of a new record takes the schema's `default`. */
export function applyDefaults(table: CompiledTable, values: Record<string, unknown>): void {
  for (const f of table.fields) if (f.def.default !== undefined && !(f.key in values)) values[f.key] = structuredClone(f.def.default);
}

/** The values without those the engine computes (formulas, autonumbers). */
export function withoutComputed(table: CompiledTable, values: Record<string, unknown>): Record<string, unknown> {
  const out = { ...values };
  for (const f of table.fields) if (fieldKinds[f.kind].readOnly) delete out[f.key];
  return out;
}

/** Checks every composition line; a line's errors are keyed `items.0.price` and start with "Line 1:". */
export function validateLines(compiled: CompiledSchema, table: CompiledTable, lists: LinesInput, errors: FieldErrors): void {
  for (const [name, items] of Object.entries(lists)) {
    const list = table.lists.find((l) => l.name === name)!;
    const child = compiled.tablesByKey.get(list.table)!;
    items.forEach((item, i) => {
      const itemErrors: FieldErrors = {};
      const { values } = splitInput(child, item, itemErrors);
      delete values[list.field];
      Object.assign(itemErrors, validateValues(compiled, child, values, "child", list.field));
      for (const [k, m] of Object.entries(itemErrors)) errors[`${name}.${i}.${k}`] = `Line ${i + 1}: ${m}`;
    });
  }
}

export function throwIfErrors(table: CompiledTable, errors: FieldErrors): void {
  const n = Object.keys(errors).length;
  if (n) {
    const error = recordRefusal(422, "notSaved", { label: tableName(table), count: n }, { fields: errors });
    error.fieldWords = fieldPhrases(errors);
    throw error;
  }
}
