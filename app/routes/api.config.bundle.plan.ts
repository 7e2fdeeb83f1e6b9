import { requireAdmin } from "@runtime/records/permissions";
import { actorFor } from "../services/actor.server";
import { BUNDLE_MAX_BYTES, getConfigBundles } from "../services/config-bundle.server";
import { apiRoute, parseBody, readJson } from "../utils/api.server";

const planBundleBody = {
  type: "object",
  required: ["bundle"],
  properties: { bundle: { type: "object" } },
  additionalProperties: false,
};

export const { loader, action } = apiRoute({
  /** What importing `{ bundle }` would change, and the `baseVersion` to apply it with. */
  POST: async ({ request }) => {
    const actor = await actorFor(request);
    requireAdmin(actor, "importAConfiguration");
    const body = parseBody<{ bundle: unknown }>(planBundleBody, await readJson(request, BUNDLE_MAX_BYTES));
    return (await getConfigBundles()).review(actor, body.bundle);
  },
});
