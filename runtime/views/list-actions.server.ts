import { ApiError } from "../errors";
import type { Actor } from "../records/permissions";
import type { CompiledTable } from "../schema/compile";
import { effectiveState } from "./effective-state";
import { parseListParams } from "./list-params";
import type { ListPageDeps } from "./list-page.server";
import { translationsFromForm } from "../i18n/item-names";
import { fromStoredState, toStoredState, type StoredViewState } from "./stored-view";
import type { BulkDeleteFailure, ListActionResult } from "./list-page-data";
import { viewRefusal } from "./view-words";

export type { BulkDeleteFailure, ListActionResult } from "./list-page-data";

const MAX_BULK = 500;

/** The state a list address shows (its view plus overrides), as a view stores it. */
async function storedStateOf(deps: ListPageDeps, actor: Actor, table: CompiledTable, search: string): Promise<StoredViewState> {
  const { params } = parseListParams(new URLSearchParams(search));
  const views = await deps.views.list(actor, table.id);
  const base = (params.view !== undefined ? views.find((v) => v.id === params.view) : undefined) ?? views.find((v) => v.isDefault);
  const viewState = base ? fromStoredState(table, base.state, base.name).state : {};
  const { state } = effectiveState(table, params, viewState);
  return toStoredState(table, state);
}

async function bulkDelete(deps: ListPageDeps, actor: Actor, table: CompiledTable, rawIds: string[]): Promise<ListActionResult> {
  const ids = [...new Set(rawIds.filter((id) => /^\d{1,15}$/.test(id)).map(Number))];
  if (ids.length === 0) throw viewRefusal(400, "selectFirst");
  if (ids.length > MAX_BULK) throw viewRefusal(400, "tooMany", { max: MAX_BULK });
  const deleted: number[] = [];
  const failed: BulkDeleteFailure[] = [];
  // One at a time: each delete is its own transaction, so one refused record never blocks the rest.
  for (const id of ids) {
    try {
      await deps.records.remove(actor, table.key, id);
      deleted.push(id);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      failed.push(error.phrase ? { id, message: error.message, words: error.phrase } : { id, message: error.message });
    }
  }
  return { intent: "delete", deleted, failed };
}

/** Bulk delete and saved-view changes posted from a list. */
export async function handleListAction(deps: ListPageDeps, actor: Actor, tableKey: string, form: FormData): Promise<ListActionResult> {
  const { compiled } = await deps.workspace.current();
  const table = compiled.tablesByKey.get(tableKey);
  if (!table) throw viewRefusal(404, "noTable", { table: tableKey.slice(0, 64) });
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const base = `/t/${encodeURIComponent(table.key)}`;
  const search = text("search");
  const intent = text("intent");
  switch (intent) {
    case "delete":
      return bulkDelete(
        deps,
        actor,
        table,
        form.getAll("ids").filter((v): v is string => typeof v === "string"),
      );
    case "save-view": {
      const view = await deps.views.create(actor, table.id, {
        name: text("name"),
        translations: translationsFromForm(form),
        shared: text("shared"),
        state: await storedStateOf(deps, actor, table, search),
      });
      return { intent, redirectTo: `${base}?view=${view.id}`, message: `Saved the view "${view.name}".` };
    }
    case "update-view": {
      const view = await deps.views.update(actor, table.id, text("viewId"), { state: await storedStateOf(deps, actor, table, search) });
      return { intent, redirectTo: `${base}?view=${view.id}`, message: `Updated the view "${view.name}".` };
    }
    case "delete-view":
      await deps.views.remove(actor, table.id, text("viewId"));
      return { intent, redirectTo: base, message: "Deleted the view." };
    case "set-default":
      await deps.views.setDefault(actor, table.id, await storedStateOf(deps, actor, table, search));
      return { intent, redirectTo: base, message: `This is now how everyone first sees ${table.pluralLabel}.` };
    default:
      throw viewRefusal(400, "unknownAction", { intent: intent.slice(0, 40) });
  }
}
