import { actorFor } from "../services/actor.server";
import { getMailings, requestOrigin } from "../services/mailings.server";
import { apiRoute, jsonResponse, readJson } from "../utils/api.server";

/**
 * `GET /api/mailings`: the caller's mailings with counts. `POST /api/mailings` with
 * `{ template, view? }` (a saved list view's id; none or "all" for the whole table) → 202 `{ id }`.
 */
export const { loader, action } = apiRoute({
  GET: async ({ request }) => ({ mailings: await (await getMailings()).list(await actorFor(request)) }),
  POST: async ({ request }) => {
    const actor = await actorFor(request);
    const body = (await readJson(request)) as Record<string, unknown>;
    const created = await (await getMailings()).create(actor, body ?? {}, requestOrigin(request));
    return jsonResponse(created, 202, { Location: `/api/mailings/${created.id}` });
  },
});
