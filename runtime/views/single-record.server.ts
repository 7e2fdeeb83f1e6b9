import { mayDo, type Actor } from "../records/permissions";
import type { ListPageDeps } from "./list-page.server";

/**
 * Where the list of a one-record table (`x-single`, the firm's company card) sends the user
 * instead: that record's card, or a new card while there is none and the role may create one.
 * Null for every other table, and when there is nothing to open.
 */
export async function singleRecordHref(
  deps: Pick<ListPageDeps, "workspace" | "records">,
  actor: Actor,
  tableKey: string,
): Promise<string | null> {
  const { compiled } = await deps.workspace.current();
  const table = compiled.tablesByKey.get(tableKey);
  if (!table?.def["x-single"]) return null;
  const base = `/t/${encodeURIComponent(table.key)}`;
  const { rows } = await deps.records.list(actor, table.key, { sort: "id", pageSize: 1 });
  if (rows[0]) return `${base}/${rows[0].id}`;
  return mayDo(actor, "create", table) ? `${base}/new` : null;
}
