import { actorFor } from "../services/actor.server";
import { getDocxService } from "../services/docx.server";
import { apiRoute } from "../utils/api.server";

/** `DELETE /api/docx-templates/:id` (administrators): 204. */
export const { loader, action } = apiRoute({
  DELETE: async ({ request, params }) => {
    await (await getDocxService()).remove(await actorFor(request), params.id);
    return new Response(null, { status: 204 });
  },
});
