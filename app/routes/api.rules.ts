import { createRuleAs, listRulesAs, RULE_MAX_BYTES, rulesAdminFor } from "../services/rules.server";
import { apiRoute, jsonResponse, readJson } from "../utils/api.server";

/** Rules (administrators): every rule with its problems; `POST` a definition to add one. */
export const { loader, action } = apiRoute({
  GET: async ({ request }) => ({ rules: await listRulesAs(await rulesAdminFor(request)) }),
  /** 422 with `details.problems` (each at a JSON Pointer) when the definition has problems. */
  POST: async ({ request }) => {
    const actor = await rulesAdminFor(request);
    return jsonResponse(await createRuleAs(actor, await readJson(request, RULE_MAX_BYTES)), 201);
  },
});
