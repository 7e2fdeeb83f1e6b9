import { actorFor } from "../services/actor.server";
import { decideApprovalAs } from "../services/rules.server";
import { apiRoute, readJson } from "../utils/api.server";

/** `POST /api/approvals/:id/approve` or `/reject` with `{ comment? }`: 403 unless the caller approves the current step. */
export const { loader, action } = apiRoute({
  POST: async ({ request, params }) => {
    const actor = await actorFor(request);
    const body = request.headers.get("content-type") ? await readJson(request) : undefined;
    return decideApprovalAs(actor, params.id, params.decision, body);
  },
});
