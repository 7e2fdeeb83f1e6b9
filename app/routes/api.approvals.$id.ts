import { actorFor } from "../services/actor.server";
import { getApprovalAs } from "../services/rules.server";
import { apiRoute } from "../utils/api.server";

/** One approval, for whoever may read its record; `canDecide` says whether the caller decides its current step. */
export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => getApprovalAs(await actorFor(request), params.id),
});
