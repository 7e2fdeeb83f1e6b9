import { actorFor } from "../services/actor.server";
import { getPrintService, pdfResponse } from "../services/print.server";
import { apiRoute } from "../utils/api.server";

/** `GET /api/print/:template/:id.pdf`: one record printed with one template. */
export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => {
    const { pdf, filename } = await (await getPrintService()).printRecord(await actorFor(request), params.template, params.id);
    return pdfResponse(pdf, filename, request);
  },
});
