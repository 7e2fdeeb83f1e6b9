import { actorFor } from "../services/actor.server";
import { auditAs } from "../services/people.server";
import { apiRoute } from "../utils/api.server";

export const { loader, action } = apiRoute({
  GET: async ({ request }) => {
    const search = new URL(request.url).searchParams;
    const [table, record, user, act, before] = ["table", "record", "user", "action", "before"].map((name) => search.get(name));
    return { entries: await auditAs(await actorFor(request), { table, record, user, action: act, before }) };
  },
});
