import { tablesName } from "../i18n/schema-names";
import { fieldKinds, filterOperatorsFor, valueKindOf } from "../fields/registry";
import type { FilterOperator } from "../fields/types";
import { FILTER_OPERATORS } from "../fields/types";
import { badQuery } from "./query-words";
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
  if (typeof key !== "string") throw badQuery("filter.fieldKey");
  // An own-property check: "constructor" or "__proto__" must not find Object.prototype's members.
  const f = table.fieldsByKey.get(key) ?? (Object.hasOwn(SYSTEM_FIELDS, key) ? SYSTEM_FIELDS[key] : undefined);
  if (!f) throw badQuery("filter.noField", { field: key.slice(0, 80), table: tablesName(table) }, { field: key.slice(0, 80) });
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
  if (typeof value === "object") throw badQuery("filter.notSingle", { field: field.key, kind: field.kind });
  const kind = "system" in field ? fieldKinds[field.kind] : valueKindOf(field.def);
  const def = "system" in field ? { type: kind.jsonType, "x-id": field.key, "x-kind": field.kind } : field.def;
  const text = typeof value === "string" ? value : String(value);
  if (text.length > 1000) throw badQuery("filter.tooLong", { field: field.key });
  // Text-like kinds: contains/startsWith take fragments that need not be valid values.
  if (kind.searchable) return text;
  // Each kind reads one condition value its own way: a multiselect one option, a relation an id.
  const parsed = kind.parseFilterText(text, def);
  if (!parsed.ok) throw badQuery("filter.badValue", { field: field.key, problem: parsed.words ?? parsed.error });
  return parsed.value;
}

export function parseFilter(table: CompiledTable, raw: unknown): FilterNode | null {
  if (raw === undefined || raw === null) return null;
  let leaves = 0;
  const walk = (node: unknown, depth: number): FilterNode => {
    if (depth > MAX_DEPTH) throw badQuery("filter.tooDeep", { max: MAX_DEPTH });
    if (!isPlainObject(node)) throw badQuery("filter.notObject");
    if ("and" in node || "or" in node) {
      const key = "and" in node ? "and" : "or";
      const list = node[key];
      if (!Array.isArray(list) || Object.keys(node).length !== 1) throw badQuery("filter.onlyList", { key });
      return { [key]: list.map((n) => walk(n, depth + 1)) } as FilterNode;
    }
    if ("not" in node) {
      if (Object.keys(node).length !== 1) throw badQuery("filter.onlyNot");
      return { not: walk(node.not, depth + 1) };
    }
    if (++leaves > MAX_LEAVES) throw badQuery("filter.tooMany", { max: MAX_LEAVES });
    const extra = Object.keys(node).filter((k) => k !== "field" && k !== "op" && k !== "value");
    if (extra.length) throw badQuery("filter.unknownKey", { key: extra[0].slice(0, 40) });
    const field = lookupField(table, node.field);
    const op = node.op;
    if (typeof op !== "string" || !(FILTER_OPERATORS as readonly string[]).includes(op))
      throw badQuery("filter.unknownOp", { op: String(op).slice(0, 40), ops: FILTER_OPERATORS.join(", ") });
    const allowed = operatorsOf(field);
    if (!allowed.includes(op as FilterOperator)) throw badQuery("filter.opNotFor", { op, field: field.key, ops: allowed.join(", ") });
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
      if (!Array.isArray(value) || value.length !== 2) throw badQuery("filter.between", { field: field.key });
      return value.map((v) => nonNull(field, convertFilterValue(field, v)));
    }
    case "in":
    case "notIn":
    case "anyOf":
    case "allOf": {
      if (!Array.isArray(value) || value.length === 0) throw badQuery("filter.emptyList", { op, field: field.key });
      if (value.length > MAX_LIST) throw badQuery("filter.longList", { op, max: MAX_LIST });
      return value.map((v) => nonNull(field, convertFilterValue(field, v)));
    }
    default:
      if (Array.isArray(value)) throw badQuery("filter.oneValue", { op, field: field.key });
      if (value === undefined) throw badQuery("filter.noValue", { op, field: field.key });
      return [nonNull(field, convertFilterValue(field, value))];
  }
}

function nonNull(field: CompiledField | SystemField, v: unknown): unknown {
  if (v === null) throw badQuery("filter.null", { field: field.key });
  return v;
}
