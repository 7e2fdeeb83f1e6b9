import { failedRunsAs, rulesAdminFor } from "../services/rules.server";
import { apiRoute } from "../utils/api.server";

/** Failed runs of every rule, newest first: what an administrator retries. */
export const { loader, action } = apiRoute({
  GET: async ({ request }) => ({ runs: await failedRunsAs(await rulesAdminFor(request)) }),
});
