import { actorFor } from "../services/actor.server";
import { getRuntime } from "../services/runtime.server";
import { globalSearch } from "../services/search.server";
import { apiRoute } from "../utils/api.server";

export const { loader, action } = apiRoute({
  GET: async ({ request }) => {
    const q = new URL(request.url).searchParams.get("q") ?? "";
    const runtime = await getRuntime();
    const actor = await actorFor(request);
    const { compiled } = await runtime.workspace.current();
    return { q, groups: await globalSearch(runtime.records, compiled, actor, q) };
  },
});
