// Routes reach the views service and the list loader through this file, so nothing server-only
// under runtime/ can end up in a browser bundle (see runtime.server.ts beside it).
import { inLanguage } from "@runtime/i18n/schema-translations";
import { getRuntime } from "./runtime.server";
import type { ListPageDeps } from "@runtime/views/list-page.server";

export { loadListPage } from "@runtime/views/list-page.server";
export { singleRecordHref } from "@runtime/views/single-record.server";
export type { ListPageData, ListField, ViewSummary } from "@runtime/views/list-page-data";
export { handleListAction } from "@runtime/views/list-actions.server";
export type { ListActionResult, BulkDeleteFailure } from "@runtime/views/list-page-data";
export type { SavedView, ViewsService } from "@runtime/views/views.server";

/**
 * The services a list screen uses: the process's one runtime has them all. With a language, the
 * screen reads the workspace in it (table, field and option labels); records are read as stored.
 */
export async function listPageDeps(language?: string): Promise<ListPageDeps> {
  const runtime = await getRuntime();
  if (!language) return runtime;
  return { ...runtime, workspace: { current: async (options) => inLanguage(await runtime.workspace.current(options), language) } };
}
export { loadFunnelPage, FUNNEL_MONTHS } from "@runtime/views/funnel-page.server";
