import { actorFor } from "../services/actor.server";
import { getPrintService, pdfResponse } from "../services/print.server";
import { apiRoute, parseBody, readJson } from "../utils/api.server";

const batchBody = {
  type: "object",
  required: ["ids"],
  properties: { ids: { type: "array", minItems: 1, maxItems: 500, items: { type: "integer", minimum: 1 } } },
  additionalProperties: false,
};

/** `POST /api/print/:template/batch` with `{ ids }`: the records in one PDF, each from a new page. */
export const { loader, action } = apiRoute({
  POST: async ({ request, params }) => {
    const { ids } = parseBody<{ ids: number[] }>(batchBody, await readJson(request));
    const { pdf, filename } = await (await getPrintService()).printBatch(await actorFor(request), params.template, ids);
    return pdfResponse(pdf, filename, request);
  },
});
