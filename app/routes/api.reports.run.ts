import { actorFor } from "../services/actor.server";
import { getRuntime } from "../services/runtime.server";
import { apiRoute, readJson } from "../utils/api.server";

/** `POST /api/reports/run` `{ table, groupBy, measures, filter?, sort?, limit? }` → `{ columns, rows, links, truncated }`. */
export const { loader, action } = apiRoute({
  POST: async ({ request }) => (await getRuntime()).reports.run(await actorFor(request), await readJson(request)),
});
