import { actorFor } from "../services/actor.server";
import { getPrintJobs } from "../services/print.server";
import { apiRoute } from "../utils/api.server";

/** `GET /api/print/jobs/:jobId`: `{ jobId, state, done, total, error?, fileName }`; `DELETE` cancels it. */
export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => (await getPrintJobs()).status(await actorFor(request), params.jobId!),
  DELETE: async ({ request, params }) => (await getPrintJobs()).cancel(await actorFor(request), params.jobId!),
});
