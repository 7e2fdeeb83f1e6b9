import { actorFor } from "../services/actor.server";
import { docxResponse, getDocxService } from "../services/docx.server";
import { apiRoute } from "../utils/api.server";

/** `GET /api/docx/:template/:id.docx`: one record filled into a Word template. */
export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => {
    const { docx, filename } = await (await getDocxService()).fill(await actorFor(request), params.template, params.id);
    return docxResponse(docx, filename);
  },
});
