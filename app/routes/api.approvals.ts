import { actorFor } from "../services/actor.server";
import { myPendingApprovalsAs } from "../services/rules.server";
import { apiRoute } from "../utils/api.server";

/** The approvals waiting for the caller's decision, newest first. */
export const { loader, action } = apiRoute({
  GET: async ({ request }) => ({ approvals: await myPendingApprovalsAs(await actorFor(request)) }),
});
