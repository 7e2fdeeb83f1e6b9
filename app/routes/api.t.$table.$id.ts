import { actorFor } from "../services/actor.server";
import { timed } from "../services/request-scope.server";
import { getRuntime } from "../services/runtime.server";
import { apiRoute, jsonResponse, readJson } from "../utils/api.server";

/** The record with its version as a strong ETag, which a client sends back as If-Match. */
function recordResponse(record: { version?: unknown }): Response {
  return jsonResponse(record, 200, { ETag: `"${String(record.version)}"` });
}

export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => {
    const expand = new URL(request.url).searchParams.get("expand") ?? undefined;
    const { records } = await getRuntime();
    const actor = await actorFor(request);
    const record = await timed("records", () => records.get(actor, params.table!, params.id, { expand }));
    return recordResponse(record);
  },
  // A missing or unreadable If-Match is the service's 428; `"3"`, `W/"3"` and `3` all mean version 3.
  PATCH: async ({ request, params }) => {
    const { records } = await getRuntime();
    const actor = await actorFor(request);
    const changes = await readJson(request);
    const ifMatch = request.headers.get("if-match") ?? undefined;
    return recordResponse(await records.update(actor, params.table!, params.id, changes, ifMatch));
  },
  DELETE: async ({ request, params }) => {
    await (await getRuntime()).records.remove(await actorFor(request), params.table!, params.id);
    return new Response(null, { status: 204 });
  },
});
