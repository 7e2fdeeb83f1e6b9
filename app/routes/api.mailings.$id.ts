import { actorFor } from "../services/actor.server";
import { getMailings } from "../services/mailings.server";
import { apiRoute } from "../utils/api.server";

/** `GET /api/mailings/:id`: `{ status, counts, recipients: [...] }` of the caller's own mailing (404 for anyone else's). */
export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => (await getMailings()).get(await actorFor(request), params.id),
});
