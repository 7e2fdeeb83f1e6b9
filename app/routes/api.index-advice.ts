import { requireAdmin } from "@runtime/records/permissions";
import { actorFor } from "../services/actor.server";
import { getRuntime } from "../services/runtime.server";
import { indexAdviceForViews } from "../services/search.server";
import { apiRoute } from "../utils/api.server";

export const { loader, action } = apiRoute({
  GET: async ({ request }) => {
    requireAdmin(await actorFor(request), "seeIndexAdvice");
    const runtime = await getRuntime();
    const { compiled } = await runtime.workspace.current();
    return { advice: await indexAdviceForViews(runtime.db, compiled) };
  },
});
