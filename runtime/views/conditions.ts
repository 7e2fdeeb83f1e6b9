import { FILTER_OPERATORS, type FilterOperator } from "../fields/types";
import type { Phrase } from "../i18n/words";
import { viewNoticePhrased } from "./view-words";

/** One row of the filter builder: `{ field, op, value }` as the records service reads it. */
export interface Condition {
  field: string;
  op: FilterOperator;
  /** Absent for isEmpty/notEmpty; a pair for between; a list for in/notIn/anyOf/allOf. */
  value?: unknown;
}

export type ConditionMode = "and" | "or";

export const MAX_CONDITIONS = 20;

/** Operators that take no value. */
export function isPresenceOperator(op: FilterOperator): boolean {
  return op === "isEmpty" || op === "notEmpty";
}

export function isListOperator(op: FilterOperator): boolean {
  return op === "in" || op === "notIn" || op === "anyOf" || op === "allOf";
}

type Scalar = string | number | boolean;
/** Why the address's filter was left out: English and its phrase. */
const notReadable = (key: string, values: Record<string, unknown> = {}) => {
  const { message, words } = viewNoticePhrased(key, values);
  return { error: message, words };
};

const SCALAR_TYPES: ReadonlySet<string> = new Set(["string", "number", "boolean"]);
const isScalar = (v: unknown): v is Scalar => SCALAR_TYPES.has(typeof v);

/** A value of the right shape for its operator, or null. */
function checkedValue(op: FilterOperator, value: unknown): { value?: unknown } | null {
  if (isPresenceOperator(op)) return {};
  if (op === "between") return Array.isArray(value) && value.length === 2 && value.every(isScalar) ? { value } : null;
  if (isListOperator(op)) return Array.isArray(value) && value.length > 0 && value.every(isScalar) ? { value } : null;
  return isScalar(value) ? { value } : null;
}

/** URL form: `[["status","in",["issued"]],["due_date","lt","2024-05-01"],["notes","isEmpty"]]`. */
export function encodeConditions(conditions: Condition[]): string {
  return JSON.stringify(conditions.map((c) => (c.value === undefined ? [c.field, c.op] : [c.field, c.op, c.value])));
}

/** The conditions of a URL's `f`, or the reason it cannot be read. Shapes only; fields are checked per table. */
export function decodeConditions(text: string): { ok: true; conditions: Condition[] } | { ok: false; error: string; words: Phrase } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, ...notReadable("filterUnreadable") };
  }
  if (!Array.isArray(raw)) return { ok: false, ...notReadable("filterNotList") };
  if (raw.length > MAX_CONDITIONS) return { ok: false, ...notReadable("filterTooMany", { max: MAX_CONDITIONS }) };
  const conditions: Condition[] = [];
  for (const item of raw) {
    if (!Array.isArray(item) || typeof item[0] !== "string" || typeof item[1] !== "string") {
      return { ok: false, ...notReadable("conditionShape") };
    }
    const op = item[1] as FilterOperator;
    if (!(FILTER_OPERATORS as readonly string[]).includes(op))
      return { ok: false, ...notReadable("conditionOp", { op: item[1].slice(0, 30) }) };
    const value = checkedValue(op, item[2]);
    if (!value) return { ok: false, ...notReadable("conditionValue", { field: item[0].slice(0, 40) }) };
    conditions.push({ field: item[0], op, ...value });
  }
  return { ok: true, conditions };
}

/** The records service's filter JSON; undefined when there is nothing to filter. */
export function toFilter(conditions: Condition[], mode: ConditionMode): Record<string, unknown> | undefined {
  if (conditions.length === 0) return undefined;
  const leaves = conditions.map((c) =>
    c.value === undefined ? { field: c.field, op: c.op } : { field: c.field, op: c.op, value: c.value },
  );
  return { [mode]: leaves };
}

/**
 * The conditions of a stored filter: a single leaf or one flat `and`/`or` group of leaves, which
 * is all the builder writes. Anything deeper is reported as unreadable.
 */
export function fromFilter(filter: unknown): { conditions: Condition[]; mode: ConditionMode } | null {
  if (filter === undefined || filter === null) return { conditions: [], mode: "and" };
  if (typeof filter !== "object" || Array.isArray(filter)) return null;
  const node = filter as Record<string, unknown>;
  const mode: ConditionMode = "or" in node ? "or" : "and";
  const list = "and" in node || "or" in node ? node[mode] : [node];
  if (!Array.isArray(list)) return null;
  const tuples = list.map((leaf) => {
    const l = (leaf ?? {}) as Record<string, unknown>;
    return "value" in l ? [l.field, l.op, l.value] : [l.field, l.op];
  });
  const decoded = decodeConditions(JSON.stringify(tuples));
  return decoded.ok ? { conditions: decoded.conditions, mode } : null;
}
