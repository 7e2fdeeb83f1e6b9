import { actorFor } from "../services/actor.server";
import { manualRulesAs } from "../services/rules.server";
import { apiRoute } from "../utils/api.server";

/** The buttons of a record's card: `?table=<key>&recordId=<id>` → `{ rules: [{ id, name, label, offered }] }`. */
export const { loader, action } = apiRoute({
  GET: async ({ request }) => {
    const query = new URL(request.url).searchParams;
    const actor = await actorFor(request);
    return { rules: await manualRulesAs(actor, query.get("table"), query.get("recordId")) };
  },
});
