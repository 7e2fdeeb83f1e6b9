import { valueKindOf } from "../fields/registry";
import { operatorsOf, SYSTEM_FIELDS } from "../records/filter";
import type { CompiledTable } from "../schema/compile";
import type { Condition, ConditionMode } from "./conditions";
import { DEFAULT_PAGE_SIZE, type ListParams } from "./list-params";
import type { ViewState } from "./stored-view";
import { checkColumns, defaultColumns } from "./view-columns";

/** What a list shows: the view's state with whatever the address overrides, checked against the table. */
export interface ListState {
  q: string;
  sort: string;
  conditions: Condition[];
  mode: ConditionMode;
  columns: string[];
  pageSize: number;
}

export function isSortable(table: CompiledTable, key: string): boolean {
  if (key in SYSTEM_FIELDS) return true;
  const f = table.fieldsByKey.get(key);
  return f !== undefined && valueKindOf(f.def).sortable;
}

/** Conditions whose field exists and offers the operator; the others, as sentences. */
export function checkConditions(table: CompiledTable, conditions: Condition[]): { conditions: Condition[]; problems: string[] } {
  const kept: Condition[] = [];
  const problems: string[] = [];
  for (const c of conditions) {
    const field = table.fieldsByKey.get(c.field) ?? SYSTEM_FIELDS[c.field];
    if (!field) problems.push(`${table.pluralLabel} have no field "${c.field.slice(0, 40)}"; that condition was left out.`);
    else if (!operatorsOf(field).includes(c.op))
      problems.push(`"${c.op}" does not apply to ${"label" in field ? field.label : field.key}; that condition was left out.`);
    else kept.push(c);
  }
  return { conditions: kept, problems };
}

function checkSort(table: CompiledTable, sort: string): { sort: string; problems: string[] } {
  const problems: string[] = [];
  const parts = sort
    .split(",")
    .filter(Boolean)
    .filter((part) => {
      const key = part.replace(/^-/, "");
      if (isSortable(table, key)) return true;
      const f = table.fieldsByKey.get(key);
      problems.push(
        f ? `${table.pluralLabel} cannot be sorted by ${f.label}.` : `${table.pluralLabel} have no field "${key.slice(0, 40)}" to sort by.`,
      );
      return false;
    });
  return { sort: parts.join(","), problems };
}

export function effectiveState(table: CompiledTable, params: ListParams, view: ViewState): { state: ListState; problems: string[] } {
  const problems: string[] = [];
  const sort = checkSort(table, params.sort ?? view.sort ?? "");
  problems.push(...sort.problems);
  const conditions = checkConditions(table, params.conditions ?? view.conditions ?? []);
  problems.push(...conditions.problems);
  const columns = checkColumns(table, params.columns ?? view.columns ?? []);
  if (columns.unknown.length) {
    problems.push(
      `${columns.unknown.length === 1 ? "A column" : `${columns.unknown.length} columns`} (${columns.unknown.join(", ").slice(0, 80)}) ${columns.unknown.length === 1 ? "is" : "are"} not a field of ${table.pluralLabel} and ${columns.unknown.length === 1 ? "was" : "were"} left out.`,
    );
  }
  return {
    state: {
      q: params.q ?? view.q ?? "",
      sort: sort.sort,
      conditions: conditions.conditions,
      mode: params.conditions !== undefined ? (params.mode ?? "and") : (view.mode ?? "and"),
      columns: columns.columns.length > 0 ? columns.columns : defaultColumns(table),
      pageSize: params.pageSize ?? view.pageSize ?? DEFAULT_PAGE_SIZE,
    },
    problems,
  };
}
