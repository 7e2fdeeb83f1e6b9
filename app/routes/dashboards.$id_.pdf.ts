import { actorFor } from "../services/actor.server";
import { dashboardPdf } from "../services/dashboards.server";
import { reportReaderOf } from "../services/reports.server";
import { pdfResponse } from "../services/print.server";
import { apiRoute } from "../utils/api.server";

/** `GET /dashboards/:id/pdf`: the dashboard's figures as a PDF, run as the person asking. */
export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => {
    const { filename, pdf } = await dashboardPdf(await actorFor(request), params.id!, await reportReaderOf(request));
    return pdfResponse(pdf, filename, request);
  },
});
