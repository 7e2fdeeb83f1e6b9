import { badRequest } from "../../runtime/errors";
import { actorFor } from "../services/actor.server";
import { getPrintService } from "../services/print.server";
import { apiRoute } from "../utils/api.server";

/** `GET /api/prints?table=invoices[&id=7]`: a table's print templates; with `id`, whether each is offered for that record. */
export const { loader, action } = apiRoute({
  GET: async ({ request }) => {
    const url = new URL(request.url);
    const table = url.searchParams.get("table");
    if (!table) throw badRequest(`name the table: /api/prints?table=invoices`);
    const id = url.searchParams.get("id") ?? undefined;
    const templates = await (await getPrintService()).offered(await actorFor(request), table, id);
    return { templates };
  },
});
