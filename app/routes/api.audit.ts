import { actorFor } from "../services/actor.server";
import { auditAs } from "../services/people.server";
import { apiRoute } from "../utils/api.server";

export const { loader, action } = apiRoute({
  GET: async ({ request }) => {
    const url = new URL(request.url);
    return {
      entries: await auditAs(await actorFor(request), { table: url.searchParams.get("table"), record: url.searchParams.get("record") }),
    };
  },
});
