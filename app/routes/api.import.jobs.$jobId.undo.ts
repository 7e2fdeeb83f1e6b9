import { actorFor } from "../services/actor.server";
import { getRuntime } from "../services/runtime.server";
import { apiRoute } from "../utils/api.server";

/** `POST /api/import/jobs/:jobId/undo` → `{ trashed, restored }`, or 409 naming the records changed since. */
export const { loader, action } = apiRoute({
  POST: async ({ request, params }) => (await getRuntime()).imports.undo(await actorFor(request), params.jobId!),
});
