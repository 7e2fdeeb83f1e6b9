import { tablesName } from "../i18n/schema-names";
import type { Knex } from "knex";
import { fieldKinds, valueKindOf } from "../fields/registry";
import type { ColumnSpec } from "../fields/types";
import { badQuery } from "./query-words";
import type { CompiledField, CompiledTable } from "../schema/compile";
import { lookupField, type FilterNode, type SystemField } from "./filter";

const COMPARISONS = { lt: "<", lte: "<=", gt: ">", gte: ">=" } as const;

/** Applies a checked filter tree. Columns come from the compiled schema, values are bound. */
export function applyFilter(qb: Knex.QueryBuilder, node: FilterNode, table: string): void {
  if ("and" in node) {
    qb.where((w) => node.and.forEach((n) => w.andWhere((x) => applyFilter(x, n, table))));
    return;
  }
  if ("or" in node) {
    qb.where((w) => node.or.forEach((n) => w.orWhere((x) => applyFilter(x, n, table))));
    return;
  }
  if ("not" in node) {
    applyFilter(qb, negate(node.not), table);
    return;
  }
  if ("negatedLeaf" in node) {
    const leaf = (node as unknown as { negatedLeaf: Extract<FilterNode, { op: string }> }).negatedLeaf;
    const column = `${table}.${leaf.column}`;
    qb.where((w) => w.whereNot((x) => applyFilter(x, leaf, table)).orWhereNull(column));
    return;
  }
  const col = `${table}.${node.column}`;
  const field = node.field;
  const db = (v: unknown) => ("system" in field ? SYSTEM_TO_DB[field.kind](v) : fieldKinds[field.kind].toDb(v, field.def));
  const [a, b] = node.values;
  switch (node.op) {
    case "eq":
      qb.where(col, db(a) as Knex.Value);
      return;
    case "neq":
      qb.where((w) => w.whereNot(col, db(a) as Knex.Value).orWhereNull(col));
      return;
    case "lt":
    case "lte":
    case "gt":
    case "gte":
      qb.where(col, COMPARISONS[node.op], db(a) as Knex.Value);
      return;
    case "between":
      qb.whereBetween(col, [db(a) as Knex.Value, db(b) as Knex.Value]);
      return;
    case "contains":
      qb.whereRaw("?? like ? escape ?", [col, `%${escapeLike(String(a))}%`, LIKE_ESCAPE]);
      return;
    case "startsWith":
      qb.whereRaw("?? like ? escape ?", [col, `${escapeLike(String(a))}%`, LIKE_ESCAPE]);
      return;
    case "in":
      qb.whereIn(col, node.values.map(db) as Knex.Value[]);
      return;
    case "notIn":
      qb.where((w) => w.whereNotIn(col, node.values.map(db) as Knex.Value[]).orWhereNull(col));
      return;
    case "anyOf":
      // multiselect values are stored as a JSON array of strings: match the quoted option.
      qb.where((w) =>
        node.values.forEach((v) => w.orWhereRaw("?? like ? escape ?", [col, `%${escapeLike(JSON.stringify(v))}%`, LIKE_ESCAPE])),
      );
      return;
    case "allOf":
      node.values.forEach((v) => qb.whereRaw("?? like ? escape ?", [col, `%${escapeLike(JSON.stringify(v))}%`, LIKE_ESCAPE]));
      return;
    case "isEmpty":
      qb.where((w) => {
        w.whereNull(col);
        for (const empty of storedEmpty(field)) w.orWhere(col, "=", empty);
      });
      return;
    case "notEmpty":
      qb.whereNotNull(col);
      for (const empty of storedEmpty(field)) qb.whereNot(col, "=", empty);
      return;
  }
}

/**
 * SQL's NOT drops rows where the condition is NULL, so `not (city = 'Dublin')` would lose clients
 * without a city, while `neq` keeps them. Negation is pushed down to the leaves (De Morgan), and a
 * negated leaf keeps the rows whose column is empty, exactly as its positive twin leaves them out.
 */
function negate(node: FilterNode): FilterNode {
  if ("and" in node) return { or: node.and.map(negate) };
  if ("or" in node) return { and: node.or.map(negate) };
  if ("not" in node) return node.not;
  const flipped: Partial<Record<FilterNode extends infer N ? (N extends { op: infer O } ? O & string : never) : never, string>> = {
    eq: "neq",
    neq: "eq",
    in: "notIn",
    notIn: "in",
    isEmpty: "notEmpty",
    notEmpty: "isEmpty",
  };
  const twin = flipped[node.op];
  if (twin && !(node.op === "neq" || node.op === "notIn")) return { ...node, op: twin as typeof node.op };
  return { negatedLeaf: node } as unknown as FilterNode;
}

