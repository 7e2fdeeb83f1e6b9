import type { FilterOperator } from "../fields/types";
import type { Condition } from "../views/conditions";
import { listSearch } from "../views/list-params";

/**
 * Where a panel's "See all" goes: the table's list showing the same records, its filter (tokens
 * resolved) as the list's conditions, when the list's address can say it — one condition or an
 * "and" of them. A nested filter links to the plain list.
 */
export function listLink(tableKey: string, filter: unknown, options: { sort?: string; columns?: string[] } = {}): string {
  const conditions = flatConditions(filter);
  const search = listSearch({
    page: 1,
    cursors: [],
    ...(conditions?.length ? { conditions } : {}),
    ...(conditions && options.sort ? { sort: options.sort } : {}),
    ...(conditions && options.columns?.length ? { columns: options.columns } : {}),
  });
  return `/t/${encodeURIComponent(tableKey)}${search}`;
}

function flatConditions(filter: unknown): Condition[] | null {
  if (filter === null || filter === undefined) return [];
  const leaves = isLeaf(filter) ? [filter] : isAnd(filter) ? filter.and : null;
  if (!leaves || !leaves.every(isLeaf)) return null;
  return leaves.map((l) => ({ field: l.field, op: l.op, ...(l.value === undefined ? {} : { value: l.value }) }));
}

interface Leaf {
  field: string;
  op: FilterOperator;
  value?: unknown;
}

function isLeaf(node: unknown): node is Leaf {
  return typeof node === "object" && node !== null && typeof (node as Leaf).field === "string" && typeof (node as Leaf).op === "string";
}

function isAnd(node: unknown): node is { and: unknown[] } {
  return typeof node === "object" && node !== null && Array.isArray((node as { and?: unknown }).and);
}
