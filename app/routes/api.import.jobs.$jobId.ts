import { actorFor } from "../services/actor.server";
import { getRuntime } from "../services/runtime.server";
import { apiRoute } from "../utils/api.server";

/** `GET /api/import/jobs/:jobId` → `{ state, processed, total, created, updated, errors }`. */
export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => (await getRuntime()).imports.status(await actorFor(request), params.jobId!),
});
