import { valueKindOf } from "../fields/registry";
import { operatorsOf, SYSTEM_FIELDS } from "../records/filter";
import type { CompiledTable } from "../schema/compile";
import type { Phrase } from "../i18n/words";
import type { Condition, ConditionMode } from "./conditions";
import { DEFAULT_PAGE_SIZE, type ListParams } from "./list-params";
import type { ViewState } from "./stored-view";
import { checkColumns, defaultColumns } from "./view-columns";
import { viewNotice } from "./view-words";

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
export function checkConditions(table: CompiledTable, conditions: Condition[]): { conditions: Condition[]; problems: Phrase[] } {
  const kept: Condition[] = [];
  const problems: Phrase[] = [];
  for (const c of conditions) {
    const field = table.fieldsByKey.get(c.field) ?? SYSTEM_FIELDS[c.field];
    if (!field) problems.push(viewNotice("noConditionField", { table: table.pluralLabel, field: c.field.slice(0, 40) }));
    else if (!operatorsOf(field).includes(c.op))
      problems.push(viewNotice("conditionNotFor", { op: c.op, field: "label" in field ? field.label : field.key }));
    else kept.push(c);
  }
  return { conditions: kept, problems };
}

function checkSort(table: CompiledTable, sort: string): { sort: string; problems: Phrase[] } {
  const problems: Phrase[] = [];
  const parts = sort
    .split(",")
    .filter(Boolean)
    .filter((part) => {
      const key = part.replace(/^-/, "");
      if (isSortable(table, key)) return true;
      const f = table.fieldsByKey.get(key);
      problems.push(
        f
          ? viewNotice("notSortable", { table: table.pluralLabel, field: f.label })
          : viewNotice("noSortField", { table: table.pluralLabel, field: key.slice(0, 40) }),
      );
      return false;
    });
  return { sort: parts.join(","), problems };
}

export function effectiveState(table: CompiledTable, params: ListParams, view: ViewState): { state: ListState; problems: Phrase[] } {
  const problems: Phrase[] = [];
  const sort = checkSort(table, params.sort ?? view.sort ?? "");
  problems.push(...sort.problems);
  const conditions = checkConditions(table, params.conditions ?? view.conditions ?? []);
  problems.push(...conditions.problems);
  const columns = checkColumns(table, params.columns ?? view.columns ?? []);
  if (columns.unknown.length) {
    problems.push(
      viewNotice("unknownColumns", {
        count: columns.unknown.length,
        columns: columns.unknown.join(", ").slice(0, 80),
        table: table.pluralLabel,
      }),
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
