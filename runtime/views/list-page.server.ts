import { ApiError } from "../errors";
import type { Phrase } from "../i18n/words";
import { localToday, hasOverdueState, isOverdue } from "../records/derived-state";
import { operatorsOf } from "../records/filter";
import { mayDo, type Actor } from "../records/permissions";
import type { RecordsService } from "../records/service.server";
import type { CompiledTable } from "../schema/compile";
import type { WorkspaceService } from "../workspace/workspace.server";
import { isRelation, relationTarget } from "../fields/structure";
import { boardGroupFields } from "../records/board-fields";
import { checkTimeZone } from "../automation/schedule";
import { loadBoard } from "./board-page.server";
import { calendarFields, loadCalendar } from "./calendar-page.server";
import { toFilter } from "./conditions";
import { effectiveState, isSortable, type ListState } from "./effective-state";
import { funnelFields } from "./funnel";
import { currentCursor, listSearch, parseListParams, withChanges } from "./list-params";
import { fromStoredState, type ViewState } from "./stored-view";
import { isListableField } from "./view-columns";
import { viewNotice, viewRefusal } from "./view-words";
import type { ListField, ListPageData, ViewSummary } from "./list-page-data";

export type { ListField, ListPageData, ViewSummary } from "./list-page-data";
import type { SavedView, ViewsService } from "./views.server";

export interface ListPageDeps {
  workspace: Pick<WorkspaceService, "current">;
  records: RecordsService;
  views: ViewsService;
}

const summary = (v: SavedView): ViewSummary => ({
  id: v.id,
  name: v.name,
  translations: v.translations,
  shared: v.shared,
  isDefault: v.isDefault,
  editable: v.editable,
});

export function listFields(table: CompiledTable): ListField[] {
  return table.fields.map((f) => ({
    ...f,
    sortable: isSortable(table, f.key),
    operators: [...operatorsOf(f)],
    listable: isListableField(f.kind),
  }));
}

async function titlesOfConditionRecords(
  deps: ListPageDeps,
  actor: Actor,
  table: CompiledTable,
  state: ListState,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const { compiled } = await deps.workspace.current();
  for (const c of state.conditions) {
    const f = table.fieldsByKey.get(c.field);
    const targetKey = f && relationTarget(f);
    const target = targetKey ? compiled.tablesByKey.get(targetKey) : undefined;
    const ids = (Array.isArray(c.value) ? c.value : [c.value]).filter(
      (v) => typeof v === "number" || (typeof v === "string" && /^\d+$/.test(v)),
    );
    if (!target || ids.length === 0) continue;
    try {
      // Ids offer only ordered operators (no "in"), so the ids are OR-ed equalities.
      const filter = { or: ids.slice(0, 50).map((id) => ({ field: "id", op: "eq", value: id })) };
      const found = await deps.records.list(actor, target.key, { filter, pageSize: 100 });
      for (const r of found.rows)
        out[`${c.field}:${r.id}`] = target.titleField && r[target.titleField] ? String(r[target.titleField]) : `${target.label} #${r.id}`;
    } catch {
      // A chip without a title still shows the id; this is no reason to fail the list.
    }
  }
  return out;
}

/** Everything the list screen at `url` shows. A bad address shows the list with notices, never fails. */
export async function loadListPage(deps: ListPageDeps, actor: Actor, tableKey: string, url: URL): Promise<ListPageData> {
  const { compiled } = await deps.workspace.current();
  const table = compiled.tablesByKey.get(tableKey);
  if (!table) throw viewRefusal(404, "noTable", { table: tableKey.slice(0, 64) });

  const { params, problems } = parseListParams(url.searchParams);
  const notices: Array<string | Phrase> = [...problems];
  const views = await deps.views.list(actor, table.id);
  let active: SavedView | null = null;
  if (params.view !== undefined) {
    active = views.find((v) => v.id === params.view) ?? null;
    if (!active) {
      notices.push(viewNotice("viewMissing"));
      delete params.view;
    }
  }
  active ??= views.find((v) => v.isDefault) ?? null;
  let viewState: ViewState = {};
  if (active) {
    const resolved = fromStoredState(table, active.state, active.name);
    viewState = resolved.state;
    notices.push(...resolved.notices);
  }
  const effective = effectiveState(table, params, viewState);
  const state = effective.state;
  notices.push(...effective.problems);

  const expand = state.columns
    .filter((k) => {
      const f = table.fieldsByKey.get(k);
      return f !== undefined && isRelation(f);
    })
    .join(",");
  let result;
  try {
    result = await deps.records.list(actor, table.key, {
      q: state.q || undefined,
      filter: toFilter(state.conditions, state.mode),
      sort: state.sort || undefined,
      page: params.page,
      pageSize: state.pageSize,
      cursor: currentCursor(params),
      expand: expand || undefined,
      preview: true,
    });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 400) throw error;
    notices.push(viewNotice("withoutFilter", { problem: error.phrase ?? error.message }));
    state.conditions = [];
    state.sort = "";
    params.conditions = [];
    delete params.sort;
    params.page = 1;
    params.cursors = [];
    result = await deps.records.list(actor, table.key, {
      q: state.q || undefined,
      pageSize: state.pageSize,
      expand: expand || undefined,
      preview: true,
    });
  }

  const board =
    params.layout === "board"
      ? await loadBoard(deps.records, actor, table, params.groupBy, {
          filter: toFilter(state.conditions, state.mode),
          q: state.q || undefined,
          columns: state.columns,
        })
      : null;
  if (board && funnelFields(table).some((f) => f.key === board.groupBy)) {
    const search = new URLSearchParams(listSearch(withChanges(params, { layout: undefined, groupBy: undefined })).slice(1));
    search.set("by", board.groupBy);
    board.funnelHref = `/t/${encodeURIComponent(table.key)}/funnel?${search.toString()}`;
  }
  const calendar =
    params.layout === "calendar"
      ? await loadCalendar(
          deps.records,
          actor,
          table,
          { date: params.date, span: params.span, at: params.at },
          { filter: toFilter(state.conditions, state.mode), q: state.q || undefined },
          // Days begin where the firm's schedules and due dates begin theirs.
          checkTimeZone(process.env.TESSERA_TIME_ZONE || "UTC"),
        )
      : null;
  const today = localToday();
  const overdueIds = hasOverdueState(table.fieldsByKey.keys()) ? result.rows.filter((r) => isOverdue(r, today)).map((r) => r.id) : [];
  return {
    table: { key: table.key, label: table.label, pluralLabel: table.pluralLabel, titleField: table.titleField },
    fields: listFields(table),
    params,
    state,
    rows: result.rows,
    total: result.total,
    totalExact: result.totalExact,
    page: result.page,
    pageSize: result.pageSize,
    nextCursor: result.nextCursor,
    views: views.map(summary),
    activeView: active ? summary(active) : null,
    notices,
    overdueIds,
    today,
    rights: { create: mayDo(actor, "create", table), delete: mayDo(actor, "delete", table) },
    boardFields: boardGroupFields(table).map((f) => ({ key: f.key, label: f.label })),
    board,
    calendarFields: calendarFields(actor, table).map((f) => ({ key: f.key, label: f.label })),
    calendar,
    refTitles: await titlesOfConditionRecords(deps, actor, table, state),
  };
}
