import { retryRunAs, rulesAdminFor } from "../services/rules.server";
import { apiRoute } from "../utils/api.server";

/** Starts a failed run again (administrators); 409 when it is not failed or already waiting. */
export const { loader, action } = apiRoute({
  POST: async ({ request, params }) => retryRunAs(await rulesAdminFor(request), params.runId),
});
