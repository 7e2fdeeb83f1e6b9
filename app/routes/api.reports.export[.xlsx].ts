import { reportXlsx } from "@runtime/reports/export.server";
import { actorFor } from "../services/actor.server";
import { exportResponse } from "../services/export.server";
import { reportReaderOf, reportToExport } from "../services/reports.server";
import { apiRoute } from "../utils/api.server";

/** `GET /api/reports/export.xlsx?spec=<json>` or `?id=<saved report>`: the report's table as a workbook. */
export const { loader, action } = apiRoute({
  GET: async ({ request }) => {
    const { name, result } = await reportToExport(await actorFor(request), new URL(request.url), await reportReaderOf(request));
    return exportResponse(await reportXlsx(name, result));
  },
});
