import { badRequest } from "@runtime/errors";
import { actorFor } from "../services/actor.server";
import { revokeTokenAs } from "../services/people.server";
import { apiRoute } from "../utils/api.server";

export const { loader, action } = apiRoute({
  DELETE: async ({ request, params }) => {
    const id = Number(params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw badRequest(`"${params.id}" is not a token id`);
    await revokeTokenAs(await actorFor(request), id);
    return new Response(null, { status: 204 });
  },
});
