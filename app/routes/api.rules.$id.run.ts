import { runManualAs } from "../services/rules.server";
import { actorFor } from "../services/actor.server";
import { apiRoute, readJson } from "../utils/api.server";

/** A manual rule's button clicked: `{ recordId, clickId? }`; runs at once with the caller's rights and answers the run. */
export const { loader, action } = apiRoute({
  POST: async ({ request, params }) => {
    const actor = await actorFor(request);
    return runManualAs(actor, params.id, await readJson(request));
  },
});
