import { actorFor } from "../services/actor.server";
import { getPrintJobs, jobFileResponse } from "../services/print.server";
import { apiRoute } from "../utils/api.server";

/** `GET /api/print/jobs/:jobId/file`: the finished job's PDF or ZIP, as a download. */
export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => jobFileResponse(await (await getPrintJobs()).file(await actorFor(request), params.jobId!)),
});
