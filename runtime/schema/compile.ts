import type { ColumnSpec } from "../fields/types";
import { fieldKinds } from "../fields/registry";
import { isAutonumber, isComposition, isRelation, relationList, relationTarget } from "../fields/structure";
import type { FieldKind, FieldSchema, TableSchema, WorkspaceSchema } from "./types";
import { USERS_TABLE } from "./types";

export interface CompiledField {
  key: string;
  id: string;
  kind: FieldKind;
  def: FieldSchema;
  tableKey: string;
  label: string;
  required: boolean;
  column: ColumnSpec;
}

/** A related list: records of `table` whose relation `field` points at the owning table. */
export interface RelatedList {
  name: string;
  table: string;
  field: string;
  composition: boolean;
}

export interface CompiledIndex {
  id: string;
  name: string;
  columns: string[];
  unique: boolean;
}

export interface CompiledTable {
  key: string;
  id: string;
  def: TableSchema;
  label: string;
  pluralLabel: string;
  titleField: string | null;
  fields: CompiledField[];
  fieldsByKey: ReadonlyMap<string, CompiledField>;
  /** Lists of other tables' records that point here, by their `x-inverse` name. */
  lists: RelatedList[];
  /** The parent of a composition child (an invoice line's invoice). */
  parent: { table: string; field: string; list: string } | null;
  indexes: CompiledIndex[];
  /** The full-text index over the fields marked `x-searchable`, or null when none is. */
  search: CompiledSearchIndex | null;
}

/**
 * Its name comes from the table's and fields' ids: renaming keys never rebuilds it, and it is
 * rebuilt exactly when the set of searchable fields changes.
 */
export interface CompiledSearchIndex {
  name: string;
  columns: string[];
}

export interface CompiledSchema {
  version: number;
  schema: WorkspaceSchema;
  tables: CompiledTable[];
  tablesByKey: ReadonlyMap<string, CompiledTable>;
  tablesById: ReadonlyMap<string, CompiledTable>;
}

export function humanize(key: string): string {
  const words = key.replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Index names are derived from ids, not keys, so renaming a table or a field never renames an
 * index; they stay short enough for MySQL's 64-character limit.
 */
export function indexName(tableId: string, fieldIds: string[], unique: boolean): string {
  return `crm_${unique ? "ux" : "ix"}_${shortHash(`${tableId}:${fieldIds.join(",")}`)}`;
}

export function shortHash(text: string): string {
  // FNV-1a, 2×32 bits: stable across processes and versions, unlike anything keyed by memory.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(36).padStart(7, "0") + h2.toString(36).padStart(7, "0");
}

export function fieldColumn(def: FieldSchema): ColumnSpec {
  return fieldKinds[def["x-kind"]].column(def);
}

/** Which fields get an index of their own: asked for, unique, relations (joins), autonumbers. */
function fieldIndexes(table: TableSchema, fields: CompiledField[]): CompiledIndex[] {
  const out: CompiledIndex[] = [];
  for (const f of fields) {
    const unique = f.def["x-unique"] === true || isAutonumber(f);
    const wanted = unique || f.def["x-indexed"] === true || isRelation(f);
    if (!wanted) continue;
    out.push({ id: `${f.id}:${unique ? "u" : "i"}`, name: indexName(table["x-id"], [f.id], unique), columns: [f.key], unique });
  }
  for (const ix of table["x-indexes"] ?? []) {
    const ids = ix.fields.map((k) => table.properties[k]?.["x-id"] ?? k);
    out.push({
      id: ix["x-id"],
      name: indexName(table["x-id"], ids, ix.unique === true),
      columns: [...ix.fields],
      unique: ix.unique === true,
    });
  }
  return out;
}

function searchIndex(table: TableSchema, fields: CompiledField[]): CompiledSearchIndex | null {
  const searchable = fields.filter((f) => f.def["x-searchable"] === true);
  if (searchable.length === 0) return null;
  // Sorted ids: moving a field (a rename puts it last) must not rebuild the index.
  const ids = searchable.map((f) => f.id).sort();
  return { name: `crm_fts_${shortHash(`${table["x-id"]}:${ids.join(",")}`)}`, columns: searchable.map((f) => f.key) };
}

export function compileSchema(schema: WorkspaceSchema, version = schema["x-version"] ?? 0): CompiledSchema {
  const tables: CompiledTable[] = [];
  for (const [key, def] of Object.entries(schema.$defs)) {
    const required = new Set(def.required ?? []);
    const fields: CompiledField[] = Object.entries(def.properties).map(([fkey, fdef]) => ({
      key: fkey,
      id: fdef["x-id"],
      kind: fdef["x-kind"],
      def: fdef,
      tableKey: key,
      label: fdef.title ?? humanize(fkey),
      required: required.has(fkey),
      column: fieldColumn(fdef),
    }));
    tables.push({
      key,
      id: def["x-id"],
      def,
      label: def.title ?? humanize(key),
      pluralLabel: def["x-plural"] ?? def.title ?? humanize(key),
      titleField: def["x-title-field"] ?? null,
      fields,
      fieldsByKey: new Map(fields.map((f) => [f.key, f])),
      lists: [],
      parent: null,
      indexes: fieldIndexes(def, fields),
      search: searchIndex(def, fields),
    });
  }
  const tablesByKey = new Map(tables.map((t) => [t.key, t]));
  for (const t of tables) {
    for (const f of t.fields) {
      const target = relationTarget(f);
      const list = relationList(f);
      if (!target || target === USERS_TABLE || !list) continue;
      const owner = tablesByKey.get(target);
      if (!owner) continue;
      const composition = isComposition(f);
      owner.lists.push({ name: list, table: t.key, field: f.key, composition });
      if (composition) t.parent = { table: target, field: f.key, list };
    }
  }
  return { version, schema, tables, tablesByKey, tablesById: new Map(tables.map((t) => [t.id, t])) };
}

export function requireTable(compiled: CompiledSchema, key: string): CompiledTable {
  const t = compiled.tablesByKey.get(key);
  if (!t) throw new Error(`unknown table "${key}"`);
  return t;
}
