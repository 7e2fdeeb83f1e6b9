import { exportCsv } from "@runtime/dataio/export.server";
import { actorFor } from "../services/actor.server";
import { exportQuery, exportResponse } from "../services/export.server";
import { getRuntime } from "../services/runtime.server";
import { apiRoute } from "../utils/api.server";

/** `GET /api/t/:table/export.csv`: the list view (filter, sort, q, columns) as CSV, streamed. */
export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => {
    const { records, workspace } = await getRuntime();
    return exportResponse(await exportCsv({ records, workspace }, await actorFor(request), params.table!, exportQuery(request)));
  },
});
