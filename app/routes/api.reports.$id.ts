import { actorFor } from "../services/actor.server";
import { getRuntime } from "../services/runtime.server";
import { apiRoute, readJson } from "../utils/api.server";

/** One saved report: `GET`, `PUT` (its owner or an admin), `DELETE`. */
export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => (await getRuntime()).reports.get(await actorFor(request), params.id),
  PUT: async ({ request, params }) => {
    const actor = await actorFor(request);
    return (await getRuntime()).reports.update(actor, params.id, await readJson(request));
  },
  DELETE: async ({ request, params }) => {
    await (await getRuntime()).reports.remove(await actorFor(request), params.id);
    return new Response(null, { status: 204 });
  },
});
