import type { CompiledTable } from "../schema/compile";
import { fromFilter, toFilter, type Condition, type ConditionMode } from "./conditions";
import type { Phrase } from "../i18n/words";
import { fieldIdOf, fieldKeyOf } from "./view-columns";
import { viewNotice } from "./view-words";

/**
 * A saved view as `crm_views.state` holds it. Fields are named by their stable ids, so renaming a
 * field never breaks a view, and removing one drops only what used it.
 */
export interface StoredViewState {
  columns?: string[];
  /** Sort keys by id, `-` for descending: `-f_inv_date,f_inv_no`. */
  sort?: string;
  /** The records service's filter format, with field ids in place of keys. */
  filter?: Record<string, unknown>;
  pageSize?: number;
  q?: string;
}

/** A view's state in the table's current field keys. */
export interface ViewState {
  columns?: string[];
  sort?: string;
  conditions?: Condition[];
  mode?: ConditionMode;
  pageSize?: number;
  q?: string;
}

function mapSort(sort: string, map: (name: string) => string | null): { sort?: string; missing: number } {
  let missing = 0;
  const parts: string[] = [];
  for (const part of sort.split(",").filter(Boolean)) {
    const desc = part.startsWith("-");
    const mapped = map(desc ? part.slice(1) : part);
    if (mapped === null) missing++;
    else parts.push(desc ? `-${mapped}` : mapped);
  }
  return { sort: parts.length ? parts.join(",") : undefined, missing };
}

function mapConditions(conditions: Condition[], map: (name: string) => string | null): { conditions: Condition[]; missing: number } {
  const kept: Condition[] = [];
  for (const c of conditions) {
    const field = map(c.field);
    if (field !== null) kept.push({ ...c, field });
  }
  return { conditions: kept, missing: conditions.length - kept.length };
}

/** Keys → ids, for saving. Names that are not fields of the table are left out. */
export function toStoredState(table: CompiledTable, state: ViewState): StoredViewState {
  const toId = (key: string) => fieldIdOf(table, key);
  const out: StoredViewState = {};
  if (state.columns) out.columns = state.columns.map(toId).filter((id): id is string => id !== null);
  if (state.sort) {
    const sort = mapSort(state.sort, toId).sort;
    if (sort) out.sort = sort;
  }
  if (state.conditions && state.conditions.length > 0) {
    const filter = toFilter(mapConditions(state.conditions, toId).conditions, state.mode ?? "and");
    if (filter) out.filter = filter;
  }
  if (state.pageSize) out.pageSize = state.pageSize;
  if (state.q) out.q = state.q;
  return out;
}

/**
 * Ids → current keys. A part naming a removed field is dropped on its own, and a notice says
 * what was dropped, so the rest of the view still works.
 */
export function fromStoredState(table: CompiledTable, stored: unknown, viewName: string): { state: ViewState; notices: Phrase[] } {
  const notices: Phrase[] = [];
  const state: ViewState = {};
  const name = viewName;
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) {
    return { state, notices: [viewNotice("storedUnreadable", { name })] };
  }
  const s = stored as Record<string, unknown>;
  const toKey = (id: string) => fieldKeyOf(table, id);

  if (Array.isArray(s.columns)) {
    const ids = s.columns.filter((c): c is string => typeof c === "string");
    const keys = ids.map(toKey).filter((k): k is string => k !== null);
    const missing = ids.length - keys.length;
    if (missing) notices.push(viewNotice("storedColumns", { name, count: missing }));
    if (keys.length) state.columns = keys;
  }
  if (typeof s.sort === "string" && s.sort) {
    const { sort, missing } = mapSort(s.sort, toKey);
    if (missing) notices.push(viewNotice("storedSort", { name }));
    if (sort) state.sort = sort;
  }
  if (s.filter !== undefined) {
    const parsed = fromFilter(s.filter);
    if (!parsed) notices.push(viewNotice("storedFilterUnreadable", { name }));
    else {
      const { conditions, missing } = mapConditions(parsed.conditions, toKey);
      if (missing) notices.push(viewNotice("storedConditions", { name, count: missing }));
      state.conditions = conditions;
      state.mode = parsed.mode;
    }
  }
  if (typeof s.pageSize === "number" && Number.isInteger(s.pageSize) && s.pageSize > 0) state.pageSize = s.pageSize;
  if (typeof s.q === "string" && s.q) state.q = s.q;
  return { state, notices };
}
