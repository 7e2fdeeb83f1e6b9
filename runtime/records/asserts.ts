import { queryRefusal } from "./query-words";
import type { CompiledTable } from "../schema/compile";
import { parseFilter, type FilterNode } from "./filter";
import { recordMatches } from "./filter-match";
import { titleOf } from "./titles";

/**
 * A table's invariants (`x-assert`): conditions in the list filter language its records keep,
 * e.g. an invoice's balance never below zero. A write that breaks one, directly or through the
 * totals it changes (a payment larger than what is owed), is refused with the assertion's message
 * and nothing is saved. A record that broke it before the rule existed can still be edited.
 */
interface Assertion {
  that: FilterNode;
  message: string;
}

const parsed = new WeakMap<CompiledTable, Assertion[]>();

function assertionsOf(table: CompiledTable): Assertion[] {
  let list = parsed.get(table);
  if (!list) {
    list = (table.def["x-assert"] ?? []).map((a) => ({ that: parseFilter(table, a.that)!, message: a.message }));
    parsed.set(table, list);
  }
  return list;
}

export function refuseBrokenAsserts(table: CompiledTable, before: Record<string, unknown> | null, after: Record<string, unknown>): void {
  for (const a of assertionsOf(table)) {
    if (recordMatches(a.that, after) || (before !== null && !recordMatches(a.that, before))) continue;
    throw queryRefusal(422, "query.assertion", { title: titleOf(table, after), message: a.message }, { assertion: a.message });
  }
}
