import { actorFor } from "../services/actor.server";
import { getMailings, requestOrigin } from "../services/mailings.server";
import { apiRoute } from "../utils/api.server";

/** `GET /api/mailings/preview?template=&view=&record=`: the list's first recipients and one message as it would go. */
export const { loader, action } = apiRoute({
  GET: async ({ request }) => {
    const url = new URL(request.url);
    const get = (name: string) => url.searchParams.get(name) ?? undefined;
    return (await getMailings()).preview(
      await actorFor(request),
      { template: get("template"), view: get("view"), record: get("record") },
      requestOrigin(request),
    );
  },
});
