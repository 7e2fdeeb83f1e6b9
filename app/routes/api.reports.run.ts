import { actorFor } from "../services/actor.server";
import { getRuntime } from "../services/runtime.server";
import { apiRoute, readJson } from "../utils/api.server";

/**
 * `POST /api/reports/run` `{ table, groupBy, measures, filter?, sort?, limit?, currency? }` →
 * `{ columns, rows, links, truncated, converted? }`: with `currency`, money in that one currency.
 */
export const { loader, action } = apiRoute({
  POST: async ({ request }) => (await getRuntime()).reports.run(await actorFor(request), await readJson(request)),
});
