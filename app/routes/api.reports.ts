import { actorFor } from "../services/actor.server";
import { getRuntime } from "../services/runtime.server";
import { apiRoute, jsonResponse, readJson } from "../utils/api.server";

/** The saved reports the person may see (`GET`); `POST { name, translations?, spec, chart?, roles? }` saves one. */
export const { loader, action } = apiRoute({
  GET: async ({ request }) => ({ reports: await (await getRuntime()).reports.list(await actorFor(request)) }),
  POST: async ({ request }) => {
    const actor = await actorFor(request);
    return jsonResponse(await (await getRuntime()).reports.create(actor, await readJson(request)), 201);
  },
});
