import { actorFor } from "../services/actor.server";
import { getRuntime } from "../services/runtime.server";
import { apiRoute } from "../utils/api.server";

/** `GET /api/import/jobs/:jobId` → `{ state, mode, processed, total, created, updated, errors, undone }`. */
export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => (await getRuntime()).imports.status(await actorFor(request), params.jobId!),
});
