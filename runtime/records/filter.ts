import { fieldKinds, filterOperatorsFor, valueKindOf } from "../fields/registry";
import type { FilterOperator } from "../fields/types";
import { FILTER_OPERATORS } from "../fields/types";
import { badRequest } from "../errors";
import type { CompiledField, CompiledTable } from "../schema/compile";

/**
 * Filters arrive as JSON: `{ field, op, value }` leaves combined with `{ and: [...] }`,
 * `{ or: [...] }` and `{ not: … }`. They are checked here against the compiled schema: a field key
 * becomes a known column only through the table's own field list, an operator must be one the
 * field kind offers, and every value is converted to the field's type. The result is safe to
 * hand to knex.
 */
export type FilterNode =
  | { and: FilterNode[] }
  | { or: FilterNode[] }
  | { not: FilterNode }
  | { column: string; field: CompiledField | SystemField; op: FilterOperator; values: unknown[] };

export interface SystemField {
  key: string;
  kind: "integer" | "datetime";
  system: true;
}

export const SYSTEM_FIELDS: Record<string, SystemField> = {
  id: { key: "id", kind: "integer", system: true },
  version: { key: "version", kind: "integer", system: true },
  created_at: { key: "created_at", kind: "datetime", system: true },
  updated_at: { key: "updated_at", kind: "datetime", system: true },
};

const MAX_DEPTH = 6;
const MAX_LEAVES = 60;
const MAX_LIST = 500;

export function lookupField(table: CompiledTable, key: unknown): CompiledField | SystemField {
  if (typeof key !== "string") throw badRequest(`a filter's "field" must be a field key, e.g. "name"`);
  // An own-property check: "constructor" or "__proto__" must not find Object.prototype's members.
  const f = table.fieldsByKey.get(key) ?? (Object.hasOwn(SYSTEM_FIELDS, key) ? SYSTEM_FIELDS[key] : undefined);
  if (!f) throw badRequest(`"${key.slice(0, 80)}" is not a field of ${table.pluralLabel}`, { field: key.slice(0, 80) });
  return f;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function operatorsOf(field: CompiledField | SystemField): readonly FilterOperator[] {
  if ("system" in field) return fieldKinds[field.kind].filterOperators;
  return filterOperatorsFor(field.def);
}

/** Converts one filter value to the field's JSON type; text is parsed like an import cell. */
export function convertFilterValue(field: CompiledField | SystemField, value: unknown): unknown {
  if (value === null) return null;
  if (typeof value === "object")
    throw badRequest(`the value for "${field.key}" must be a single ${field.kind} value, not an object or a list`);
  const kind = "system" in field ? fieldKinds[field.kind] : valueKindOf(field.def);
  const def = "system" in field ? { type: kind.jsonType, "x-id": field.key, "x-kind": field.kind } : field.def;
  const text = typeof value === "string" ? value : String(value);
  if (text.length > 1000) throw badRequest(`the value for "${field.key}" is too long (at most 1000 characters)`);
  // Text-like kinds: contains/startsWith take fragments that need not be valid values.
  if (kind.searchable) return text;
  // Each kind reads one condition value its own way: a multiselect one option, a relation an id.
  const parsed = kind.parseFilterText(text, def);
  if (!parsed.ok) throw badRequest(`filter on "${field.key}": ${parsed.error}`);
  return parsed.value;
}

export function parseFilter(table: CompiledTable, raw: unknown): FilterNode | null {
  if (raw === undefined || raw === null) return null;
  let leaves = 0;
  const walk = (node: unknown, depth: number): FilterNode => {
    if (depth > MAX_DEPTH) throw badRequest(`the filter is nested too deeply (at most ${MAX_DEPTH} levels)`);
    if (!isPlainObject(node)) throw badRequest(`a filter must be an object like {"field":"name","op":"contains","value":"acme"}`);
    if ("and" in node || "or" in node) {
      const key = "and" in node ? "and" : "or";
      const list = node[key];
      if (!Array.isArray(list) || Object.keys(node).length !== 1)
        throw badRequest(`"${key}" must be the only key and hold a list of filters`);
      return { [key]: list.map((n) => walk(n, depth + 1)) } as FilterNode;
    }
    if ("not" in node) {
      if (Object.keys(node).length !== 1) throw badRequest(`"not" must be the only key and hold one filter`);
      return { not: walk(node.not, depth + 1) };
    }
    if (++leaves > MAX_LEAVES) throw badRequest(`the filter has too many conditions (at most ${MAX_LEAVES})`);
    const extra = Object.keys(node).filter((k) => k !== "field" && k !== "op" && k !== "value");
    if (extra.length) throw badRequest(`unknown key "${extra[0].slice(0, 40)}" in a filter: use field, op and value`);
    const field = lookupField(table, node.field);
    const op = node.op;
    if (typeof op !== "string" || !(FILTER_OPERATORS as readonly string[]).includes(op))
      throw badRequest(`unknown filter operator "${String(op).slice(0, 40)}": use one of ${FILTER_OPERATORS.join(", ")}`);
    const allowed = operatorsOf(field);
    if (!allowed.includes(op as FilterOperator))
      throw badRequest(`"${op}" cannot be used on "${field.key}": use one of ${allowed.join(", ")}`);
    const values = filterValues(field, op as FilterOperator, node.value);
    return { column: field.key, field, op: op as FilterOperator, values };
  };
  return walk(raw, 0);
}

function filterValues(field: CompiledField | SystemField, op: FilterOperator, value: unknown): unknown[] {
  switch (op) {
    case "isEmpty":
    case "notEmpty":
      return [];
    case "between": {
      if (!Array.isArray(value) || value.length !== 2)
        throw badRequest(`"between" on "${field.key}" needs a list of two values, [from, to]`);
      return value.map((v) => nonNull(field, convertFilterValue(field, v)));
    }
    case "in":
    case "notIn":
    case "anyOf":
    case "allOf": {
      if (!Array.isArray(value) || value.length === 0) throw badRequest(`"${op}" on "${field.key}" needs a non-empty list of values`);
      if (value.length > MAX_LIST) throw badRequest(`"${op}" takes at most ${MAX_LIST} values`);
      return value.map((v) => nonNull(field, convertFilterValue(field, v)));
    }
    default:
      if (Array.isArray(value)) throw badRequest(`"${op}" on "${field.key}" takes one value, not a list`);
      if (value === undefined) throw badRequest(`"${op}" on "${field.key}" needs a "value"`);
      return [nonNull(field, convertFilterValue(field, value))];
  }
}

function nonNull(field: CompiledField | SystemField, v: unknown): unknown {
  if (v === null) throw badRequest(`a filter value for "${field.key}" cannot be null: use the operators isEmpty or notEmpty`);
  return v;
}
