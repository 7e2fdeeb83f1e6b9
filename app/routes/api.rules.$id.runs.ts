import { badRequest } from "@runtime/errors";
import { ruleRunsAs, rulesAdminFor } from "../services/rules.server";
import { apiRoute } from "../utils/api.server";

/** A rule's run log, newest first (`?limit=`, default 100). */
export const { loader, action } = apiRoute({
  GET: async ({ request, params }) => {
    const raw = new URL(request.url).searchParams.get("limit");
    const limit = raw === null ? undefined : Number(raw);
    if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) throw badRequest("limit must be a positive whole number");
    return { runs: await ruleRunsAs(await rulesAdminFor(request), params.id, limit) };
  },
});
