import type { FilterNode } from "./filter";

const isEmpty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

function compare(a: unknown, b: unknown): number | null {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return null;
}

const same = (a: unknown, b: unknown) => (typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : a === b);

/**
 * Does a record meet a parsed filter (runtime/records/filter.ts), in memory: the same language
 * lists use in SQL, here deciding whether a template is offered for one record.
 */
export function recordMatches(node: FilterNode, record: Record<string, unknown>): boolean {
  if ("and" in node) return node.and.every((n) => recordMatches(n, record));
  if ("or" in node) return node.or.some((n) => recordMatches(n, record));
  if ("not" in node) return !recordMatches(node.not, record);
  const v = record[node.column];
  const [x, y] = node.values;
  switch (node.op) {
    case "isEmpty":
      return isEmpty(v);
    case "notEmpty":
      return !isEmpty(v);
    case "eq":
      return same(v, x);
    case "neq":
      return !same(v, x);
    case "lt":
      return (compare(v, x) ?? 0) < 0 && compare(v, x) !== null;
    case "lte":
      return compare(v, x) !== null && compare(v, x)! <= 0;
    case "gt":
      return compare(v, x) !== null && compare(v, x)! > 0;
    case "gte":
      return compare(v, x) !== null && compare(v, x)! >= 0;
    case "between":
      return compare(v, x) !== null && compare(v, x)! >= 0 && compare(v, y)! <= 0;
    case "contains":
      return typeof v === "string" && typeof x === "string" && v.toLowerCase().includes(x.toLowerCase());
    case "startsWith":
      return typeof v === "string" && typeof x === "string" && v.toLowerCase().startsWith(x.toLowerCase());
    case "in":
      return node.values.some((w) => same(v, w));
    case "notIn":
      return !node.values.some((w) => same(v, w));
    case "anyOf":
      return Array.isArray(v) && node.values.some((w) => v.includes(w));
    case "allOf":
      return Array.isArray(v) && node.values.every((w) => v.includes(w));
  }
}
