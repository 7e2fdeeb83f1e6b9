import { dryRunAs, RULE_MAX_BYTES, rulesAdminFor } from "../services/rules.server";
import { apiRoute, readJson } from "../utils/api.server";

/** What the stored rule would act on now and do, rolled back: `{ matches, actions, errors, truncated }`. Optional body `{ definition?, limit? }` tries it as edited. */
export const { loader, action } = apiRoute({
  POST: async ({ request, params }) => {
    const actor = await rulesAdminFor(request);
    const hasBody = request.headers.get("content-length") !== "0" && request.headers.get("content-type") !== null;
    const body = hasBody ? ((await readJson(request, RULE_MAX_BYTES)) as { definition?: unknown; limit?: unknown }) : {};
    return dryRunAs(actor, { id: params.id, definition: body.definition, limit: body.limit });
  },
});
