import { exportHtml } from "@runtime/dataio/export.server";
import { actorFor } from "../services/actor.server";
import { exportQuery, exportResponse, readerOf } from "../services/export.server";
import { getRuntime } from "../services/runtime.server";
import { apiRoute } from "../utils/api.server";

/** `GET /api/t/:table/export.html`: the list view (filter, sort, q, columns) as a printable page, streamed. */
export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => {
    const { records, workspace } = await getRuntime();
    const file = await exportHtml(
      { records, workspace },
      await actorFor(request),
      params.table!,
      exportQuery(request),
      await readerOf(request),
    );
    return exportResponse(file, { inline: true });
  },
});