/** Columns that hold text, where "" is stored for an emptied value. */
const TEXT_COLUMNS: ReadonlySet<ColumnSpec["type"]> = new Set(["string", "text", "json"]);

/** Stored values besides NULL that mean "no value": "" in a text column, and what the kind adds (a multiselect's `[]`). */
function storedEmpty(field: CompiledField | SystemField): string[] {
  if ("system" in field) return [];
  return [...(TEXT_COLUMNS.has(field.column.type) ? [""] : []), ...fieldKinds[field.kind].storedEmpty];
}

/** System columns as stored: timestamps are written "YYYY-MM-DD HH:MM:SS.sss", without the ISO T and Z. */
const SYSTEM_TO_DB: Record<SystemField["kind"], (value: unknown) => unknown> = {
  integer: (value) => value,
  datetime: (value) => (typeof value === "string" ? value.replace("T", " ").replace("Z", "") : value),
};

/**
 * Bound, not written into the SQL: MySQL reads a backslash inside a string literal as an escape,
 * so a literal `'\'` would never close there.
 */
export const LIKE_ESCAPE = "\\";

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface SortKey {
  column: string;
  desc: boolean;
}

/** `name`, `-date` or `status,-date` → checked sort keys; `id` is always the final tiebreaker. */
export function parseSort(table: CompiledTable, raw: unknown): SortKey[] {
  if (raw === undefined || raw === null || raw === "") return [{ column: "id", desc: true }];
  if (typeof raw !== "string") throw badQuery("query.sortKey");
  const keys: SortKey[] = [];
  for (const part of raw.split(",").slice(0, 4)) {
    const desc = part.startsWith("-");
    const key = desc ? part.slice(1) : part;
    const field = lookupField(table, key);
    if (!("system" in field)) {
      const kind = valueKindOf(field.def);
      if (!kind.sortable) throw badQuery("query.notSortable", { table: tablesName(table), field: key, kind: field.kind });
    }
    keys.push({ column: key, desc });
  }
  if (!keys.some((k) => k.column === "id")) keys.push({ column: "id", desc: keys[keys.length - 1].desc });
  return keys;
}

/**
 * A keyset cursor: the sort values of the last row of a page, and the total counted on the first
 * page, so deeper pages need no count (a count cannot change what a keyset page shows). Opaque to
 * clients.
 */
export interface Cursor {
  after: unknown[];
  total: number;
  totalExact: boolean;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ a: cursor.after, t: cursor.total, x: cursor.totalExact })).toString("base64url");
}

export function decodeCursor(cursor: string, expected: number): Cursor {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { a?: unknown; t?: unknown; x?: unknown };
    const after = v.a;
    if (
      Array.isArray(after) &&
      after.length === expected &&
      after.every((x) => x === null || typeof x === "string" || typeof x === "number") &&
      typeof v.t === "number" &&
      Number.isSafeInteger(v.t) &&
      v.t >= 0 &&
      typeof v.x === "boolean"
    )
      return { after, total: v.t, totalExact: v.x };
  } catch {
    // fall through
  }
  throw badQuery("query.cursor");
}

/**
 * Rows after the cursor row in (k1, …, id) order, as a chain of ORs that an index on the sort
 * columns can serve. NULLs sort first ascending on both MySQL and SQLite.
 */
export function applyKeyset(qb: Knex.QueryBuilder, table: string, keys: SortKey[], after: unknown[]): void {
  qb.where((outer) => {
    for (let i = 0; i < keys.length; i++) {
      outer.orWhere((w) => {
        for (let j = 0; j < i; j++) {
          const col = `${table}.${keys[j].column}`;
          if (after[j] === null) w.whereNull(col);
          else w.where(col, after[j] as Knex.Value);
        }
        const col = `${table}.${keys[i].column}`;
        const v = after[i];
        const greater = !keys[i].desc;
        if (v === null) {
          if (greater) w.whereNotNull(col);
          else w.whereRaw("1 = 0");
        } else if (greater) {
          w.where(col, ">", v as Knex.Value);
        } else {
          w.where((x) => x.where(col, "<", v as Knex.Value).orWhereNull(col));
        }
      });
    }
  });
}
