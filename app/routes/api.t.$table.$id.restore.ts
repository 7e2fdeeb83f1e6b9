import { actorFor } from "../services/actor.server";
import { getRuntime } from "../services/runtime.server";
import { apiRoute, jsonResponse } from "../utils/api.server";

export const { loader, action } = apiRoute({
  POST: async ({ request, params }) => {
    const record = await (await getRuntime()).records.restore(await actorFor(request), params.table!, params.id);
    return jsonResponse(record, 200, { ETag: `"${String(record.version)}"` });
  },
});
