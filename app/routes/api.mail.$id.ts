import { actorFor } from "../services/actor.server";
import { getMail } from "../services/mail.server";
import { apiRoute } from "../utils/api.server";

/** `GET /api/mail/:id`: `{ status, error? }` of a message whose record the caller may read. */
export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => (await getMail()).status(await actorFor(request), params.id),
});
