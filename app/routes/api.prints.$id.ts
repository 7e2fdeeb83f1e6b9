import {
  TEMPLATE_MAX_BYTES,
  getTemplateAs,
  removeTemplateAs,
  templateAdminFor,
  updateTemplateAs,
} from "../services/print-templates.server";
import { apiRoute, readJson } from "../utils/api.server";

/** One print template (administrators): read it whole, replace some of its parts, delete it. */
export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => getTemplateAs(await templateAdminFor(request), params.id),
  /** `PUT { name?, html?, css?, page?, condition?, project? }`: HTML is sanitized, Liquid must parse. */
  PUT: async ({ request, params }) => {
    const actor = await templateAdminFor(request);
    return updateTemplateAs(actor, params.id, await readJson(request, TEMPLATE_MAX_BYTES));
  },
  DELETE: async ({ request, params }) => {
    await removeTemplateAs(await templateAdminFor(request), params.id);
    return new Response(null, { status: 204 });
  },
});
