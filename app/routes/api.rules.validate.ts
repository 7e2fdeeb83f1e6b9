import { RULE_MAX_BYTES, rulesAdminFor, validateRuleAs } from "../services/rules.server";
import { apiRoute, readJson } from "../utils/api.server";

/** Every problem of a definition against the current schema, each at its JSON Pointer: `{ problems }`. */
export const { loader, action } = apiRoute({
  POST: async ({ request }) => {
    const actor = await rulesAdminFor(request);
    return { problems: await validateRuleAs(actor, await readJson(request, RULE_MAX_BYTES)) };
  },
});
