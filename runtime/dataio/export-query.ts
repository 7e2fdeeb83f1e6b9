import { toFilter } from "../views/conditions";
import type { ListState } from "../views/effective-state";

/** The export address's query for a list as shown: its filter, sort, search and columns. */
export function exportQueryOf(state: Pick<ListState, "conditions" | "mode" | "sort" | "q" | "columns">): string {
  const query = new URLSearchParams();
  const filter = toFilter(state.conditions, state.mode);
  if (filter) query.set("filter", JSON.stringify(filter));
  if (state.sort) query.set("sort", state.sort);
  if (state.q) query.set("q", state.q);
  if (state.columns.length) query.set("columns", state.columns.join(","));
  return query.toString();
}
