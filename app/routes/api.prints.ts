import { badRequest } from "@runtime/errors";
import { actorFor } from "../services/actor.server";
import { translatorFor } from "../services/i18n.server";
import { getPrintService } from "../services/print.server";
import { createTemplateAs, listTemplatesAs, TEMPLATE_MAX_BYTES, templateAdminFor } from "../services/print-templates.server";
import { apiRoute, jsonResponse, readJson } from "../utils/api.server";

export const { loader, action } = apiRoute({
  /**
   * `GET /api/prints?table=invoices[&id=7]`: a table's print templates; with `id`, whether each is
   * offered for that record. `GET /api/prints` (administrators): every template with its
   * condition in words and the removed fields it refers to.
   */
  GET: async ({ request }) => {
    const url = new URL(request.url);
    const table = url.searchParams.get("table");
    const actor = await actorFor(request);
    if (!table) {
      if (!actor.rights.admin) throw badRequest(`name the table: /api/prints?table=invoices`);
      return { templates: await listTemplatesAs(actor, (await translatorFor(request)).t) };
    }
    const id = url.searchParams.get("id") ?? undefined;
    const templates = await (await getPrintService()).offered(actor, table, id);
    return { templates };
  },
  /** `POST /api/prints { table, name, html, css, page, condition?, project? }`: 201 and the template. */
  POST: async ({ request }) => {
    const actor = await templateAdminFor(request);
    return jsonResponse(await createTemplateAs(actor, await readJson(request, TEMPLATE_MAX_BYTES)), 201);
  },
});
