import { getRuleAs, removeRuleAs, RULE_MAX_BYTES, rulesAdminFor, updateRuleAs } from "../services/rules.server";
import { apiRoute, readJson } from "../utils/api.server";

/** One rule (administrators). `PUT` the edited rule with the `version` it was read at: 409 when stale. */
export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => getRuleAs(await rulesAdminFor(request), params.id),
  PUT: async ({ request, params }) => {
    const actor = await rulesAdminFor(request);
    return updateRuleAs(actor, params.id, await readJson(request, RULE_MAX_BYTES));
  },
  DELETE: async ({ request, params }) => {
    await removeRuleAs(await rulesAdminFor(request), params.id);
    return new Response(null, { status: 204 });
  },
});
