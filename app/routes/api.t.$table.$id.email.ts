import { actorFor } from "../services/actor.server";
import { getMail } from "../services/mail.server";
import { apiRoute, jsonResponse, readJson } from "../utils/api.server";

/** `POST /api/t/:table/:id/email`: queues one message about the record; 202 `{ id, status }`. */
export const { loader, action } = apiRoute({
  POST: async ({ request, params }) => {
    const actor = await actorFor(request);
    const body = (await readJson(request)) as Record<string, unknown>;
    const sent = await (await getMail()).send(actor, params.table!, params.id, body);
    return jsonResponse(sent, 202, { Location: `/api/mail/${sent.id}` });
  },
});
