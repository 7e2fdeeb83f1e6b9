import { actorFor } from "../services/actor.server";
import { timed } from "../services/request-scope.server";
import { getRuntime } from "../services/runtime.server";
import { apiRoute, jsonResponse, readJson } from "../utils/api.server";

// Query values go to the records service as text: it parses, checks and bounds every one of them.
const LIST_PARAMS = ["filter", "sort", "q", "page", "pageSize", "cursor", "expand"] as const;

export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => {
    const search = new URL(request.url).searchParams;
    const query: Record<string, string> = {};
    for (const name of LIST_PARAMS) {
      const value = search.get(name);
      if (value !== null) query[name] = value;
    }
    // Long texts come cut (named in `truncated`) unless the caller asks for them whole with full=1.
    const preview = search.get("full") !== "1";
    // count=false: the caller needs no total (a feed, a sync); the page then says only what it proves.
    const count = search.get("count") === "false" ? false : undefined;
    const { records } = await getRuntime();
    const actor = await actorFor(request);
    return timed("records", () => records.list(actor, params.table!, { ...query, preview, count }));
  },
  POST: async ({ request, params }) => {
    const { records } = await getRuntime();
    const actor = await actorFor(request);
    const body = await readJson(request);
    const record = await records.create(actor, params.table!, body);
    return jsonResponse(record, 201, {
      Location: `/api/t/${encodeURIComponent(params.table!)}/${record.id}`,
      ETag: `"${record.version}"`,
    });
  },
});
