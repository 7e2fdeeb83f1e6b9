import { dryRunAs, RULE_MAX_BYTES, rulesAdminFor } from "../services/rules.server";
import { apiRoute, readJson } from "../utils/api.server";

/** An unsaved rule tried and rolled back: body `{ definition, limit? }`. */
export const { loader, action } = apiRoute({
  POST: async ({ request }) => {
    const actor = await rulesAdminFor(request);
    const body = (await readJson(request, RULE_MAX_BYTES)) as { definition?: unknown; limit?: unknown } | null;
    return dryRunAs(actor, { definition: body?.definition ?? null, limit: body?.limit });
  },
});
